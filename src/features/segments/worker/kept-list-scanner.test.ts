import { describe, expect, it } from 'vitest'
import { idFromNumericKey, numericIdKey } from '../../../lib/ingest/id-set'
import { IdArrayScanner } from './kept-list-scanner'

const bytes = (text: string) => new TextEncoder().encode(text)

/** The IDs the scanner hands over for `pieces`, each checked to carry its own numeric key. */
function scan(pieces: readonly Uint8Array[]): { ids: string[]; count: number } {
  const ids: string[] = []
  const scanner = new IdArrayScanner((id, key) => {
    const value = key === -1 ? id : idFromNumericKey(key)
    expect(key).toBe(numericIdKey(value))
    ids.push(value)
  })
  for (const piece of pieces) scanner.push(piece)
  return { ids, count: scanner.end() }
}

// Digits with leading zeros, 14 and 15 digits, other IDs, escapes (a quote, a backslash, a
// code point), characters of 2, 3 and 4 bytes, the empty ID and a duplicate.
const KEPT = [
  '0012',
  '12',
  '99999999999999',
  '123456789012345',
  'T1000000',
  'a"b\\c',
  '\u0031\u0032x',
  'é',
  '会员',
  '😀',
  '',
  '12',
]
const KEPT_TEXT = ` [ ${KEPT.map((id) => JSON.stringify(id)).join(' ,\n')} ]\r\n`

describe('a kept list read from its bytes', () => {
  it('gives every item JSON.parse gives, in order', () => {
    expect(scan([bytes(KEPT_TEXT)])).toEqual({ ids: KEPT, count: KEPT.length })
    expect(scan([bytes('["\\u0031\\u0032"]')]).ids).toEqual(['12'])
    expect(scan([bytes('[]')])).toEqual({ ids: [], count: 0 })
  })

  it('gives the same items wherever the answer is cut into pieces', () => {
    const whole = bytes(KEPT_TEXT)
    for (let cut = 0; cut <= whole.length; cut++) {
      expect(scan([whole.subarray(0, cut), whole.subarray(cut)]).ids).toEqual(KEPT)
    }
    expect(scan([...whole].map((byte) => Uint8Array.of(byte))).ids).toEqual(KEPT)
  })

  it.each([
    ['nothing', ''],
    ['an array never closed', '["1"'],
    ['an item cut short', '["12'],
    ['a trailing comma', '["1",]'],
    ['a leading comma', '[,"1"]'],
    ['two items without a comma', '["1" "2"]'],
    ['text after the array', '["1"] x'],
    ['a second array', '[][]'],
    ['an object', '{"ids":[]}'],
    ['a number', '[1]'],
    ['null', '[null]'],
    ['a raw control character', '["a\u0001"]'],
    ['a raw newline in an ID of digits', '["1\n2"]'],
    ['an unknown escape', '["\\x"]'],
    ['a short code point escape', '["\\u00"]'],
  ])('refuses %s', (_, text) => {
    expect(() => scan([bytes(text)])).toThrow(
      'The team history did not answer with a list of user IDs.',
    )
  })
})
