import { formatQuantity } from '../../../lib/format'
import type { SegmentSubmissionRecord, SubmissionRecord } from '../../../lib/history/history-db'

export interface TagSizePoint {
  createdAt: number
  size: number
}

export interface TagSizeSeries {
  tag: string
  /** The title used by the tag's most recent succeeded upload. */
  title: string
  /** Oldest first, one point per succeeded upload. */
  points: TagSizePoint[]
}

/**
 * Groups succeeded segment uploads into one size series per tag, most recently uploaded tag first.
 * Example: userGroup1 at 09:00 (48,000 IDs) and 10:00 (48,120), failed at 11:00 →
 * [{tag: "userGroup1", points: [{…, size: 48000}, {…, size: 48120}]}].
 */
export function summariseTagSizes(records: readonly SubmissionRecord[]): TagSizeSeries[] {
  const byTag = new Map<string, SegmentSubmissionRecord[]>()
  for (const record of records) {
    // Only an accepted upload changes what FanPass holds, so only it moves the line.
    if (record.kind !== 'segment' || record.status !== 'succeeded') continue
    const uploads = byTag.get(record.tag)
    if (uploads === undefined) byTag.set(record.tag, [record])
    else uploads.push(record)
  }

  const series = [...byTag.entries()].map(([tag, uploads]) => {
    const ordered = uploads.sort((a, b) => a.createdAt - b.createdAt || a.id - b.id)
    return {
      tag,
      title: ordered.at(-1)?.title ?? '',
      points: ordered.map((upload) => ({
        createdAt: upload.createdAt,
        size: upload.counts.uniqueIds,
      })),
    }
  })
  return series.sort(
    (a, b) => (b.points.at(-1)?.createdAt ?? 0) - (a.points.at(-1)?.createdAt ?? 0),
  )
}

/** Describes a series for screen readers. Example: → "userGroup1 size over time: 3 uploads, latest 48,120 IDs". */
export function describeTagSizes(series: TagSizeSeries): string {
  const count = series.points.length
  const latest = series.points.at(-1)?.size ?? 0
  const uploads = formatQuantity(count, 'upload')
  const ids = formatQuantity(latest, 'ID')
  return `${series.tag} size over time: ${uploads}, latest ${ids}`
}

/** The download name for a history export on a given local day. Example: 4 Mar 2025 → "fanpass-history-2025-03-04.csv". */
export function historyCsvFileName(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0')
  return `fanpass-history-${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}.csv`
}
