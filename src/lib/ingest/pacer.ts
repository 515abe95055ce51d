import { cancelledError } from './ingest-error'

/** Longest stretch of work before letting the worker take messages (a Cancel) again. */
const YIELD_INTERVAL_MS = 30

/**
 * Lets the worker's event loop run (a Cancel message arrives that way). A MessageChannel round
 * trip rather than setTimeout(0), which browsers clamp to 4 ms once timers nest.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel()
    channel.port1.onmessage = () => {
      channel.port1.close()
      resolve()
    }
    channel.port2.postMessage(null)
  })
}

/**
 * Paces a long read in a worker: `tick` between two pieces of work rejects once the signal is
 * aborted, and lets the event loop run when ~30 ms have passed since it last did.
 * e.g. const pacer = new Pacer(signal, 'report.xlsx'); for (const chunk of chunks) { work(chunk); await pacer.tick() }
 */
export class Pacer {
  private lastYield = performance.now()
  readonly signal: AbortSignal | undefined
  private readonly name: string

  constructor(signal: AbortSignal | undefined, name: string) {
    this.signal = signal
    this.name = name
  }

  /** Throws IngestError('cancelled') when the read was cancelled. */
  check(): void {
    if (this.signal?.aborted) throw cancelledError(this.name)
  }

  async tick(): Promise<void> {
    this.check()
    if (performance.now() - this.lastYield <= YIELD_INTERVAL_MS) return
    await yieldToEventLoop()
    this.lastYield = performance.now()
    this.check()
  }
}
