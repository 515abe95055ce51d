import { isLoopback, type UpstreamTarget } from '../config.ts'

// No FanPass upload or job happened before 2000; a clock a little fast (another time zone
// read as UTC, a drifting laptop) is not a lie, a time more than a day ahead is.
const EARLIEST_TIME_MS = Date.UTC(2000, 0, 1)
const FUTURE_SLACK_MS = 24 * 60 * 60 * 1000

/**
 * Why a record's time cannot be true, or null when it can.
 * e.g. 'soon' → 'is not a date'; '1970-01-01T00:00:00Z' → 'is before 2000';
 * a time two days from `now` → 'is in the future'.
 */
export function implausibleTime(iso: string, now: Date): string | null {
  const time = Date.parse(iso)
  if (Number.isNaN(time)) return 'is not a date'
  if (time < EARLIEST_TIME_MS) return 'is before 2000'
  if (time > now.getTime() + FUTURE_SLACK_MS) return 'is in the future'
  return null
}

/** How a sentence names a time, e.g. '2026-11-20T09:12:00.000Z' → '2026-11-20 09:12 UTC'. */
function shownTime(iso: string): string {
  const time = Date.parse(iso)
  return Number.isNaN(time)
    ? `"${iso.slice(0, 40)}"`
    : `${new Date(time).toISOString().slice(0, 16).replace('T', ' ')} UTC`
}

export const RECORD_CHECK_SENTENCES = {
  importTime: (what: string, createdAt: string, why: string) =>
    `This browser record (${what}) says it was made at ${shownTime(createdAt)}, which ${why}, so it was not imported. Correct the computer's clock or leave this record out.`,
  jobTime: (jobId: string, createdAt: string, why: string) =>
    `The properties job "${jobId.slice(0, 200)}" says it finished at ${shownTime(createdAt)}, which ${why}, so it was not filed in the team history. Check this computer's clock.`,
  importHost: (what: string, targetHost: string, forwardsTo: string) =>
    `This browser record (${what}) was sent to FanPass at ${targetHost.slice(0, 300)}, but this console forwards to ${forwardsTo}, so it was not imported: the history keeps each FanPass host's uploads apart. Import it from a console that forwards to ${targetHost.slice(0, 300)}.`,
}

/** A host as URL.host writes it, e.g. 'FanPass-API.example.com:443' over https → 'fanpass-api.example.com'. */
function normalHost(host: string, protocol: string): string | null {
  try {
    return new URL(`${protocol}//${host}`).host
  } catch {
    return null
  }
}

/**
 * Whether a browser record sent to `targetHost` belongs in this console's history: against a
 * real FanPass, only that host's; against the built-in sandbox (whose loopback port changes at
 * every start), only a loopback sandbox's. Returns the sentence of a refusal, or null.
 * e.g. ('staging.example.com', production console) → 'This browser record … was sent to …'.
 */
export function importHostRefusal(
  targetHost: string,
  upstream: { url: URL; target: UpstreamTarget },
  what: string,
): string | null {
  const normal = normalHost(targetHost, upstream.url.protocol)
  if (upstream.target === 'sandbox') {
    const hostname = normal === null ? null : new URL(`http://${normal}`).hostname
    return hostname !== null && isLoopback(hostname)
      ? null
      : RECORD_CHECK_SENTENCES.importHost(what, targetHost, 'its built-in sandbox')
  }
  return normal === upstream.url.host
    ? null
    : RECORD_CHECK_SENTENCES.importHost(what, targetHost, upstream.url.host)
}
