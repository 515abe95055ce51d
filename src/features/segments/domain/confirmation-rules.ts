export interface PreviousUpload {
  size: number
  added: number
  removed: number
  unchanged: number
}

/**
 * Whether the marketer must type the tag to confirm: a list under half its previous size is
 * more often a wrong file than a real change. e.g. (400, 1000) → true; (600, 1000) → false
 */
export function requiresTypedConfirmation(newSize: number, previousSize: number | null): boolean {
  return previousSize !== null && newSize < previousSize / 2
}

/** What confirming a batch asks the marketer to type; null when nothing shrinks by half. */
export interface BatchTypedConfirmation {
  /** 'tag': the one tag that shrinks; 'count': how many of the batch's segments shrink. */
  kind: 'tag' | 'count'
  expected: string
}

/**
 * The shrink guard of a batch: the tag to type when one segment shrinks by more than half, as
 * for a single segment; the number of such segments when several do, so ten shrinking tags are
 * not ten fields. e.g. ['vip'] → { kind: 'tag', expected: 'vip' }; ['a', 'b'] → { kind: 'count', expected: '2' }; [] → null
 */
export function batchTypedConfirmation(
  shrinkingTags: readonly string[],
): BatchTypedConfirmation | null {
  const [only, ...others] = shrinkingTags
  if (only === undefined) return null
  if (others.length === 0) return { kind: 'tag', expected: only }
  return { kind: 'count', expected: String(shrinkingTags.length) }
}
