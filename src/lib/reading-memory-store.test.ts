// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as z from 'zod/mini'
import { createReadingMemoryStore } from './reading-memory-store'

const KEY = 'fanpass-console.test-readings.v1'
const store = () => createReadingMemoryStore(KEY, z.object({ idColumn: z.number() }))

afterEach(() => {
  localStorage.clear()
  vi.restoreAllMocks()
})

describe('createReadingMemoryStore', () => {
  it('reads back what was remembered, in another store over the same key', () => {
    store().remember('account id\u001Femail', { idColumn: 1 })

    expect(store().recall('account id\u001Femail')).toEqual({ idColumn: 1 })
    store().forget('account id\u001Femail')
    expect(store().recall('account id\u001Femail')).toBeNull()
    expect(localStorage.getItem(KEY)).toBeNull()
  })

  it('ignores entries edited by hand into something else, and keeps the good ones', () => {
    localStorage.setItem(
      KEY,
      JSON.stringify([
        { signature: 'a', choice: { idColumn: 'two' }, savedAt: 1 },
        { signature: 'b', choice: { idColumn: 2 }, savedAt: 2 },
        'junk',
      ]),
    )
    expect(store().recall('a')).toBeNull()
    expect(store().recall('b')).toEqual({ idColumn: 2 })

    localStorage.setItem(KEY, '{not json')
    expect(store().entries()).toEqual([])
  })

  it('remembers nothing, and throws nothing, when the browser blocks storage', () => {
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('blocked', 'SecurityError')
    })
    vi.spyOn(Storage.prototype, 'getItem').mockImplementation(() => {
      throw new DOMException('blocked', 'SecurityError')
    })

    expect(() => store().remember('a', { idColumn: 1 })).not.toThrow()
    expect(store().recall('a')).toBeNull()
  })
})
