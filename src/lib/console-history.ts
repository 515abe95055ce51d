import type * as z from 'zod/mini'
import { getToken } from './session-token'

/** The console server's answer when a history request could not be served; its sentence is shown as is. */
export class ConsoleHistoryError extends Error {
  override name = 'ConsoleHistoryError'
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message)
  }
}

/**
 * What the server said about recording one forwarded request (X-Console-History): recorded,
 * pending (waiting for the database), or not recorded at all (no record to point to).
 */
export type RecordedAs =
  { state: 'recorded' | 'pending'; recordId: string } | { state: 'not-recorded'; recordId: null }

/** Reads X-Console-History and X-Console-Record-Id from a forwarded request's answer. */
export function recordedAs(headers: Headers): RecordedAs | null {
  const state = headers.get('x-console-history')
  const recordId = headers.get('x-console-record-id')
  if (state === 'not-recorded') return { state, recordId: null }
  if ((state !== 'recorded' && state !== 'pending') || recordId === null) return null
  return { state, recordId }
}

async function request(
  path: string,
  init: { method?: 'GET' | 'POST' | 'PUT' | 'DELETE'; body?: unknown },
): Promise<Response> {
  const headers: Record<string, string> = { authorization: `Bearer ${getToken()}` }
  if (init.body !== undefined) headers['content-type'] = 'application/json'
  let response: Response
  try {
    response = await fetch(`/console/history${path}`, {
      method: init.method ?? 'GET',
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      credentials: 'omit',
      cache: 'no-store',
    })
  } catch {
    throw new ConsoleHistoryError(
      "The console's server could not be reached for the team history.",
      0,
    )
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { errors?: string[] } | null
    const sentence = body?.errors?.join(' ') ?? `The team history answered HTTP ${response.status}.`
    throw new ConsoleHistoryError(sentence, response.status)
  }
  return response
}

/**
 * Calls the console server's team history (/console/history/…) with the marketer's token, the
 * only proof the server accepts. e.g. consoleHistory('/tags/vip/latest') → {record: …}.
 */
export async function consoleHistory<T>(
  path: string,
  init: { method?: 'GET' | 'POST' | 'PUT' | 'DELETE'; body?: unknown } = {},
): Promise<T> {
  return (await (await request(path, init)).json()) as T
}

/**
 * Calls the team history and checks its answer against the shared contract
 * (contracts/history.ts): an answer of another shape is refused with a sentence, never cast.
 * e.g. readConsoleHistory('/records', recordListAnswerSchema) → {records: […]}.
 */
export async function readConsoleHistory<Schema extends z.ZodMiniType>(
  path: string,
  schema: Schema,
  init: { method?: 'GET' | 'POST' | 'PUT' | 'DELETE'; body?: unknown } = {},
): Promise<z.output<Schema>> {
  const response = await request(path, init)
  const parsed = schema.safeParse(await response.json().catch(() => undefined))
  if (!parsed.success) {
    throw new ConsoleHistoryError(
      'The team history answered in a way this console cannot read. Reload the page.',
      response.status,
    )
  }
  return parsed.data
}

/**
 * The answer's text, unparsed: a kept list of 1M IDs is parsed in the worker that compares it,
 * not on the page. e.g. consoleHistoryText('/records/…/ids') → '["12","0012"]'.
 */
export async function consoleHistoryText(path: string): Promise<string> {
  return (await request(path, {})).text()
}

/**
 * The answer's bytes, undecoded: handed to a worker as they are (transferred, not copied), a kept
 * list is never decoded into one long string on the page. e.g. consoleHistoryBytes('/records/…/ids').
 */
export async function consoleHistoryBytes(path: string): Promise<ArrayBuffer> {
  return (await request(path, {})).arrayBuffer()
}
