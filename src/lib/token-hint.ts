/**
 * What a page that needs a token says while none is in use: why the one typed under Connection
 * was refused, or else to paste one `purpose`.
 * e.g. (null, 'before uploading') → 'Paste your API token under Connection before uploading.'
 * ('A token has no spaces in it. Copy it again from the FanReach Portal.', …) →
 * 'The token in the Connection panel was not used: A token has no spaces in it. Copy it again from the FanReach Portal.'
 */
export function tokenHint(refusal: string | null, purpose: string): string {
  return refusal === null
    ? `Paste your API token under Connection ${purpose}.`
    : `The token in the Connection panel was not used: ${refusal}`
}
