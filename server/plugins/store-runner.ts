import type { HistoryStore } from '../history/history-store.ts'
import { TOKEN_SENTENCES } from '../history/token-check.ts'
import { ConsoleAnswerError } from './errors.ts'

// Errors that mean the code is wrong, not that the database is away: those answer 500.
const PROGRAMMING_ERRORS = [TypeError, RangeError, ReferenceError, SyntaxError]

/**
 * Runs a route's work on the history's store; a database that does not answer becomes the 503
 * sentence (TOKEN_SENTENCES.databaseAway), the same for the history and the recipes.
 */
export function storeRunner(store: () => Promise<HistoryStore>) {
  return async <T>(work: (opened: HistoryStore) => Promise<T>): Promise<T> => {
    try {
      return await work(await store())
    } catch (error) {
      if (PROGRAMMING_ERRORS.some((kind) => error instanceof kind)) throw error
      throw new ConsoleAnswerError(503, TOKEN_SENTENCES.databaseAway, { cause: error })
    }
  }
}
