import { useEffect, useState } from 'react'
import { isIngestError } from '../../../lib/ingest/ingest-error'
import { parseSource } from '../../../lib/ingest/parse-source'

export interface PastedIds {
  status: 'empty' | 'reading' | 'ready' | 'error'
  ids: string[]
  /** What cleaning did (duplicates removed, scientific notation excluded…), one sentence each. */
  notes: string[]
  /** The text these IDs were read from, so a caller can tell a stale result. */
  text: string
}

const EMPTY: PastedIds = { status: 'empty', ids: [], notes: [], text: '' }

/**
 * The IDs in a pasted text, read exactly as pasted segment IDs are (same cleaning, same notes),
 * a moment after the marketer stops typing.
 */
export function usePastedIds(text: string, delayMs = 200): PastedIds {
  const [result, setResult] = useState<PastedIds>(EMPTY)
  const isEmpty = text.trim() === ''

  useEffect(() => {
    if (isEmpty) return
    const controller = new AbortController()
    const timer = setTimeout(() => {
      setResult((previous) => ({ ...previous, status: 'reading', text }))
      parseSource(text, { name: 'User IDs', kind: 'paste', signal: controller.signal }).then(
        (parsed) => {
          if (controller.signal.aborted) return
          setResult({
            status: 'ready',
            ids: parsed.ids.slice(),
            notes: [
              ...parsed.summary.issues.map((issue) => issue.sentence),
              ...parsed.summary.warnings,
            ],
            text,
          })
        },
        (error: unknown) => {
          if (controller.signal.aborted) return
          setResult({
            status: 'error',
            ids: [],
            notes: [isIngestError(error) ? error.sentence : 'These IDs could not be read.'],
            text,
          })
        },
      )
    }, delayMs)
    return () => {
      controller.abort()
      clearTimeout(timer)
    }
  }, [text, isEmpty, delayMs])

  return isEmpty ? EMPTY : result
}
