import { describe, expect, it } from 'vitest'
import {
  exportRecipe,
  importRecipe,
  MAX_PICKED_VALUES,
  MAX_RECIPE_JSON_CHARS,
  recipeRecordSchema,
  recipeSchema,
  type Recipe,
} from './recipe'

const recipe: Recipe = {
  version: 1,
  name: 'Renewals by plan',
  sources: [
    {
      columns: ['Account ID', 'Plan Type', 'Renewal Status', 'Last Purchase', 'Seats'],
      headerSignature:
        'account id\u001Fplan type\u001Frenewal status\u001Flast purchase\u001Fseats',
      sheet: 'Renewals',
      idColumn: 'Account ID',
      conditions: [
        { kind: 'text', column: 'Renewal Status', op: 'isOneOf', values: ['Renewed', '__proto__'] },
        { kind: 'text', column: 'Plan Type', op: 'contains', text: "=cmd|' /C calc'!A0" },
        { kind: 'text', column: 'Plan Type', op: 'isNotEmpty' },
        { kind: 'number', column: 'Seats', op: 'between', min: 1, max: 8 },
        { kind: 'number', column: 'Seats', op: 'ge', value: 2 },
        { kind: 'date', column: 'Last Purchase', op: 'inLastDays', days: 30, order: 'dayFirst' },
        {
          kind: 'date',
          column: 'Last Purchase',
          op: 'between',
          from: '2026-01-01',
          to: '2026-03-31',
        },
        { kind: 'date', column: 'Last Purchase', op: 'before', date: '2026-04-01' },
      ],
    },
    {
      columns: ['Email', 'Account ID'],
      headerSignature: 'email\u001Faccount id',
      sheet: null,
      idColumn: 'Account ID',
      conditions: [],
    },
  ],
  combine: 'subtract',
  split: { source: 0, column: 'Plan Type', tagPrefix: 'plan', titlePattern: 'Plan: {value}' },
  notes: 'Every Monday from the ticketing export 🎟️',
}

describe('recipe export and import', () => {
  it('round-trips a recipe through JSON exactly', () => {
    const json = exportRecipe(recipe)
    expect(importRecipe(json)).toEqual({ kind: 'recipe', recipe })
    expect(JSON.parse(json)).toEqual(recipe)
  })

  it('keeps configuration only: unknown fields such as rows or IDs are dropped', () => {
    const withRows = { ...recipe, rows: [['A1', 'Gold']], ids: ['A1'] }
    const imported = importRecipe(JSON.stringify(withRows))
    expect(imported.kind === 'recipe' && Object.keys(imported.recipe)).toEqual(Object.keys(recipe))
  })

  it('gives a sentence for what is not a recipe', () => {
    expect(importRecipe('not json')).toEqual({
      kind: 'invalid',
      sentence: 'This file is not a recipe: it is not JSON.',
    })
    const noName = importRecipe(JSON.stringify({ ...recipe, name: '  ' }))
    expect(noName).toEqual({
      kind: 'invalid',
      sentence:
        'This file is not a recipe this console can read (at name): Give the recipe a name.',
    })
    expect(importRecipe('[]').kind).toBe('invalid')
    expect(importRecipe(JSON.stringify({ ...recipe, version: 2 })).kind).toBe('invalid')
    expect(importRecipe(' '.repeat(MAX_RECIPE_JSON_CHARS + 1))).toEqual({
      kind: 'invalid',
      sentence: 'This file is too large to be a recipe.',
    })
  })

  it('bounds picked values, strings and prefixes', () => {
    const source = recipe.sources[0]
    if (source === undefined) throw new Error('no source')
    const tooMany = {
      ...recipe,
      sources: [
        {
          ...source,
          conditions: [
            {
              kind: 'text',
              column: 'Plan Type',
              op: 'isOneOf',
              values: Array.from({ length: MAX_PICKED_VALUES + 1 }, (_, i) => `v${i}`),
            },
          ],
        },
      ],
    }
    expect(recipeSchema.safeParse(tooMany).success).toBe(false)
    const longValue = { ...recipe, name: 'x'.repeat(201) }
    expect(recipeSchema.safeParse(longValue).success).toBe(false)
    const badPrefix = { ...recipe, split: { ...recipe.split, tagPrefix: 'plan-' } }
    expect(recipeSchema.safeParse(badPrefix).success).toBe(false)
  })

  it('refuses conditions that do not hold together', () => {
    const withCondition = (condition: unknown) => ({
      ...recipe,
      sources: [{ ...recipe.sources[0], conditions: [condition] }],
    })
    const invalid = [
      { kind: 'number', column: 'Seats', op: 'contains', text: '2' },
      { kind: 'number', column: 'Seats', op: 'eq', value: Number.NaN },
      { kind: 'date', column: 'Last Purchase', op: 'before', date: '25/03/2026' },
      { kind: 'date', column: 'Last Purchase', op: 'inLastDays', days: 0 },
      { kind: 'text', column: 'Plan', op: 'isOneOf' },
    ]
    for (const condition of invalid) {
      expect(recipeSchema.safeParse(withCondition(condition)).success).toBe(false)
    }
  })

  it('keeps the one segment of a recipe without a split, and still imports a file saved without it', () => {
    const withSegment = { ...recipe, segment: { title: 'Renewals', tag: 'renewals' } }
    expect(importRecipe(exportRecipe(withSegment))).toEqual({ kind: 'recipe', recipe: withSegment })
    expect(importRecipe(exportRecipe(recipe))).toEqual({ kind: 'recipe', recipe })
    expect(
      importRecipe(JSON.stringify({ ...recipe, segment: { title: 'R', tag: 'season-2026' } })),
    ).toEqual({
      kind: 'invalid',
      sentence:
        'This file is not a recipe this console can read (at segment.tag): A tag may contain only letters and digits.',
    })
  })

  it('reads a kept recipe with its version, who made and changed it, and its last run', () => {
    const kept = {
      id: '6f1c1f1e-8d1a-4c57-9d3e-0b1a2c3d4e5f',
      version: 2,
      recipe,
      createdAt: '2026-12-01T09:12:00.000Z',
      createdBy: { name: 'Jane Doe', sub: 'jane' },
      updatedAt: '2026-12-02T09:12:00.000Z',
      updatedBy: { name: null, sub: 'sam' },
      lastRun: { at: '2026-12-08T08:00:00.000Z', by: { name: 'Sam Roe', sub: 'sam' } },
    }
    expect(recipeRecordSchema.parse(kept)).toEqual(kept)
    expect(recipeRecordSchema.safeParse({ ...kept, version: 0 }).success).toBe(false)
    expect(recipeRecordSchema.safeParse({ ...kept, lastRun: undefined }).success).toBe(false)
  })
})
