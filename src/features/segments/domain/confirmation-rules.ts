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
