// The console's /api proxy under load, against the sandbox, on loopback only: 50 clients posting
// 1,000-ID segment bodies for 20 s while 5 clients each upload a 50 MB body. Reports throughput,
// latency, failures and the console process's peak memory. `npm run bench` runs it through
// bench/run.ts; `tsx bench/proxy-load.ts [--smoke]` runs it alone and exits non-zero on a failure.
//
// The same file is the entry point of the two servers it starts (`--serve sandbox|console`), so
// the console is a process of its own whose memory /proc can tell, and nothing else is needed.
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import http from 'node:http'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import { buildConsoleServer } from '../server/app.ts'
import { buildSandbox } from '../server/sandbox/build-sandbox.ts'

/** Where everything listens: loopback, nothing else is ever a target. */
const LOOPBACK = '127.0.0.1'
const CONSOLE_BODY_LIMIT_BYTES = 256 * 1024 * 1024
const RSS_SAMPLE_MS = 100
/** The console streams bodies; a few hundred MB of RSS would mean it buffers them. */
const RSS_TARGET_MB = 300

export interface ProxyLoadOptions {
  /** Seconds of sustained load; 20 (3 with smoke) unless given. */
  durationSeconds?: number
  /** CI's small form: 3 s of load and 5 MB large bodies. */
  smoke?: boolean
}

export interface ProxyLoadRow {
  figure: string
  value: string
  target?: string
  met?: boolean
}

export interface ProxyLoadFigures {
  durationSeconds: number
  connections: number
  idsPerBody: number
  requests: number
  requestsPerSecond: number
  latencyP50Ms: number
  latencyP99Ms: number
  latencyMaxMs: number
  /** Connection errors and timeouts seen by the load clients. */
  errors: number
  timeouts: number
  /** Answers other than 2xx to the 1,000-ID bodies. */
  non2xx: number
  largeBodies: number
  largeBodyBytes: number
  /** HTTP status of each large upload, 0 for one that failed without an answer. */
  largeBodyStatuses: number[]
  largeBodySlowestMs: number
  consoleBaselineRssMb: number
  consolePeakRssMb: number
  /** True when there were no errors, no non-2xx answers, every large body got 200, and RSS stayed under target. */
  passed: boolean
  /** Table rows for bench/run.ts. */
  rows: ProxyLoadRow[]
}

interface Server {
  url: string
  pid: number
  stop: () => Promise<void>
}

const thisFile = fileURLToPath(import.meta.url)

function assertLoopback(url: string): string {
  if (new URL(url).hostname !== LOOPBACK) throw new Error(`refusing to load ${url}: not loopback`)
  return url
}

/** Starts this file as `--serve <role>` and resolves with the URL it prints once listening. */
async function startServer(role: 'sandbox' | 'console', upstream?: string): Promise<Server> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', thisFile, '--serve', role, ...(upstream ? [upstream] : [])],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  const url = await new Promise<string>((resolve, reject) => {
    let output = ''
    const timer = setTimeout(() => reject(new Error(`${role} did not start: ${output}`)), 30_000)
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8')
      const match = /LISTENING (\S+)/.exec(output)
      if (match?.[1]) {
        clearTimeout(timer)
        resolve(match[1])
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`${role} exited with code ${code}: ${output}`))
    })
  })
  child.stdout?.resume()
  const pid = child.pid
  if (pid === undefined) throw new Error(`${role} has no process id`)
  return {
    url: assertLoopback(url),
    pid,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      await exited
    },
  }
}

/** Resident memory of a process in MB, from /proc (Linux); 0 where /proc is not there. */
function rssMb(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return match?.[1] ? Number(match[1]) / 1024 : 0
  } catch {
    return 0
  }
}

/** A segment body of `count` distinct IDs, e.g. segmentBody('load', 2) → '{"title":…,"userIds":["1000000000","1000000001"]}'. */
function segmentBody(tag: string, count: number): string {
  const userIds = Array.from({ length: count }, (_, i) => String(1_000_000_000 + i))
  return JSON.stringify({ title: 'Proxy load', tag, userIds })
}

