import { describe, expect, it } from 'vitest'
import type { RowCondition } from '../../../../../contracts/recipe'
import { recipeSchema } from '../../../../../contracts/recipe'
import { headerSignature } from '../../../../lib/reading-memory'
import type { SourceSummary } from '../../worker/types'
import { captureRecipe } from './capture-recipe'

const columns = ['Account ID', 'Plan Type', 'Renewal Status']

function source(overrides: Partial<SourceSummary> = {}): SourceSummary {
  return {
    sourceId: 'source-1',
    name: 'tickets-monday.csv',
    sha256: null,
    kind: 'file',
    sizeBytes: 400,
    encoding: 'utf-8',
    layout: 'table',
    delimiter: ',',
    lineEnding: 'crlf',
    hasHeader: true,
    columns,
    idColumn: 0,
    automaticIdColumn: 0,
    idColumnChoice: 'automatic',
    headerSignature: headerSignature(columns),
    workbook: null,
    rowsRead: 10,
    uniqueIds: 9,
    issues: [],
    warnings: [],
    durationMs: 1,
    ...overrides,
  }
}

const renewed: RowCondition = {
  kind: 'text',
  column: 'Renewal Status',
  op: 'isOneOf',
  values: ['Renewed'],
}

describe('captureRecipe', () => {
  it('keeps the header row, sheet, ID column, conditions, order and combination, and no ID', () => {
    const optOut = source({
      sourceId: 'source-2',
      name: 'opt-outs.xlsx',
      columns: ['Email', 'Member'],
      idColumn: 1,
      headerSignature: headerSignature(['Email', 'Member']),
      workbook: {
        format: 'xlsx',
        sheets: [
          { name: 'Summary', hidden: false },
          { name: 'Opt-outs', hidden: false },
        ],
        sheet: 1,
        sheetRemembered: false,
      },
    })
    const capture = captureRecipe(
      [
        { summary: source(), conditions: [renewed] },
        { summary: optOut, conditions: [] },
      ],
      'subtract',
      { title: 'Renewed', tag: 'renewed' },
      null,
    )
    expect(capture).toEqual({
      kind: 'captured',
      recipe: {
        version: 1,
        sources: [
          {
            columns,
            headerSignature: headerSignature(columns),
            sheet: null,
            idColumn: 'Account ID',
            conditions: [renewed],
          },
          {
            columns: ['Email', 'Member'],
            headerSignature: headerSignature(['Email', 'Member']),
            sheet: 'Opt-outs',
            idColumn: 'Member',
            conditions: [],
          },
        ],
        combine: 'subtract',
        split: null,
        segment: { title: 'Renewed', tag: 'renewed' },
      },
    })
    if (capture.kind !== 'captured') return
    expect(recipeSchema.safeParse({ ...capture.recipe, name: 'R', notes: '' }).success).toBe(true)
  })

  it("keeps the split by its source's place in the combination, and no single segment", () => {
    const optOuts = source({ sourceId: 'source-7', name: 'opt-outs.csv' })
    const capture = captureRecipe(
      [
        { summary: optOuts, conditions: [] },
        { summary: source(), conditions: [renewed] },
      ],
      'subtract',
      { title: 'Renewed', tag: 'renewed' },
      {
        sourceId: 'source-1',
        column: 'Plan Type',
        tagPrefix: 'plan',
        titlePattern: 'Plan: {value}',
      },
    )
    expect(capture.kind === 'captured' && capture.recipe).toMatchObject({
      split: { source: 1, column: 'Plan Type', tagPrefix: 'plan', titlePattern: 'Plan: {value}' },
      segment: null,
    })
    if (capture.kind !== 'captured') return
    expect(recipeSchema.safeParse({ ...capture.recipe, name: 'R', notes: '' }).success).toBe(true)
    expect(
      captureRecipe([{ summary: optOuts, conditions: [] }], 'union', null, {
        sourceId: 'source-1',
        column: 'Plan Type',
        tagPrefix: 'plan',
        titlePattern: '{value}',
      }),
    ).toEqual({
      kind: 'refused',
      sentence: 'The file split into one segment per value is not in the list: add it again.',
    })
  })

  it('leaves the segment out while the form has no tag', () => {
    const capture = captureRecipe(
      [{ summary: source(), conditions: [] }],
      'union',
      { title: '', tag: '' },
      null,
    )
    expect(capture.kind === 'captured' && capture.recipe.segment).toBeNull()
  })

  it('refuses pasted IDs and an empty page with a sentence', () => {
    expect(captureRecipe([], 'union', null, null)).toEqual({
      kind: 'refused',
      sentence: 'Add this week’s files first: a recipe is built from them.',
    })
    expect(
      captureRecipe(
        [{ summary: source({ kind: 'paste', name: 'Pasted IDs' }), conditions: [] }],
        'union',
        null,
        null,
      ),
    ).toEqual({
      kind: 'refused',
      sentence:
        '"Pasted IDs" is not a file, so next week\'s cannot be dropped in its place. Remove it, or save it as a file and add that.',
    })
  })
})
