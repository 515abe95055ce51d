import { describe, expect, it } from 'vitest'
import { createReadProgressStore } from './read-progress'

describe('createReadProgressStore', () => {
  it('tells only the source being read about its progress, and forgets it once it ends', () => {
    const store = createReadProgressStore()
    const heard: string[] = []
    store.subscribe('source-1', () => heard.push('source-1'))
    const unsubscribe = store.subscribe('source-2', () => heard.push('source-2'))

    store.set('source-1', { bytesRead: 512, totalBytes: 2048 })
    unsubscribe()
    store.set('source-2', { bytesRead: 1, totalBytes: 2 })
    store.delete('source-1')

    expect(heard).toEqual(['source-1', 'source-1'])
    expect(store.get('source-1')).toBeUndefined()
    expect(store.get('source-2')).toEqual({ bytesRead: 1, totalBytes: 2 })
  })
})