/** A valid segment body of about `bytes` bytes, built as chunks so it never is one big string. */
function largeBodyChunks(bytes: number): { chunks: Buffer[]; length: number } {
  const idsPerChunk = 10_000
  // 36-character IDs, like the UUIDs some ticketing systems use: fewer IDs per MB to parse.
  const idAt = (i: number) => `"${String(i).padStart(36, '0')}"`
  const head = Buffer.from('{"title":"Proxy load large","tag":"proxyLoadLarge","userIds":[')
  const chunks: Buffer[] = [head]
  let length = head.length
  let next = 0
  while (length < bytes) {
    const ids: string[] = []
    for (let i = 0; i < idsPerChunk; i++) ids.push(idAt(next++))
    const chunk = Buffer.from((next > idsPerChunk ? ',' : '') + ids.join(','))
    chunks.push(chunk)
    length += chunk.length
  }
  const tail = Buffer.from(']}')
  chunks.push(tail)
  return { chunks, length: length + tail.length }
}

/** POSTs a prepared large body with its Content-Length, resolving with the status and time taken. */
function postLarge(
  url: string,
  token: string,
  body: { chunks: Buffer[]; length: number },
): Promise<{ status: number; ms: number }> {
  const started = performance.now()
  return new Promise((resolve) => {
    const request = http.request(assertLoopback(url), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-length': String(body.length),
        authorization: `Bearer ${token}`,
      },
    })
    request.on('response', (response) => {
      response.resume()
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, ms: performance.now() - started }),
      )
    })
    request.on('error', () => resolve({ status: 0, ms: performance.now() - started }))
    let index = 0
    const writeMore = () => {
      while (index < body.chunks.length) {
        const chunk = body.chunks[index++]
        if (chunk && !request.write(chunk)) {
          request.once('drain', writeMore)
          return
        }
      }
      request.end()
    }
    writeMore()
  })
}

const round = (value: number, digits = 1) => Number(value.toFixed(digits))

/**
 * Measures the console's proxy against a sandbox, both started here on loopback and stopped
 * afterwards. e.g. measureProxyLoad({ smoke: true }) → { requestsPerSecond: 850, latencyP99Ms: 120, errors: 0, … }
 */
