// A list version never changes its IDs, so its pages never go stale.
import { keepPreviousData, queryOptions } from '@tanstack/react-query'
import type { SegmentWorkspace } from '../worker/segment-workspace'

/** Where the preview reads the final list from: the segments worker's pages and search. */
export type IdListPreview = {
  [Method in 'getPage' | 'searchIds']: (
    ...args: Parameters<SegmentWorkspace[Method]>
  ) => Promise<ReturnType<SegmentWorkspace[Method]>>
}

/** How many IDs of list `listVersion` contain `query`, with the first page of them. */
export function idSearchQueryOptions(
  preview: IdListPreview,
  listVersion: number,
  query: string,
  pageSize: number,
) {
  return queryOptions({
    queryKey: ['segment-ids', listVersion, 'search', query],
    enabled: query !== '',
    queryFn: () => preview.searchIds(query, 0, pageSize),
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  })
}

/** Page `page` of list `listVersion`, or of its IDs containing `query` when there is one. */
export function idPageQueryOptions(
  preview: IdListPreview,
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
        ? (await preview.getPage(page * pageSize, pageSize)).ids
        : (await preview.searchIds(query, page * pageSize, pageSize)).ids,
  })
}
