import http from 'node:http'
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import net from 'node:net'
import type { FastifyInstance } from 'fastify'
import { buildConsoleServer } from '../app.ts'
import type { UpstreamTarget } from '../config.ts'

/** Listens on an ephemeral loopback port and returns the base URL, e.g. 'http://127.0.0.1:41234'. */
export async function listenOnLoopback(app: FastifyInstance): Promise<string> {
  return app.listen({ host: '127.0.0.1', port: 0 })
}

export interface RecordedRequest {
  method: string
  url: string
  headers: IncomingHttpHeaders
  bodyBytes: number
  /** The body as text, kept only while it is small. */
  body: string
  /** Whether the whole body arrived. */
  complete: boolean
}

export interface RecordingServer {
  url: string
  port: number
  requests: RecordedRequest[]
  close(): Promise<void>
}

type Responder = (request: RecordedRequest, res: ServerResponse) => void

const KEEP_BODY_BYTES = 1024 * 1024

/**
 * A plain HTTP server on loopback that records every request (counting body bytes without
 * holding large bodies) and answers 200 {ok:true}, or as `respond` decides.
 */
export async function startRecordingServer(respond?: Responder): Promise<RecordingServer> {
  const requests: RecordedRequest[] = []
  const server = http.createServer((req: IncomingMessage, res: ServerResponse) => {
    const recorded: RecordedRequest = {
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      bodyBytes: 0,
      body: '',
      complete: false,
    }
    requests.push(recorded)
    req.on('data', (chunk: Buffer) => {
      recorded.bodyBytes += chunk.length
      if (recorded.body.length < KEEP_BODY_BYTES) recorded.body += chunk.toString('utf8')
    })
    req.on('end', () => {
      recorded.complete = true
      if (respond) {
        respond(recorded, res)
        return
      }
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ ok: true, bodyBytes: recorded.bodyBytes }))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** A loopback port that was free a moment ago and now has nothing listening on it. */
export async function closedPort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

/** Sends `text` verbatim on a new TCP connection and returns everything the server wrote back. */
export function rawHttpExchange(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1')
    let answer = ''
    socket.setEncoding('utf8')
    socket.on('data', (data: string) => {
      answer += data
    })
    socket.on('end', () => resolve(answer))
    socket.on('error', reject)
    socket.write(text)
  })
}

/** A JWT-shaped token with the given payload, e.g. fakeJwt({ exp: 1 }) → 'eyJ….eyJleHAiOjF9.c2ln'. */
export function fakeJwt(
  payload: Record<string, unknown>,
  header: object = { alg: 'HS256', typ: 'JWT' },
): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')
  return `${encode(header)}.${encode(payload)}.c2lnbmF0dXJl`
}

/** A token the sandbox accepts for the next hour. */
export function validSandboxJwt(): string {
  return fakeJwt({ sub: 'test-marketer', exp: Math.floor(Date.now() / 1000) + 3600 })
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

export interface TrappedConsole {
  /** The host the console is configured to forward to. */
  configured: RecordingServer
  /** Stands for any host an attacker would like the console to reach. */
  evil: RecordingServer
  evilHost: string
  consolePort: number
  close(): Promise<void>
}

/**
 * A console forwarding to a recording host, beside an "evil" server that must never be reached.
 * Both listen on loopback, so a proxy fooled by a trick would really get through.
 */
export async function startTrappedConsole(target: UpstreamTarget): Promise<TrappedConsole> {
  const configured = await startRecordingServer()
  const evil = await startRecordingServer()
  const app = buildConsoleServer({
    upstream: { url: new URL(configured.url), target },
    bodyLimitBytes: 1024 * 1024,
    upstreamTimeoutMs: 5_000,
    logger: false,
  })
  const consolePort = Number(new URL(await listenOnLoopback(app)).port)
  return {
    configured,
    evil,
    evilHost: `127.0.0.1:${evil.port}`,
    consolePort,
    async close() {
      await app.close()
      await configured.close()
      await evil.close()
    },
  }
}
