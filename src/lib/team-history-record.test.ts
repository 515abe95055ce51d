import { describe, expect, it } from 'vitest'
import { recordedBy, whoseUpload } from './team-history-record'

describe('naming who made a team history record', () => {
  it('names the marketer whose token sent it', () => {
    const record = { actorName: 'Jane Doe', origin: 'console' } as const
    expect(recordedBy(record)).toBe('Jane Doe')
    expect(whoseUpload(record)).toBe("Jane Doe's upload")
  })

  it('says a token carried no name', () => {
    const record = { actorName: null, origin: 'console' } as const
    expect(recordedBy(record)).toBe('an unnamed token')
    expect(whoseUpload(record)).toBe("an unnamed token's upload")
  })

  it('says a record came from a browser, which never knew who sent it', () => {
    const record = { actorName: null, origin: 'browser-import' } as const
    expect(recordedBy(record)).toBe('a browser (imported)')
    expect(whoseUpload(record)).toBe('the upload imported from a browser')
  })
})
