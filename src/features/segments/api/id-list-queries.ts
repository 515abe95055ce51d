import { keepPreviousData, queryOptions } from '@tanstack/react-query'
import type { SegmentWorkerClient } from '../worker/segment-worker-client'

// A list version never changes its IDs, so its pages never go stale.

/** How many IDs of list `listVersion` contain `query`, with the first page of them. */
export function idSearchQueryOptions(
  client: SegmentWorkerClient,
  listVersion: number,
  query: string,
  pageSize: number,
) {
  return queryOptions({
    queryKey: ['segment-ids', listVersion, 'search', query],
    enabled: query !== '',
    queryFn: () => client.searchIds(query, 0, pageSize),
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  })
}

/** Page `page` of list `listVersion`, or of its IDs containing `query` when there is one. */
export function idPageQueryOptions(
  client: SegmentWorkerClient,
  listVersion: number,
  query: string,
  page: number,
  pageSize: number,
) {
  return queryOptions({
    queryKey: ['segment-ids', listVersion, 'page', query, page],
    staleTime: Infinity,
    queryFn: async () =>
      query === ''
        ? (await client.getIdPage(page * pageSize, pageSize)).ids
        : (await client.searchIds(query, page * pageSize, pageSize)).ids,
  })
}
