import { VisuallyHidden } from '@mantine/core'

/** One thing to tell a screen reader user, stamped so the newest of several wins. */
export interface Announcement {
  text: string
  at: number
}

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
