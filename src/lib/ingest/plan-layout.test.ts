import { describe, expect, it } from 'vitest'
import { headerSignature } from '../reading-memory'
import { IngestError } from './ingest-error'
import { planLayout, type PlanLayoutInput } from './plan-layout'

function plan(sample: string, overrides: Partial<PlanLayoutInput> = {}) {
  return planLayout({ sample, isWholeText: true, kind: 'file', name: 'ids.csv', ...overrides })
}

describe('planLayout', () => {
  it('reads a CSV with a header as a table and picks the ID column by name', () => {
    expect(plan('Email,Account ID\na@x.com,0012\nb@x.com,0034\n')).toEqual({
      layout: 'table',
      delimiter: ',',
      hasHeader: true,
      columns: ['Email', 'Account ID'],
      idColumn: 1,
      idColumnGuessed: false,
      automaticIdColumn: 1,
      idColumnChoice: 'automatic',
    })
  })

  it('names columns when there is no header, and marks the first-column choice as a guess', () => {
    expect(plan('0012;Ann\n0034;Bo\n')).toMatchObject({
      layout: 'table',
      hasHeader: false,
      columns: ['Column 1', 'Column 2'],
      idColumn: 0,
      idColumnGuessed: true,
    })
  })

  it('reads one line of separated IDs, or space-separated IDs, as a list', () => {
    expect(plan('0012,0034,0056')).toMatchObject({ layout: 'list', hasHeader: false })
    expect(plan('0012 0034\n0056 0078\n0090 0011\n')).toMatchObject({ layout: 'list' })
    // Cut off inside its first line: one long list.
    expect(plan('0012,0034,00', { isWholeText: false })).toMatchObject({ layout: 'list' })
  })

  it('keeps a single-column file with a header as a table', () => {
    expect(plan('Account ID\n0012\n0034\n')).toMatchObject({
      layout: 'table',
      delimiter: null,
      hasHeader: true,
      columns: ['Account ID'],
    })
  })

  it('reads pasted text as a list unless it is a table with a header', () => {
    expect(plan('0012\t0034\n0056\t0078\n', { kind: 'paste' })).toMatchObject({ layout: 'list' })
    expect(plan('Account ID\n0012\n', { kind: 'paste' })).toMatchObject({
      layout: 'list',
      hasHeader: true,
      columns: ['Account ID'],
    })
    expect(plan('Name\tFan ID\nAnn\t0012\n', { kind: 'paste' })).toMatchObject({
      layout: 'table',
      idColumn: 1,
    })
  })

  it('does not take a line of IDs after a label for a header', () => {
    expect(plan('userId,123,456')).toMatchObject({ layout: 'list', hasHeader: false })
  })

  it('uses the column asked for, and refuses one that does not exist', () => {
    expect(plan('Account ID,Email\n1,a\n', { idColumn: 1 })).toMatchObject({
      idColumn: 1,
      idColumnGuessed: false,
    })
    expect(() => plan('Account ID,Email\n1,a\n', { idColumn: 2 })).toThrow(IngestError)
    expect(() => plan('1,2,3', { idColumn: 1 })).toThrow('ids.csv has only 1 column')
  })

  it('reads the column remembered for the same header row, and only for it', () => {
    const remembered = new Map([[headerSignature(['Account ID', 'Email', 'Crm Ref']), 2]])
    const sample = 'account id,EMAIL,Crm Ref\n1,a,c-1\n'

    expect(plan(sample, { rememberedIdColumns: remembered })).toMatchObject({
      idColumn: 2,
      automaticIdColumn: 0,
      idColumnChoice: 'remembered',
    })
    // Asked for now, the column wins over the memory.
    expect(plan(sample, { rememberedIdColumns: remembered, idColumn: 1 })).toMatchObject({
      idColumn: 1,
      idColumnChoice: 'chosen',
    })
    // Another header row, or a remembered column the file does not have: the automatic choice.
    expect(plan('Account ID,Email\n1,a\n', { rememberedIdColumns: remembered })).toMatchObject({
      idColumn: 0,
      idColumnChoice: 'automatic',
    })
    const tooFar = new Map([[headerSignature(['Account ID', 'Email']), 5]])
    expect(plan('Account ID,Email\n1,a\n', { rememberedIdColumns: tooFar })).toMatchObject({
      idColumn: 0,
      idColumnChoice: 'automatic',
    })
  })
})
