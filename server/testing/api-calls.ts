import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, beforeEach } from 'vitest'
import { buildSandbox } from '../sandbox/build-sandbox.ts'
import type { SandboxOptions } from '../sandbox/build-sandbox.ts'
import { listenOnLoopback, validSandboxJwt } from './http-fixtures.ts'

export interface Envelope {
  status: number
  correlationId: string
  messages: string[]
  errors: string[]
}

export interface JsonAnswer<T> {
  status: number
  headers: Headers
  body: T
}

/** POSTs JSON (or, given a string, that exact text) and reads the JSON answer. */
export async function postJson<T = Envelope>(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<JsonAnswer<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  return { status: response.status, headers: response.headers, body: (await response.json()) as T }
}

export async function getJson<T>(url: string): Promise<JsonAnswer<T>> {
  const response = await fetch(url)
  return { status: response.status, headers: response.headers, body: (await response.json()) as T }
}

export function bearer(token = validSandboxJwt()): Record<string, string> {
  return { authorization: `Bearer ${token}` }
}

/**
 * Runs a real sandbox on loopback for the test file and resets it before each test.
 * Read `.url` inside tests (it is set in beforeAll).
 */
export function useSandbox(options: SandboxOptions = {}): { url: string; app: FastifyInstance } {
  const handle = { url: '', app: buildSandbox(options) }
  beforeAll(async () => {
    handle.url = await listenOnLoopback(handle.app)
  })
  afterAll(() => handle.app.close())
  beforeEach(async () => {
    await fetch(`${handle.url}/__sandbox/reset`, { method: 'POST' })
  })
  return handle
}
