import { describe, expect, it } from 'vitest'
import {
  forget,
  headerSignature,
  MAX_REMEMBERED_READINGS,
  recall,
  remember,
  type ReadingMemory,
} from './reading-memory'

describe('headerSignature', () => {
  it('recognises the same header row written a little differently', () => {
    expect(headerSignature(['Account ID', ' E-mail\u00A0', 'Seat\u200B'])).toBe(
      headerSignature(['account  id', 'e-mail', 'SEAT']),
    )
    // "é" composed or as e + combining accent.
    expect(headerSignature(['Pr\u00e9nom'])).toBe(headerSignature(['Pre\u0301nom']))
  })

  it('tells apart another column, another order and a missing column', () => {
    const signature = headerSignature(['Account ID', 'Email'])
    expect(headerSignature(['Email', 'Account ID'])).not.toBe(signature)
    expect(headerSignature(['Account ID', 'Email', 'Tier'])).not.toBe(signature)
    expect(headerSignature(['Account ID'])).not.toBe(signature)
    // A joint that cannot be typed: "a b" + "c" is not "a" + "b c".
    expect(headerSignature(['a b', 'c'])).not.toBe(headerSignature(['a', 'b c']))
  })
})

describe('remember, recall and forget', () => {
  it('keeps one choice per header row, the latest', () => {
    let memory: ReadingMemory<number> = []
    memory = remember(memory, 'a', 1, 10)
    memory = remember(memory, 'b', 2, 20)
    memory = remember(memory, 'a', 3, 30)

    expect(recall(memory, 'a')).toBe(3)
    expect(recall(memory, 'b')).toBe(2)
    expect(recall(memory, 'c')).toBeNull()
    expect(memory.map((entry) => entry.signature)).toEqual(['a', 'b'])
    expect(recall(forget(memory, 'a'), 'a')).toBeNull()
  })

  it('never remembers a table without a header row', () => {
    expect(remember([], '', 1, 10)).toEqual([])
    expect(recall([{ signature: '', choice: 1, savedAt: 1 }], '')).toBeNull()
  })

  it('makes room by dropping the oldest choices', () => {
    let memory: ReadingMemory<number> = []
    for (let i = 0; i <= MAX_REMEMBERED_READINGS; i++) memory = remember(memory, `s${i}`, i, i)

    expect(memory).toHaveLength(MAX_REMEMBERED_READINGS)
    expect(recall(memory, 's0')).toBeNull()
    expect(recall(memory, `s${MAX_REMEMBERED_READINGS}`)).toBe(MAX_REMEMBERED_READINGS)
  })
})
