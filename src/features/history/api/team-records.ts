import { queryOptions } from '@tanstack/react-query'
import { recordListAnswerSchema } from '../../../../contracts/history'
import { readConsoleHistory } from '../../../lib/console-history'
import { historyQueryKey } from '../../../lib/history/history-queries'

/**
 * The team's history as the console's server keeps it (GET /console/history/records), newest
 * first, from any browser. Keyed by the token's generation (lib/session-token), so a new token,
 * perhaps another club's, never sees the records read with the last one; no token, no request.
 */
export function teamRecordsQueryOptions(session: { token: string; generation: number }) {
  return queryOptions({
    queryKey: [...historyQueryKey, 'team-records', session.generation],
    enabled: session.token !== '',
    gcTime: 0,
    retry: false,
    queryFn: async () => (await readConsoleHistory('/records', recordListAnswerSchema)).records,
  })
}
