import { afterEach, describe, expect, it, vi } from 'vitest'
import { recordListAnswerSchema } from '../../contracts/history'
import { ConsoleHistoryError, readConsoleHistory } from './console-history'
import { aTeamRecord } from './testing/team-record-builder'

afterEach(() => {
  vi.unstubAllGlobals()
})

function answerWith(body: unknown) {
  vi.stubGlobal('fetch', async () => Response.json(body))
}

describe('readConsoleHistory', () => {
  it('returns an answer that has the shape of the contract', async () => {
    answerWith({ records: [aTeamRecord()] })
    expect(await readConsoleHistory('/records', recordListAnswerSchema)).toEqual({
      records: [aTeamRecord()],
    })
  })

  it('refuses an answer of another shape with a sentence, instead of passing it on', async () => {
    answerWith({ records: [{ ...aTeamRecord(), listState: 'archived-on-tape' }] })
    const reading = readConsoleHistory('/records', recordListAnswerSchema)
    await expect(reading).rejects.toBeInstanceOf(ConsoleHistoryError)
    await expect(reading).rejects.toThrow(
      'The team history answered in a way this console cannot read. Reload the page.',
    )
  })
})
