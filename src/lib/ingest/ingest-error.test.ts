import { describe, expect, it } from 'vitest'
import { cancelledError, IngestError, isIngestError, isIngestErrorCode } from './ingest-error'

describe('IngestError', () => {
  it('carries a code and a sentence, which is also its message', () => {
    const error = new IngestError('empty-file', 'ids.csv is empty.')
    expect(error).toBeInstanceOf(Error)
    expect(isIngestError(error)).toBe(true)
    expect(error).toMatchObject({
      name: 'IngestError',
      code: 'empty-file',
      message: 'ids.csv is empty.',
    })
    expect(isIngestError(new Error('x'))).toBe(false)
  })

  it('knows its codes', () => {
    expect(isIngestErrorCode('cancelled')).toBe(true)
    expect(isIngestErrorCode('oops')).toBe(false)
    expect(cancelledError('ids.csv').sentence).toBe('Reading ids.csv was cancelled.')
  })
})
