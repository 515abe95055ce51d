// Recipes as tests on both sides (server stores and routes, the page's features) build them:
// realistic defaults, overridden by what a test is about.
import type { Recipe, RecipeRecord, RecipeSource } from '../recipe'

/** One ticketing export read from Account ID, keeping the Full Season renewals. */
export function aRecipeSource(overrides: Partial<RecipeSource> = {}): RecipeSource {
  return {
    columns: ['Account ID', 'Plan Type', 'Renewal Status'],
    headerSignature: 'account id\u001fplan type\u001frenewal status',
    sheet: null,
    idColumn: 'Account ID',
    conditions: [
      { kind: 'text', column: 'Plan Type', op: 'isOneOf', values: ['Full Season'] },
      { kind: 'text', column: 'Renewal Status', op: 'isOneOf', values: ['Renewed'] },
    ],
    ...overrides,
  }
}

/** A recipe as the Segments page saves it: one ticketing export, two conditions. */
export function aRecipe(overrides: Partial<Recipe> = {}): Recipe {
  return {
    version: 1,
    name: 'Full Season renewals',
    sources: [aRecipeSource()],
    combine: 'union',
    split: null,
    segment: { title: 'Full Season renewals', tag: 'fullSeasonRenewals' },
    notes: 'Every Monday',
    ...overrides,
  }
}

/** `recipe` as the team history keeps it: made by Jane Doe, changed by Sam Roe, never run. */
export function aRecipeRecord(overrides: Partial<RecipeRecord> = {}): RecipeRecord {
  return {
    id: '6f1c1f1e-8d1a-4c57-9d3e-0b1a2c3d4e5f',
    version: 2,
    recipe: aRecipe(),
    createdAt: '2026-12-01T09:12:00.000Z',
    createdBy: { name: 'Jane Doe', sub: 'jane' },
    updatedAt: '2026-12-02T09:12:00.000Z',
    updatedBy: { name: 'Sam Roe', sub: 'sam' },
    lastRun: null,
    ...overrides,
  }
}
