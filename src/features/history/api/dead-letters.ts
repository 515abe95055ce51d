import { queryOptions } from '@tanstack/react-query'
import { deadLetterAnswerSchema } from '../../../../contracts/history'
import { readConsoleHistory } from '../../../lib/console-history'
import { historyQueryKey } from '../../../lib/history/history-queries'

/**
 * How many uploads this console could not record (GET /console/history/dead-letter): they wait
 * in DATA_DIR/dead-letter on its server. Keyed like the records, so a new token asks again.
 */
export function deadLettersQueryOptions(session: { token: string; generation: number }) {
  return queryOptions({
    queryKey: [...historyQueryKey, 'dead-letter', session.generation],
    enabled: session.token !== '',
    gcTime: 0,
    retry: false,
    queryFn: async () => (await readConsoleHistory('/dead-letter', deadLetterAnswerSchema)).count,
  })
}

/**
 * The History page's sentence for uploads that could not be recorded, or null when there are none.
 * e.g. 2 → '2 uploads could not be recorded in the team history; they are kept in …'.
 */
export function deadLetterSentence(count: number): string | null {
  if (count === 0) return null
  const uploads = count === 1 ? '1 upload' : `${count} uploads`
  const they = count === 1 ? 'it is' : 'they are'
  return `${uploads} could not be recorded in the team history; ${they} kept in DATA_DIR/dead-letter on the console's server.`
}
