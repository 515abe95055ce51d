// /metrics, /healthz and /readyz are the operator's: never a page, 404 when not served.
const RESERVED_PREFIXES = ['/api', '/console', '/__sandbox', '/metrics', '/healthz', '/readyz']

/** The path of a raw request URL, without its query, e.g. '/history?x=1' → '/history'. */
export function pathOf(rawUrl: string | undefined): string {
  const url = rawUrl ?? '/'
  const queryStart = url.indexOf('?')
  return queryStart === -1 ? url : url.slice(0, queryStart)
}

/** Whether a path belongs to the console's server rather than to the app's pages, e.g. '/api/v2' → true. */
export function isReservedPath(path: string): boolean {
  return RESERVED_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`))
}
