import * as z from 'zod/mini'
import {
  forget,
  recall,
  remember,
  type ReadingMemory,
  type RememberedReading,
} from './reading-memory'

// Kept in localStorage, like the property settings: a few hundred bytes per export, read at the
// moment a file is chosen (so the remembered ID column is read in the same pass as the file),
// and nothing in it is secret: header names and column choices, never a cell, never the token.
// IndexedDB (Dexie) would make that read asynchronous and load Dexie on the Segments page.

/** The remembered choices of one kind, under one localStorage key. */
export interface ReadingMemoryStore<T> {
  recall(signature: string): T | null
  /** Every remembered choice, most recent first. */
  entries(): ReadingMemory<T>
  remember(signature: string, choice: T): void
  forget(signature: string): void
}

/**
 * A store over localStorage[key]; entries that no longer match `choiceSchema` are ignored. A
 * browser that blocks storage (some private windows) simply remembers nothing.
 * e.g. createReadingMemoryStore('fanpass-console.segment-readings.v1', z.object({ idColumn: z.number() }))
 */
export function createReadingMemoryStore<T>(
  key: string,
  choiceSchema: z.ZodMiniType<T>,
): ReadingMemoryStore<T> {
  const entrySchema = z.object({
    signature: z.string(),
    choice: choiceSchema,
    savedAt: z.number(),
  })

  const load = (): ReadingMemory<T> => {
    let raw: string | null
    try {
      raw = localStorage.getItem(key)
    } catch {
      return []
    }
    if (raw === null) return []
    let stored: unknown
    try {
      stored = JSON.parse(raw)
    } catch {
      return []
    }
    if (!Array.isArray(stored)) return []
    // Entry by entry, so one edited by hand does not throw the others away.
    return stored.flatMap((entry: unknown): RememberedReading<T>[] => {
      const parsed = entrySchema.safeParse(entry)
      return parsed.success ? [parsed.data as RememberedReading<T>] : []
    })
  }

  const save = (memory: ReadingMemory<T>) => {
    try {
      if (memory.length === 0) localStorage.removeItem(key)
      else localStorage.setItem(key, JSON.stringify(memory))
    } catch {
      // Full or blocked storage: the choice is used now and not remembered, nothing worse.
    }
  }

  return {
    recall: (signature) => recall(load(), signature),
    entries: load,
    remember: (signature, choice) => save(remember(load(), signature, choice, Date.now())),
    forget: (signature) => save(forget(load(), signature)),
  }
}
