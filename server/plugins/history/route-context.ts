// What the history's read and write routes share: the plugin's options, the scope each request
// was granted, and the one way a route reaches the store (a database that does not answer is the
// 503 sentence; a programming error stays a 500 with its log line).
import type { FastifyReply } from 'fastify'
import { z } from 'zod'
import { sendConsoleError } from '../../console-errors.ts'
import type { HistoryStore } from '../../history/history-store.ts'
import { TOKEN_SENTENCES, type TokenChecker } from '../../history/token-check.ts'
import { ConsoleAnswerError } from '../errors.ts'

declare module 'fastify' {
  interface FastifyRequest {
    /** The club whose records this request may read, set before its body is read. */
    historyScope: string
  }
}

export interface HistoryRoutesOptions {
  store: () => Promise<HistoryStore>
  tokens: TokenChecker
  keepLists: number
  fanpassHost: string
  scopeClaim: string | undefined
  /** The proxy's limit: no segment upload the console forwarded was larger. */
  bodyLimitBytes: number
  /** How many records this console keeps in DATA_DIR/dead-letter (the recorder's count). */
  deadLetterCount: () => Promise<number>
}

/** Runs `work` on the store; a database that does not answer becomes the 503 sentence. */
export type WithStore = <T>(work: (store: HistoryStore) => Promise<T>) => Promise<T>

/** The options a history route plugin is registered with. */
export interface HistoryRouteContext extends HistoryRoutesOptions {
  withStore: WithStore
}

// Errors that mean the code is wrong, not that the database is away: those answer 500.
const PROGRAMMING_ERRORS = [TypeError, RangeError, ReferenceError, SyntaxError]

/** The store's runner for `store`: see WithStore. */
export function storeRunner(store: () => Promise<HistoryStore>): WithStore {
  return async (work) => {
    try {
      return await work(await store())
    } catch (error) {
      if (PROGRAMMING_ERRORS.some((kind) => error instanceof kind)) throw error
      throw new ConsoleAnswerError(503, TOKEN_SENTENCES.databaseAway, { cause: error })
    }
  }
}

export const idParams = z.object({ id: z.uuid() })

export function noSuchRecord(reply: FastifyReply): FastifyReply {
  return sendConsoleError(reply, 404, 'There is no such record.')
}
