import { queryOptions } from '@tanstack/react-query'
import { consoleHistory } from '../../../lib/console-history'
import { historyQueryKey } from '../../../lib/history/history-queries'
import type { TeamRecord } from '../../../lib/team-history-record'

/**
 * The team's history as the console's server keeps it (GET /console/history/records), newest
 * first, from any browser. `hasToken` false: nothing is asked, the page says a token is needed.
 */
export function teamRecordsQueryOptions(hasToken: boolean) {
  return queryOptions({
    queryKey: [...historyQueryKey, 'team-records', hasToken],
    enabled: hasToken,
    // Another club's token may come next in this tab; its records must not be shown from cache.
    gcTime: 0,
    retry: false,
    queryFn: async () => (await consoleHistory<{ records: TeamRecord[] }>('/records')).records,
  })
}
