import { describe, expect, it } from 'vitest'
import { sampleRecords } from './sample-records'

describe('sampleRecords', () => {
  it('keeps a line break inside quotes within its record, and drops blank lines', () => {
    expect(sampleRecords('id;note\n1;"two\nlines"\n\n2;"say ""hi""\n"\n', true)).toEqual([
      'id;note',
      '1;"two\nlines"',
      '2;"say ""hi""\n"',
    ])
  })

  it('leaves out the last record of a partial sample, which may be cut', () => {
    expect(sampleRecords('id,note\n1,a\n2,"cut\nhere', false)).toEqual(['id,note', '1,a'])
    expect(sampleRecords('id,note\n1,a\n2,b', true)).toEqual(['id,note', '1,a', '2,b'])
  })

  it('reads a quote inside an unquoted value as a character', () => {
    expect(sampleRecords('id,size\n1,12" pizza\n2,9" pizza\n', true)).toEqual([
      'id,size',
      '1,12" pizza',
      '2,9" pizza',
    ])
  })

  it('falls back to lines when a quote opened early is never closed', () => {
    expect(sampleRecords('"id,note\n1,a\n2,b\n', false)).toEqual(['"id,note', '1,a', '2,b'])
  })

  it('stops after `limit` records', () => {
    expect(sampleRecords('a\nb\nc\nd\n', true, 2)).toEqual(['a', 'b'])
  })
})
