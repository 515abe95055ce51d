import { readFileSync } from 'node:fs'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildConsoleServer } from './app.ts'
import { buildSandbox } from './sandbox/build-sandbox.ts'
import { listenOnLoopback, UUID_PATTERN, validSandboxJwt } from './testing/http-fixtures.ts'

// The collection is the one authority on the API, so the test reads it rather than a copy of it.
interface PostmanHeader {
  key: string
  value: string
}
interface PostmanExample {
  name: string
  code: number
  originalRequest: {
    method: string
    url: string
    header: PostmanHeader[]
    body: { raw: string }
  }
  body: string
}
interface PostmanCollection {
  item: { name: string; response: PostmanExample[] }[]
}

const collection = JSON.parse(
  readFileSync(
    new URL('../contracts/fanpass-api.postman_collection.json', import.meta.url),
    'utf8',
  ),
) as PostmanCollection
const examples = collection.item.flatMap((item) =>
  item.response.map((example) => ({ endpoint: item.name, example })),
)

let sandbox: FastifyInstance
let consoleServer: FastifyInstance
let consoleUrl = ''
const seenCorrelationIds = new Set<string>()

beforeAll(async () => {
  sandbox = buildSandbox()
  const sandboxUrl = await listenOnLoopback(sandbox)
  consoleServer = buildConsoleServer({
    upstream: { url: new URL(sandboxUrl), target: 'sandbox' },
    bodyLimitBytes: 1024 * 1024,
    upstreamTimeoutMs: 10_000,
    logger: false,
  })
  consoleUrl = await listenOnLoopback(consoleServer)
})
afterAll(async () => {
  await consoleServer.close()
  await sandbox.close()
})

describe('the console and its sandbox replay the FanPass collection', () => {
  it('has the six documented example exchanges', () => {
    expect(examples).toHaveLength(6)
  })

  it.each(examples)('$endpoint → $example.name', async ({ example }) => {
    const request = example.originalRequest
    const headers: Record<string, string> = { 'content-type': 'application/json' }
    for (const { key, value } of request.header) headers[key.toLowerCase()] = value
    // The collection's auth is inherited from the collection, so examples without their own
    // Authorization header stand for a valid token.
    headers.authorization ??= `Bearer ${validSandboxJwt()}`

    for (let attempt = 0; attempt < 2; attempt += 1) {
      const response = await fetch(`${consoleUrl}${new URL(request.url).pathname}`, {
        method: request.method,
        headers,
        body: request.body.raw,
      })
      const expected = JSON.parse(example.body) as Record<string, unknown>
      const actual = (await response.json()) as Record<string, unknown>

      expect(response.status).toBe(example.code)
      expect(response.headers.get('content-type')).toMatch(/^application\/json/)
      expect(actual.status).toBe(expected.status)
      expect(actual.messages).toEqual(expected.messages)
      expect(actual.errors).toEqual(expected.errors)
      expect(actual.correlationId).toMatch(UUID_PATTERN)
      expect(seenCorrelationIds.has(String(actual.correlationId))).toBe(false)
      seenCorrelationIds.add(String(actual.correlationId))
    }
  })
})
