/**
 * The bytes, cut at each of `cuts` (taken modulo the length), as a file's stream delivers them:
 * for the property tests that read a value split across any chunk boundary.
 * e.g. cutAt(bytes('a,b\n'), [1, 3]) yields 'a', ',b', '\n'
 */
export async function* cutAt(
  bytes: Uint8Array,
  cuts: readonly number[],
): AsyncGenerator<Uint8Array> {
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b)
  let from = 0
  for (const point of [...points, bytes.length]) {
    if (point > from) yield bytes.slice(from, point)
    from = point
  }
}
