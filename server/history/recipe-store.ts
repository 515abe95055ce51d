import type { Recipe, RecipeActor, RecipeRecord } from '../../contracts/recipe.ts'
import { withoutNul } from './recorded-text.ts'
import { asIsoTime, type SqlClient } from './sql-client.ts'

export type { Recipe, RecipeActor, RecipeRecord } from '../../contracts/recipe.ts'

/** What an edit came to: saved, refused because a colleague saved another version first, or gone. */
export type RecipeUpdate =
  | { kind: 'updated'; record: RecipeRecord }
  | { kind: 'conflict'; current: RecipeRecord }
  | { kind: 'missing' }

/** Recipes one club keeps at most: a team has a handful of weekly exports, not thousands. */
export const MAX_RECIPES_PER_SCOPE = 500

/**
 * The team's recipes, in the history's database and read under the same scope as its records.
 * One interface, one suite (recipe-store-suite.ts) run on PGlite and on a PostgreSQL server.
 */
export interface RecipeStore {
  /** The scope's recipes, the most recently changed first. */
  list(scope: string): Promise<RecipeRecord[]>
  get(scope: string, id: string): Promise<RecipeRecord | null>
  /** Version 1 of a new recipe; null when the scope already keeps MAX_RECIPES_PER_SCOPE. */
  create(scope: string, id: string, recipe: Recipe, by: RecipeActor): Promise<RecipeRecord | null>
  /** Saves an edit made from `version`, only if nobody saved another version meanwhile. */
  update(
    scope: string,
    id: string,
    recipe: Recipe,
    version: number,
    by: RecipeActor,
  ): Promise<RecipeUpdate>
  remove(scope: string, id: string): Promise<boolean>
  /** Notes that `by` ran the recipe now; its version stays, since its configuration did not change. */
  markRun(scope: string, id: string, by: RecipeActor): Promise<RecipeRecord | null>
}

interface RecipeRow {
  id: string
  version: number
  recipe: Recipe
  created_at: unknown
  created_by_name: string | null
  created_by_sub: string | null
  updated_at: unknown
  updated_by_name: string | null
  updated_by_sub: string | null
  last_run_at: unknown
  last_run_by_name: string | null
  last_run_by_sub: string | null
}

function fromRow(row: RecipeRow): RecipeRecord {
  return {
    id: row.id,
    version: row.version,
    recipe: row.recipe,
    createdAt: asIsoTime(row.created_at),
    createdBy: { name: row.created_by_name, sub: row.created_by_sub },
    updatedAt: asIsoTime(row.updated_at),
    updatedBy: { name: row.updated_by_name, sub: row.updated_by_sub },
    lastRun:
      row.last_run_at === null
        ? null
        : {
            at: asIsoTime(row.last_run_at),
            by: { name: row.last_run_by_name, sub: row.last_run_by_sub },
          },
  }
}

/** A recipe as jsonb can hold it: PostgreSQL refuses U+0000 in JSON text, so it reads ␀. */
function recipeJson(recipe: Recipe): string {
  return JSON.stringify(recipe, (_key, value: unknown) =>
    typeof value === 'string' ? withoutNul(value) : value,
  )
}

const COLUMNS = `id, version, recipe, created_at, created_by_name, created_by_sub, updated_at,
  updated_by_name, updated_by_sub, last_run_at, last_run_by_name, last_run_by_sub`

/** The recipe store over the history's SqlClient (its migrations already applied). */
export class SqlRecipeStore implements RecipeStore {
  constructor(private readonly db: SqlClient) {}

  async list(scope: string): Promise<RecipeRecord[]> {
    const rows = await this.db.query<RecipeRow>(
      `SELECT ${COLUMNS} FROM recipes WHERE scope = $1 ORDER BY updated_at DESC, id LIMIT $2`,
      [scope, MAX_RECIPES_PER_SCOPE],
    )
    return rows.map(fromRow)
  }

  async get(scope: string, id: string): Promise<RecipeRecord | null> {
    const [row] = await this.db.query<RecipeRow>(
      `SELECT ${COLUMNS} FROM recipes WHERE scope = $1 AND id = $2`,
      [scope, id],
    )
    return row ? fromRow(row) : null
  }

  async create(
    scope: string,
    id: string,
    recipe: Recipe,
    by: RecipeActor,
  ): Promise<RecipeRecord | null> {
    // One statement: two consoles creating at once cannot both pass the count and overshoot.
    const [row] = await this.db.query<RecipeRow>(
      `INSERT INTO recipes (id, scope, version, recipe, created_at, created_by_name,
         created_by_sub, updated_at, updated_by_name, updated_by_sub)
       SELECT $1, $2, 1, $3::jsonb, now(), $4, $5, now(), $4, $5
       WHERE (SELECT count(*) FROM recipes WHERE scope = $2) < $6
       RETURNING ${COLUMNS}`,
      [id, scope, recipeJson(recipe), by.name, by.sub, MAX_RECIPES_PER_SCOPE],
    )
    return row ? fromRow(row) : null
  }

  async update(
    scope: string,
    id: string,
    recipe: Recipe,
    version: number,
    by: RecipeActor,
  ): Promise<RecipeUpdate> {
    // The version check and the write are one statement, so of two edits made from the same
    // version exactly one is saved.
    const [row] = await this.db.query<RecipeRow>(
      `UPDATE recipes SET recipe = $4::jsonb, version = version + 1, updated_at = now(),
         updated_by_name = $5, updated_by_sub = $6
       WHERE scope = $1 AND id = $2 AND version = $3
       RETURNING ${COLUMNS}`,
      [scope, id, version, recipeJson(recipe), by.name, by.sub],
    )
    if (row) return { kind: 'updated', record: fromRow(row) }
    const current = await this.get(scope, id)
    return current ? { kind: 'conflict', current } : { kind: 'missing' }
  }

  async remove(scope: string, id: string): Promise<boolean> {
    const rows = await this.db.query<{ id: string }>(
      'DELETE FROM recipes WHERE scope = $1 AND id = $2 RETURNING id',
      [scope, id],
    )
    return rows.length === 1
  }

  async markRun(scope: string, id: string, by: RecipeActor): Promise<RecipeRecord | null> {
    const [row] = await this.db.query<RecipeRow>(
      `UPDATE recipes SET last_run_at = now(), last_run_by_name = $3, last_run_by_sub = $4
       WHERE scope = $1 AND id = $2 RETURNING ${COLUMNS}`,
      [scope, id, by.name, by.sub],
    )
    return row ? fromRow(row) : null
  }
}
