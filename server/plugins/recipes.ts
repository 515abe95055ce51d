import type { FastifyReply, FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  createRecipeBodySchema,
  MAX_RECIPE_JSON_CHARS,
  recipeAnswerSchema,
  recipeDeletedAnswerSchema,
  recipeListAnswerSchema,
  updateRecipeBodySchema,
  type RecipeActor,
  type RecipeRecord,
} from '../../contracts/recipe.ts'
import { sendConsoleError } from '../console-errors.ts'
import type { HistoryStore } from '../history/history-store.ts'
import { MAX_RECIPES_PER_SCOPE } from '../history/recipe-store.ts'
import { readCaller } from '../history/who.ts'
import { ConsoleAnswerError } from './errors.ts'
import { storeRunner } from './history/route-context.ts'

export interface RecipeRoutesOptions {
  store: () => Promise<HistoryStore>
  scopeClaim: string | undefined
}

// A recipe file is at most MAX_RECIPE_JSON_CHARS characters (contracts/recipe.ts), each at most
// 3 bytes in UTF-8 (an emoji is 2 characters and 4 bytes); 1 KB covers the body's own fields.
export const RECIPE_BODY_LIMIT_BYTES = MAX_RECIPE_JSON_CHARS * 3 + 1024

/** e.g. '2026-12-01T09:12:31.120Z' → '2026-12-01 09:12 UTC': the server knows no marketer's time zone. */
function utcMinute(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`
}

export const RECIPE_SENTENCES = {
  missing: 'There is no such recipe: a colleague may have deleted it.',
  full: `Your team keeps ${MAX_RECIPES_PER_SCOPE} recipes already: delete one you no longer use first.`,
  changed: (current: RecipeRecord) =>
    `${current.updatedBy.name ?? 'A colleague'} changed this recipe at ${utcMinute(current.updatedAt)}, after you opened it. Your change was not saved: look at theirs and edit again.`,
}

const idParams = z.object({ id: z.uuid() })

/**
 * The team's recipes under /console/history/recipes, registered inside the history plugin so
 * every route is behind its token check (before any body is read) and reads one scope.
 */
export const recipesPlugin: FastifyPluginAsyncZod<RecipeRoutesOptions> = async (app, options) => {
  const withStore = storeRunner(options.store)
  /** Who is asking, as the history records actors: decoded from the token, never kept. */
  const actor = (request: FastifyRequest): RecipeActor => {
    const caller = readCaller(request.headers.authorization, options.scopeClaim, new Date())
    return { name: caller?.name ?? null, sub: caller?.sub ?? null }
  }
  const missing = (reply: FastifyReply) => sendConsoleError(reply, 404, RECIPE_SENTENCES.missing)
  const unreadable = { unreadable: 'this recipe' }

  app.get(
    '/console/history/recipes',
    { schema: { response: { 200: recipeListAnswerSchema } } },
    async (request) => ({
      recipes: await withStore((store) => store.recipes.list(request.historyScope)),
    }),
  )

  app.get(
    '/console/history/recipes/:id',
    {
      schema: { params: idParams, response: { 200: recipeAnswerSchema } },
      config: { unreadable: 'this recipe number' },
    },
    async (request, reply) => {
      const recipe = await withStore((store) =>
        store.recipes.get(request.historyScope, request.params.id),
      )
      return recipe ? { recipe } : missing(reply)
    },
  )

  app.post(
    '/console/history/recipes',
    {
      schema: { body: createRecipeBodySchema, response: { 200: recipeAnswerSchema } },
      bodyLimit: RECIPE_BODY_LIMIT_BYTES,
      config: unreadable,
    },
    async (request) => {
      const recipe = await withStore((store) =>
        store.recipes.create(
          request.historyScope,
          crypto.randomUUID(),
          request.body.recipe,
          actor(request),
        ),
      )
      if (recipe === null) throw new ConsoleAnswerError(409, RECIPE_SENTENCES.full)
      return { recipe }
    },
  )

  app.put(
    '/console/history/recipes/:id',
    {
      schema: {
        params: idParams,
        body: updateRecipeBodySchema,
        response: { 200: recipeAnswerSchema },
      },
      bodyLimit: RECIPE_BODY_LIMIT_BYTES,
      config: unreadable,
    },
    async (request, reply) => {
      const { recipe, version } = request.body
      const outcome = await withStore((store) =>
        store.recipes.update(
          request.historyScope,
          request.params.id,
          recipe,
          version,
          actor(request),
        ),
      )
      if (outcome.kind === 'missing') return missing(reply)
      if (outcome.kind === 'conflict') {
        return sendConsoleError(reply, 409, RECIPE_SENTENCES.changed(outcome.current))
      }
      return { recipe: outcome.record }
    },
  )

  app.delete(
    '/console/history/recipes/:id',
    {
      schema: { params: idParams, response: { 200: recipeDeletedAnswerSchema } },
      config: { unreadable: 'this recipe number' },
    },
    async (request, reply) => {
      const removed = await withStore((store) =>
        store.recipes.remove(request.historyScope, request.params.id),
      )
      return removed ? { ok: true as const } : missing(reply)
    },
  )

  app.post(
    '/console/history/recipes/:id/runs',
    {
      schema: { params: idParams, response: { 200: recipeAnswerSchema } },
      config: { unreadable: 'this recipe number' },
    },
    async (request, reply) => {
      const recipe = await withStore((store) =>
        store.recipes.markRun(request.historyScope, request.params.id, actor(request)),
      )
      return recipe ? { recipe } : missing(reply)
    },
  )
}
