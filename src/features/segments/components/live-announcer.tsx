import { VisuallyHidden } from '@mantine/core'
import type { Announcement } from '../domain/id-sources'

/** e.g. announce('Reading fans.csv…') → { text: 'Reading fans.csv…', at: 1767225600000 } */
export function announce(text: string): Announcement {
  return { text, at: Date.now() }
}

/**
 * The page's one polite live region, always in the DOM (a region inserted together with its text
 * is not reliably read out): it speaks the newest of the announcements it is given.
 */
export function LiveAnnouncer({ announcements }: { announcements: (Announcement | null)[] }) {
  const newest = announcements.reduce<Announcement | null>(
    (latest, next) => (next !== null && (latest === null || next.at >= latest.at) ? next : latest),
    null,
  )
  return (
    <VisuallyHidden role="status" aria-live="polite" aria-label="Segment progress">
      {newest?.text ?? ''}
    </VisuallyHidden>
  )
}
