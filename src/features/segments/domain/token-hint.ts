/**
 * What Segments says while no token is in use: why the one typed under Connection was refused,
 * or else to paste one.
 * e.g. 'A token has no spaces in it. Copy it again from the FanReach Portal.' →
 * 'The token in the Connection panel was not used: A token has no spaces in it. Copy it again from the FanReach Portal.'
 */
export function tokenHint(refusal: string | null): string {
  return refusal === null
    ? 'Paste your API token under Connection before uploading.'
    : `The token in the Connection panel was not used: ${refusal}`
}
