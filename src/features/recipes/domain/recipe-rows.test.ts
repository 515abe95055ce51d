import { describe, expect, it } from 'vitest'
import type { Recipe, RecipeRecord } from '../../../../contracts/recipe'
import { actorName, copyName, recipeFileName, recipeReads, recipeRow } from './recipe-rows'

const recipe: Recipe = {
  version: 1,
  name: 'Full Season renewals',
  sources: [
    {
      columns: ['Account ID', 'Plan Type'],
      headerSignature: 'account id\u001fplan type',
      sheet: null,
      idColumn: 'Account ID',
      conditions: [{ kind: 'text', column: 'Plan Type', op: 'isOneOf', values: ['Full Season'] }],
    },
  ],
  combine: 'union',
  split: null,
  notes: '',
}

const record: RecipeRecord = {
  id: '6f1c1f1e-8d1a-4c57-9d3e-0b1a2c3d4e5f',
  version: 1,
  recipe,
  createdAt: '2026-12-01T09:12:00.000Z',
  createdBy: { name: 'Jane Doe', sub: 'jane' },
  updatedAt: '2026-12-01T09:12:00.000Z',
  updatedBy: { name: 'Jane Doe', sub: 'jane' },
  lastRun: null,
}

const day = (iso: string) => iso.slice(0, 10)

describe('recipe rows', () => {
  it('says who made a recipe, who changed it since, and who ran it last', () => {
    expect(recipeRow(record, day)).toEqual({
      made: 'Jane Doe, 2026-12-01',
      changed: null,
      ran: 'Never',
    })
    expect(
      recipeRow(
        {
          ...record,
          version: 3,
          updatedBy: { name: null, sub: 'sam' },
          updatedAt: '2026-12-02T10:00:00.000Z',
          lastRun: { at: '2026-12-08T08:00:00.000Z', by: { name: null, sub: null } },
        },
        day,
      ),
    ).toEqual({
      made: 'Jane Doe, 2026-12-01',
      changed: 'sam, 2026-12-02',
      ran: 'an unnamed token, 2026-12-08',
    })
    expect(actorName({ name: 'Ola', sub: 'o' })).toBe('Ola')
  })

  it('says what a recipe reads', () => {
    expect(recipeReads(recipe)).toBe('1 file, 1 condition')
    const [source] = recipe.sources
    if (source === undefined) throw new Error('recipe has a source')
    expect(
      recipeReads({
        ...recipe,
        combine: 'subtract',
        sources: [source, { ...source, conditions: [] }],
      }),
    ).toBe('2 files (the first minus the others), 1 condition')
    expect(
      recipeReads({
        ...recipe,
        split: { source: 0, column: 'Plan Type', tagPrefix: 'plan', titlePattern: '{value}' },
      }),
    ).toBe('1 file, 1 condition, one segment per value of Plan Type')
  })

  it('names a duplicate and an exported file', () => {
    expect(copyName('Renewals')).toBe('Copy of Renewals')
    expect(copyName('r'.repeat(200))).toHaveLength(200)
    expect(recipeFileName('Full Season renewals!')).toBe('recipe-full-season-renewals.json')
    expect(recipeFileName('Él Niño / 2026')).toBe('recipe-el-nino-2026.json')
    expect(recipeFileName('😀')).toBe('recipe.json')
  })
})
