import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { BodyScanner, MAX_HELD_ID_CHARS, MAX_RECORDED_CHARS } from './body-scanner.ts'

function scanInPieces(body: string, cuts: number[]) {
  const ids: string[] = []
  const scanner = new BodyScanner((id) => ids.push(id))
  const bytes = Buffer.from(body, 'utf8')
  let start = 0
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    scanner.write(bytes.subarray(start, Math.max(start, cut)))
    start = Math.max(start, cut)
  }
  scanner.write(bytes.subarray(start))
  return { ids, result: scanner.result() }
}

describe('BodyScanner', () => {
  it('reads the segment fields and every user ID, however the body is cut into chunks', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'grapheme' }), { maxLength: 20 }),
        fc.string({ unit: 'grapheme', maxLength: 30 }),
        fc.array(fc.nat(400), { maxLength: 8 }),
        (userIds, title, cuts) => {
          const body = JSON.stringify({
            title,
            tag: 'vip2026',
            nested: { tag: 'not this one', userIds: ['no'] },
            sourceType: 0,
            userIds,
            notes: 'week 48',
          })
          const { ids, result } = scanInPieces(body, cuts)
          expect(ids).toEqual(userIds)
          expect(result).toEqual({
            fields: { title, tag: 'vip2026', sourceType: 0, notes: 'week 48' },
            userIdCount: userIds.length,
            propertyNames: [],
            complete: true,
            duplicateKey: null,
            idCapped: false,
          })
        },
      ),
    )
  })

  it('decodes escapes, including a surrogate pair split across chunks', () => {
    const { ids } = scanInPieces('{"userIds":["a\\"b","\\ud83d\\ude00","x\\ny"]}', [15, 16, 20])
    expect(ids).toEqual(['a"b', '😀', 'x\ny'])
  })

  it('names the properties of update_user and caps an oversized value', () => {
    const body = JSON.stringify({
      userIds: ['1'],
      userProperties: { vip_level: 'gold', favourite: { deep: 1 } },
      title: 'x'.repeat(MAX_RECORDED_CHARS + 10),
    })
    const { result } = scanInPieces(body, [])
    expect(result.propertyNames).toEqual(['vip_level', 'favourite'])
    expect(String(result.fields.title)).toHaveLength(MAX_RECORDED_CHARS)
  })

  it('names a top-level field the body names twice, but not a nested one', () => {
    expect(
      scanInPieces('{"tag":"a","nested":{"tag":"b"},"userIds":["1"],"tag":"c"}', [9, 30]).result
        .duplicateKey,
    ).toBe('tag')
    expect(scanInPieces('{"userIds":["1"],"tag":"a","userIds":[]}', []).result.duplicateKey).toBe(
      'userIds',
    )
    expect(scanInPieces('{"tag":"a","nested":{"tag":"b"}}', []).result.duplicateKey).toBe(null)
  })

  it('holds at most the cap of a 20 MB notes string while it streams, never the whole string', () => {
    const ids: string[] = []
    const scanner = new BodyScanner((id) => ids.push(id))
    scanner.write(Buffer.from('{"tag":"vip","notes":"'))
    const megabyte = Buffer.from('n'.repeat(1024 * 1024))
    let mostHeld = 0
    for (let index = 0; index < 20; index++) {
      scanner.write(megabyte)
      mostHeld = Math.max(mostHeld, scanner.heldChars)
    }
    scanner.write(Buffer.from(`","userIds":["${'i'.repeat(100_000)}","2"]}`))
    const result = scanner.result()
    expect(mostHeld).toBeLessThanOrEqual(MAX_RECORDED_CHARS + 1)
    expect(String(result.fields.notes)).toHaveLength(MAX_RECORDED_CHARS)
    expect(ids.map((id) => id.length)).toEqual([MAX_HELD_ID_CHARS + 1, 1])
    expect(result.idCapped).toBe(true)
  })

  it('says when the body is not one complete JSON object', () => {
    expect(scanInPieces('{"userIds":["1"', []).result.complete).toBe(false)
  })
})
