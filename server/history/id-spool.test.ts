import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { afterAll, describe, expect, it } from 'vitest'
import { idLine } from './id-buckets.ts'
import { IdSpool, type SpoolTrouble } from './id-spool.ts'

const dir = mkdtempSync(join(tmpdir(), 'fanpass-id-spool-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Enough IDs for several of the spool's 64 KB writes. */
const ids = Array.from({ length: 20_000 }, (_, index) => `fan-${String(index).padStart(7, '0')}`)

describe('IdSpool', () => {
  it('writes every ID, one escaped line each, and says the list is complete', async () => {
    const spool = new IdSpool(join(dir, 'complete.ids'), 64 * 1024 * 1024, () => undefined)
    const written = [...ids, 'line\nbreak']
    for (const id of written) spool.add(id)
    expect(await spool.close()).toBe(true)
    expect(readFileSync(spool.path, 'utf8')).toBe(written.map((id) => `${idLine(id)}\n`).join(''))
  })

  // A refused write destroys the stream at once, but its 'error' comes only once the file is
  // closed: a close() asked in between once called a list the disk had cut short complete, and
  // the history kept it as the tag's last version.
  it.each(Array.from({ length: 12 }, (_, turns) => turns))(
    'never calls a list complete once the disk refused a write (close after %i turns)',
    async (turns) => {
      const said: SpoolTrouble[] = []
      const spool = new IdSpool('/dev/full', 64 * 1024 * 1024, (trouble) => said.push(trouble))
      for (const id of ids) spool.add(id)
      for (let turn = 0; turn < turns; turn++) await nextTurn()
      expect(await spool.close()).toBe(false)
      expect(said).toEqual([{ kind: 'disk-error', code: 'ENOSPC' }])
    },
  )

  it('gives a list up when the disk falls behind by more than the limit', async () => {
    const said: SpoolTrouble[] = []
    const spool = new IdSpool(join(dir, 'lagging.ids'), 1, (trouble) => said.push(trouble))
    for (const id of ids) spool.add(id)
    expect(await spool.close()).toBe(false)
    expect(said[0]?.kind).toBe('lagging')
  })
})
