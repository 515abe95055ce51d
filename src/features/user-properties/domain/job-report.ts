// What the "Update report" says once a job has run: how many requests succeeded, each failure
// with FanPass's own words, and the warnings FanPass sent back with its successes (a key it
// ignored although the console's list said it was registered, for example).
import type { PropertiesJobInput, PropertiesJobStatus } from '../../../lib/history/history-db'
import type { FailedRequest } from './failed-rows'
import type { JobCounts, RequestState } from './job-runner'
import type { UpdateUserRequest } from './plan-requests'
import type { SavedJob } from './saved-job'

export interface ReportFailure {
  /** 1-based, as the report numbers requests. */
  requestNumber: number
  userCount: number
  properties: string[]
  sentence: string
  errors: string[]
  httpStatus: number | null
  correlationId: string | null
}

export interface ReportWarning {
  message: string
  /** Requests FanPass answered with this message. */
  requests: number
}

export interface JobReport {
  succeeded: number
  failed: number
  failures: ReportFailure[]
  warnings: ReportWarning[]
}

// FanPass's success message counts users; it says nothing the report does not already say.
const SUCCESS_MESSAGE = /^Successfully updated user properties for \d+ users?$/

/**
 * The report of a job from its plan and the state of each request.
 * @example jobReport([{ userIds: ['1'], userProperties: { tier: 'Gold' } }], [{ status: 'failed', attempts: 1, last: { kind: 'rejected', httpStatus: 400, … } }])
 * // → { succeeded: 0, failed: 1, failures: [{ requestNumber: 1, userCount: 1, properties: ['tier'], … }], warnings: [] }
 */
export function jobReport(
  requests: readonly UpdateUserRequest[],
  states: readonly RequestState[],
): JobReport {
  let succeeded = 0
  const failures: ReportFailure[] = []
  const warningCounts = new Map<string, number>()
  states.forEach((state, index) => {
    const request = requests[index]
    if (request === undefined) return
    if (state.status === 'succeeded') {
      succeeded += 1
      for (const message of state.last?.messages ?? []) {
        if (SUCCESS_MESSAGE.test(message)) continue
        warningCounts.set(message, (warningCounts.get(message) ?? 0) + 1)
      }
    } else if (state.status === 'failed') {
      failures.push({
        requestNumber: index + 1,
        userCount: request.userIds.length,
        properties: Object.keys(request.userProperties),
        sentence: state.last?.sentence ?? 'This request failed.',
        errors: state.last?.errors ?? [],
        httpStatus: state.last?.httpStatus ?? null,
        correlationId: state.last?.correlationId ?? null,
      })
    }
  })
  return {
    succeeded,
    failed: failures.length,
    failures,
    warnings: [...warningCounts].map(([message, count]) => ({ message, requests: count })),
  }
}

/**
 * The failed requests in the form the failed-rows CSV takes.
 * @example failedRequests(requests, states) // → [{ request: { userIds: ['1'], … }, errors: ['FanPass rejected …'], correlationId: 'c-1' }]
 */
export function failedRequests(
  requests: readonly UpdateUserRequest[],
  states: readonly RequestState[],
): FailedRequest[] {
  const out: FailedRequest[] = []
  states.forEach((state, index) => {
    const request = requests[index]
    if (request === undefined || state.status !== 'failed') return
    out.push({
      request,
      errors: [state.last?.sentence ?? 'This request failed.'],
      correlationId: state.last?.correlationId ?? null,
    })
  })
  return out
}

/**
 * How the History page files a job that ended.
 * @example historyStatus({ succeeded: 3, failed: 1, … }, false) // → 'partial'
 */
export function historyStatus(counts: JobCounts, cancelled: boolean): PropertiesJobStatus {
  if (cancelled) return 'cancelled'
  if (counts.failed === 0 && counts.pending === 0) return 'succeeded'
  if (counts.succeeded === 0) return 'failed'
  return 'partial'
}

/**
 * The History entry of a job, from its saved counts (a finished job's, or an interrupted one's).
 * @example historyEntry({ id: 'j1', requestCount: 4, succeeded: 3, failed: 1, usersDone: 2500, … }, 'partial')
 * // → { jobId: 'j1', requestsPlanned: 4, requestsSucceeded: 3, requestsFailed: 1, usersUpdated: 2500, status: 'partial', … }
 */
export function historyEntry(job: SavedJob, status: PropertiesJobStatus): PropertiesJobInput {
  return {
    createdAt: job.createdAt,
    targetHost: job.targetHost,
    jobId: job.id,
    requestsPlanned: job.requestCount,
    requestsSucceeded: job.succeeded,
    requestsFailed: job.failed,
    usersUpdated: job.usersDone,
    status,
  }
}
