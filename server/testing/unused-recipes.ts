import type { RecipeStore } from '../history/recipe-store.ts'

const unused = () => Promise.reject(new Error('this test reads no recipes'))

/** The recipes of a history store stub whose test never reaches them. */
export const UNUSED_RECIPES: RecipeStore = {
  list: unused,
  get: unused,
  create: unused,
  update: unused,
  remove: unused,
  markRun: unused,
}
