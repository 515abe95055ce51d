import { describe, expect, it } from 'vitest'
import { headerSignature, sheetsSignature } from '../../../lib/reading-memory'
import {
  applyRememberedCombination,
  combinationKey,
  combinationMemoryChange,
  idColumnMemoryChange,
  recalledCombinationSentence,
  recalledIdColumnSentence,
  recalledSheetSentence,
  rememberedIdColumns,
  rememberedSheets,
  sheetMemoryChange,
  type CombinedSource,
} from './remembered-reading'

const renewalsHeader = headerSignature(['Account ID', 'Name'])
const lapsedHeader = headerSignature(['Name', 'Ticketing ID'])
const renewals: CombinedSource = { sourceId: 's1', name: 'renewals.csv', signature: renewalsHeader }
const lapsed: CombinedSource = { sourceId: 's2', name: 'lapsed.csv', signature: lapsedHeader }

describe('the remembered ID column', () => {
  const summary = {
    headerSignature: headerSignature(['Email', 'Account ID', 'CRM Ref']),
    columns: ['Email', 'Account ID', 'CRM Ref'],
    automaticIdColumn: 1,
    idColumn: 2,
  }

  it('is remembered when another column is chosen, and forgotten for the automatic one', () => {
    expect(idColumnMemoryChange(summary, 2)).toEqual({
      signature: summary.headerSignature,
      choice: { idColumn: 2 },
    })
    expect(idColumnMemoryChange(summary, 1)).toEqual({
      signature: summary.headerSignature,
      choice: null,
    })
    expect(idColumnMemoryChange({ headerSignature: null, automaticIdColumn: 0 }, 1)).toBeNull()
  })

  it('is handed to the reader by header row, and said in one line', () => {
    const memory = [{ signature: summary.headerSignature, choice: { idColumn: 2 }, savedAt: 1 }]
    expect(rememberedIdColumns(memory)).toEqual(new Map([[summary.headerSignature, 2]]))
    expect(recalledIdColumnSentence(summary)).toBe(
      'Read as last time: IDs from the column "CRM Ref" (the automatic choice is "Account ID").',
    )
  })
})

describe('the remembered combination', () => {
  it('is keyed by the header rows of every source, in any order', () => {
    expect(combinationKey([renewalsHeader, lapsedHeader])).toBe(
      combinationKey([lapsedHeader, renewalsHeader]),
    )
    expect(combinationKey([renewalsHeader])).toBeNull()
    // Pasted IDs have no header row: not a weekly export.
    expect(combinationKey([renewalsHeader, null])).toBeNull()
  })

  it('keeps the mode and the order, and forgets Union, the automatic choice', () => {
    expect(combinationMemoryChange('subtract', [lapsed, renewals])).toEqual({
      key: combinationKey([renewalsHeader, lapsedHeader]),
      choice: { mode: 'subtract', order: [lapsedHeader, renewalsHeader] },
    })
    expect(combinationMemoryChange('union', [lapsed, renewals])).toEqual({
      key: combinationKey([renewalsHeader, lapsedHeader]),
      choice: null,
    })
  })

  it("puts this week's sources in last time's order, whatever order they were dropped in", () => {
    const remembered = { mode: 'subtract' as const, order: [lapsedHeader, renewalsHeader] }
    expect(applyRememberedCombination(remembered, 'union', [renewals, lapsed])).toEqual({
      mode: 'subtract',
      order: ['s2', 's1'],
    })
    // Already combined that way: nothing to do.
    expect(applyRememberedCombination(remembered, 'subtract', [lapsed, renewals])).toBeNull()
    // A source of another shape joined them: the memory does not apply.
    const other = { sourceId: 's3', name: 'other.csv', signature: 'other' }
    expect(applyRememberedCombination(remembered, 'union', [renewals, other])).toBeNull()
  })

  it('keeps two exports with the same header row in the order they were added', () => {
    const older = { ...renewals, sourceId: 'a' }
    const newer = { ...renewals, sourceId: 'b' }
    const remembered = { mode: 'intersection' as const, order: [renewalsHeader, renewalsHeader] }
    expect(applyRememberedCombination(remembered, 'union', [older, newer])).toEqual({
      mode: 'intersection',
      order: ['a', 'b'],
    })
  })

  it('is said in one line', () => {
    expect(recalledCombinationSentence('subtract', 'renewals.csv')).toBe(
      'Combined as last time: Subtract, "renewals.csv" first.',
    )
  })
})

describe('the remembered sheet', () => {
  const workbook = {
    sheets: [
      { name: 'Summary', hidden: false },
      { name: 'Renewals', hidden: false },
    ],
  }
  const signature = sheetsSignature(['Summary', 'Renewals'])

  it('keeps the name of a sheet other than the automatic one, by the sheet names', () => {
    expect(sheetMemoryChange(workbook, 0, 1)).toEqual({ signature, choice: { sheet: 'Renewals' } })
    expect(
      rememberedSheets([{ signature, choice: { sheet: 'Renewals' }, savedAt: 1 }]).get(signature),
    ).toBe('Renewals')
  })

  it('forgets it when the automatic sheet is chosen again, and ignores one-sheet workbooks', () => {
    expect(sheetMemoryChange(workbook, 0, 0)).toEqual({ signature, choice: null })
    expect(sheetMemoryChange({ sheets: [{ name: 'Fans', hidden: false }] }, 0, 0)).toBeNull()
  })

  it('says which sheet was read as last time', () => {
    expect(recalledSheetSentence({ ...workbook, sheet: 1 })).toBe(
      'Read as last time: the sheet "Renewals".',
    )
  })
})

describe('the combination uploaded to a tag', () => {
  it('is kept even for Union, with the tag, and the line names the tag', () => {
    expect(combinationMemoryChange('union', [renewals, lapsed], 'vipFans')).toEqual({
      key: combinationKey([renewalsHeader, lapsedHeader]),
      choice: { mode: 'union', order: [renewalsHeader, lapsedHeader], tag: 'vipFans' },
    })
    expect(recalledCombinationSentence('subtract', 'renewals.csv', 'lapsedFans')).toBe(
      'Combined as last time for lapsedFans: Subtract, "renewals.csv" first.',
    )
  })
})