export async function measureProxyLoad(options: ProxyLoadOptions = {}): Promise<ProxyLoadFigures> {
  const smoke = options.smoke ?? false
  const durationSeconds = options.durationSeconds ?? (smoke ? 3 : 20)
  const connections = 50
  const idsPerBody = 1_000
  const largeBodies = 5
  const largeBodyBytes = (smoke ? 5 : 50) * 1024 * 1024

  const sandbox = await startServer('sandbox')
  const consoleServer = await startServer('console', sandbox.url)
  try {
    const tokenResponse = await fetch(`${sandbox.url}/__sandbox/token`)
    const { token } = (await tokenResponse.json()) as { token: string }
    const target = `${consoleServer.url}/api/v1/segments`
    const large = largeBodyChunks(largeBodyBytes)

    const consoleBaselineRssMb = rssMb(consoleServer.pid)
    let consolePeakRssMb = consoleBaselineRssMb
    const sampler = setInterval(() => {
      consolePeakRssMb = Math.max(consolePeakRssMb, rssMb(consoleServer.pid))
    }, RSS_SAMPLE_MS)

    const load = autocannon({
      url: assertLoopback(target),
      method: 'POST',
      connections,
      duration: durationSeconds,
      timeout: 30,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: segmentBody('proxyLoad', idsPerBody),
    })
    const uploads = Promise.all(
      Array.from({ length: largeBodies }, () => postLarge(target, token, large)),
    )
    const [result, largeResults] = await Promise.all([load, uploads])
    clearInterval(sampler)
    consolePeakRssMb = Math.max(consolePeakRssMb, rssMb(consoleServer.pid))

    const largeBodyStatuses = largeResults.map((upload) => upload.status)
    const largeBodySlowestMs = Math.max(...largeResults.map((upload) => upload.ms))
    const figures = {
      durationSeconds,
      connections,
      idsPerBody,
      requests: result.requests.total,
      requestsPerSecond: round(result.requests.average),
      latencyP50Ms: result.latency.p50,
      latencyP99Ms: result.latency.p99,
      latencyMaxMs: result.latency.max,
      errors: result.errors,
      timeouts: result.timeouts,
      non2xx: result.non2xx,
      largeBodies,
      largeBodyBytes,
      largeBodyStatuses,
      largeBodySlowestMs: Math.round(largeBodySlowestMs),
      consoleBaselineRssMb: round(consoleBaselineRssMb),
      consolePeakRssMb: round(consolePeakRssMb),
    }
    const largeOk = largeBodyStatuses.every((status) => status === 200)
    const rssOk = consolePeakRssMb < RSS_TARGET_MB
    const mb = Math.round(largeBodyBytes / (1024 * 1024))
    const rows: ProxyLoadRow[] = [
      {
        figure: `${connections} clients × ${idsPerBody.toLocaleString('en-US')}-ID bodies, ${durationSeconds} s`,
        value: `${figures.requests.toLocaleString('en-US')} requests, ${figures.requestsPerSecond} req/s`,
      },
      {
        figure: 'latency p50 / p99 / max',
        value: `${figures.latencyP50Ms} / ${figures.latencyP99Ms} / ${figures.latencyMaxMs} ms`,
      },
      {
        figure: 'errors, timeouts, non-2xx',
        value: `${figures.errors}, ${figures.timeouts}, ${figures.non2xx}`,
        target: '0, 0, 0',
        met: figures.errors === 0 && figures.non2xx === 0,
      },
      {
        figure: `${largeBodies} concurrent ${mb} MB bodies`,
        value: `${largeBodyStatuses.join(', ')} (slowest ${(largeBodySlowestMs / 1000).toFixed(1)} s)`,
        target: 'all 200',
        met: largeOk,
      },
      {
        figure: 'console peak RSS',
        value: `${figures.consolePeakRssMb} MB (idle ${figures.consoleBaselineRssMb} MB)`,
        target: `< ${RSS_TARGET_MB} MB`,
        met: rssOk,
      },
    ]
    return {
      ...figures,
      passed: figures.errors === 0 && figures.non2xx === 0 && largeOk && rssOk,
      rows,
    }
  } finally {
    await consoleServer.stop()
    await sandbox.stop()
  }
}

/** The server side of `--serve`: listens on an ephemeral loopback port and prints its URL. */
async function serve(role: string, upstream: string | undefined): Promise<void> {
  const app =
    role === 'sandbox'
      ? buildSandbox({ logger: { level: 'error' } })
      : buildConsoleServer({
          upstream: { url: new URL(assertLoopback(upstream ?? '')), target: 'sandbox' },
          bodyLimitBytes: CONSOLE_BODY_LIMIT_BYTES,
          upstreamTimeoutMs: 120_000,
          // Errors go to the benchmark's stderr, so a failed figure says why.
          logger: { level: 'error' },
        })
  const url = await app.listen({ host: LOOPBACK, port: 0 })
  process.stdout.write(`LISTENING ${url}\n`)
  process.once('SIGTERM', () => {
    void app.close().then(() => process.exit(0))
  })
}

if (process.argv[1] === thisFile) {
  const serveAt = process.argv.indexOf('--serve')
  if (serveAt !== -1) {
    await serve(process.argv[serveAt + 1] ?? '', process.argv[serveAt + 2])
  } else {
    const figures = await measureProxyLoad({ smoke: process.argv.includes('--smoke') })
    for (const row of figures.rows) {
      const verdict = row.met === undefined ? '' : row.met ? '  ✓' : `  ✗ (target ${row.target})`
      process.stdout.write(`${row.figure.padEnd(40)} ${row.value}${verdict}\n`)
    }
    process.exitCode = figures.passed ? 0 : 1
  }
}
