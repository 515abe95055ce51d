import { formatQuantity } from '../../../lib/format'
import type { TeamRecord } from '../../../lib/team-history-record'

export interface TagSizePoint {
  createdAt: number
  size: number
}

export interface TagSizeSeries {
  tag: string
  /** The title used by the tag's most recent accepted upload. */
  title: string
  /** Oldest first, one point per accepted upload. */
  points: TagSizePoint[]
}

/** Whether FanPass accepted the request (2xx); only then did what it holds change. */
export function wasAccepted(record: Pick<TeamRecord, 'httpStatus'>): boolean {
  return record.httpStatus !== null && record.httpStatus >= 200 && record.httpStatus < 300
}

/**
 * Groups the team's accepted segment uploads into one size series per tag, most recently
 * uploaded tag first. Example: userGroup1 at 09:00 (48,000 IDs) and 10:00 (48,120), refused at
 * 11:00 → [{tag: "userGroup1", points: [{…, size: 48000}, {…, size: 48120}]}].
 */
export function summariseTagSizes(records: readonly TeamRecord[]): TagSizeSeries[] {
  const byTag = new Map<string, TeamRecord[]>()
  for (const record of records) {
    if (record.kind !== 'segment' || record.tag === null || !wasAccepted(record)) continue
    const uploads = byTag.get(record.tag)
    if (uploads === undefined) byTag.set(record.tag, [record])
    else uploads.push(record)
  }

  const series = [...byTag.entries()].map(([tag, uploads]) => {
    const ordered = uploads
      .map((upload) => ({ upload, at: Date.parse(upload.createdAt) }))
      .sort((a, b) => a.at - b.at)
    return {
      tag,
      title: ordered.at(-1)?.upload.title ?? '',
      points: ordered.map(({ upload, at }) => ({ createdAt: at, size: upload.userIdCount ?? 0 })),
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
