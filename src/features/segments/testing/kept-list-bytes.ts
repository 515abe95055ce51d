/** A kept list as the team history answers it and the worker receives it: the JSON text's bytes. */
export function keptListBytes(json: string): ArrayBuffer {
  return new TextEncoder().encode(json).buffer
}
