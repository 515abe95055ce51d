import { useQuery } from '@tanstack/react-query'
import { useEffect } from 'react'
import type { UseFormReturn } from 'react-hook-form'
import { useSearchParams } from 'react-router'
import { historyPrefillQueryOptions } from '../api/history-prefill'
import type { ReplaceSegmentInput } from '../api/replace-segment'

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })

/**
 * History's "Refresh this segment" (?refresh=id) prefills the form from a past upload;
 * "Restore this version" (?restore=id) also loads that upload's kept ID list as the source.
 */
export function useHistoryPrefill(
  form: UseFormReturn<ReplaceSegmentInput>,
  addIdList: (name: string, ids: readonly string[]) => void,
): void {
  const [searchParams, setSearchParams] = useSearchParams()
  const restoreId = Number(searchParams.get('restore'))
  const refreshId = Number(searchParams.get('refresh'))
  const submissionId = restoreId || refreshId
  const prefill = useQuery(historyPrefillQueryOptions(submissionId, restoreId > 0))

  useEffect(() => {
    if (!prefill.data) return
    const { submission, ids } = prefill.data
    form.reset({
      title: submission.title,
      tag: submission.tag,
      sourceType: 0,
      notes: '',
      userIdCount: 0,
    })
    if (ids)
      addIdList(`${submission.tag} as uploaded ${dateTime.format(submission.createdAt)}`, ids)
    // The prefill happens once; dropping the parameter keeps a reload from adding the list twice.
    setSearchParams({}, { replace: true })
  }, [prefill.data, form, addIdList, setSearchParams])
}
