import type { FanVersion } from '../../../../contracts/history'

export type { FanVersion } from '../../../../contracts/history'

/** The kept versions of one tag, newest first, with a sentence on the fan's place in them. */
export interface TagTimeline {
  tag: string
  /** The title of the newest kept version. */
  title: string | null
  versions: FanVersion[]
  summary: string
}

export interface TimelineOptions {
  /** The time zone the times are written in; the browser's own when left out. */
  timeZone?: string
}

/**
 * How one upload is named in a sentence, e.g. → "Jane Doe's upload of 1 Dec, 09:12"; an upload
 * with no name on its token (or imported from a browser) → "the upload of 1 Dec, 09:12".
 */
function describeUpload(version: FanVersion, options: TimelineOptions = {}): string {
  const time = formatUploadTime(version.createdAt, options)
  return version.actorName ? `${version.actorName}'s upload of ${time}` : `the upload of ${time}`
}

/** e.g. '2026-12-01T09:12:00Z' → "1 Dec, 09:12" (in the browser's time zone unless told). */
export function formatUploadTime(iso: string, options: TimelineOptions = {}): string {
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: options.timeZone,
  }).format(new Date(iso))
}

/**
 * The fan's place in one tag's kept versions (oldest first), as a sentence, e.g.
 * in v1 and v3 but not v2 → "In vipList since Sam's upload of 3 Dec, 10:00.";
 * in v1 only → "Left vipList with Sam's upload of 2 Dec, 10:00."; in every one → "In all 3 kept versions of vipList."
 */
export function describeTag(
  tag: string,
  oldestFirst: readonly FanVersion[],
  options: TimelineOptions = {},
): string {
  const newest = oldestFirst.at(-1)
  const inCount = oldestFirst.filter((version) => version.containsId).length
  if (!newest || inCount === 0) return `Not in any kept version of ${tag}.`
  if (oldestFirst.length === 1) {
    return `In the only kept version of ${tag}, ${describeUpload(newest, options)}.`
  }
  if (inCount === oldestFirst.length) return `In all ${inCount} kept versions of ${tag}.`
  // The versions that agree with the newest began with the upload that put the fan in or took them out.
  const lastDisagreeing = oldestFirst.findLastIndex(
    (version) => version.containsId !== newest.containsId,
  )
  const change = oldestFirst[lastDisagreeing + 1] ?? newest
  const upload = describeUpload(change, options)
  return newest.containsId ? `In ${tag} since ${upload}.` : `Left ${tag} with ${upload}.`
}

/**
 * Groups the versions by tag: the tag changed most recently first, each tag's versions newest
 * first, each with its sentence (see describeTag).
 */
export function fanTimelines(
  versions: readonly FanVersion[],
  options: TimelineOptions = {},
): TagTimeline[] {
  const byTag = new Map<string, FanVersion[]>()
  for (const version of versions) {
    const list = byTag.get(version.tag)
    if (list) list.push(version)
    else byTag.set(version.tag, [version])
  }
  const timelines = [...byTag].map(([tag, list]): TagTimeline => {
    const oldestFirst = [...list].sort(byTime)
    const versions = [...oldestFirst].reverse()
    return {
      tag,
      title: versions[0]?.title ?? null,
      versions,
      summary: describeTag(tag, oldestFirst, options),
    }
  })
  return timelines.sort((a, b) => newestTime(b) - newestTime(a) || a.tag.localeCompare(b.tag))
}

function newestTime(timeline: TagTimeline): number {
  const newest = timeline.versions[0]
  return newest ? Date.parse(newest.createdAt) : 0
}

function byTime(a: FanVersion, b: FanVersion): number {
  return Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.recordId.localeCompare(b.recordId)
}
