import { useQuery } from '@tanstack/react-query'
import { useEffect } from 'react'
import type { UseFormReturn } from 'react-hook-form'
import { useSearchParams } from 'react-router'
import { recordedBy } from '../../../lib/team-history-record'
import { historyPrefillQueryOptions } from '../api/history-prefill'
import type { ReplaceSegmentInput } from '../api/replace-segment'

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })

/**
 * History's "Refresh this segment" (?refresh=record id) prefills the form from a past upload of
 * the team; "Restore this version" (?restore=record id) also loads that upload's kept ID list as
 * the source, so it goes through the same preview, dialog and shrink guard as any upload.
 */
export function useHistoryPrefill(
  form: UseFormReturn<ReplaceSegmentInput>,
  addKeptList: (name: string, keptJson: string, recordedCount: number | null) => void,
): void {
  const [searchParams, setSearchParams] = useSearchParams()
  const restoreId = searchParams.get('restore') ?? ''
  const recordId = restoreId || (searchParams.get('refresh') ?? '')
  const prefill = useQuery(historyPrefillQueryOptions(recordId, restoreId !== ''))

  useEffect(() => {
    if (!prefill.data) return
    const { record, keptJson } = prefill.data
    const tag = record.tag ?? ''
    form.reset({
      title: record.title ?? '',
      tag,
      // The collection knows one source type, 0 (Imported).
      sourceType: 0,
      notes: '',
      userIdCount: 0,
    })
    if (keptJson !== null) {
      const by = recordedBy(record)
      const name = `${tag} as uploaded ${dateTime.format(new Date(record.createdAt))} by ${by}`
      addKeptList(name, keptJson, record.userIdCount)
    }
    // The prefill happens once; dropping the parameter keeps a reload from adding the list twice.
    setSearchParams({}, { replace: true })
  }, [prefill.data, form, addKeptList, setSearchParams])
}
