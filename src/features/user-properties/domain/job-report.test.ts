import { describe, expect, it } from 'vitest'
import { failedRowsCsv } from './failed-rows'
import { failedRequests, historyEntry, historyStatus, jobReport } from './job-report'
import type { JobCounts, RequestOutcome, RequestState } from './job-runner'
import type { UpdateUserRequest } from './plan-requests'
import type { SavedJob } from './saved-job'

const plan: UpdateUserRequest[] = [
  { userIds: ['1', '2'], userProperties: { membership_tier: 'Gold' } },
  { userIds: ['3'], userProperties: { membership_tier: '=cmd()', favourite_team: 'Reds' } },
  { userIds: ['4'], userProperties: { favourite_team: 'Blues' } },
]

function outcome(overrides: Partial<RequestOutcome>): RequestOutcome {
  return {
    kind: 'succeeded',
    httpStatus: 200,
    correlationId: 'c-ok',
    messages: ['Successfully updated user properties for 2 users'],
    errors: [],
    sentence: 'FanPass accepted the request.',
    ...overrides,
  }
}

const states: RequestState[] = [
  {
    status: 'succeeded',
    attempts: 1,
    last: outcome({
      messages: [
        'Successfully updated user properties for 2 users',
        'Ignored property favourite_team: it is not registered in the FanReach Portal.',
      ],
    }),
  },
  {
    status: 'failed',
    attempts: 1,
    last: outcome({
      kind: 'rejected',
      httpStatus: 400,
      correlationId: 'c-400',
      messages: [],
      errors: ['The value of membership_tier must be text.'],
      sentence: 'FanPass rejected the request: The value of membership_tier must be text.',
    }),
  },
  {
    status: 'succeeded',
    attempts: 3,
    last: outcome({
      messages: [
        'Successfully updated user properties for 1 users',
        'Ignored property favourite_team: it is not registered in the FanReach Portal.',
      ],
    }),
  },
]

describe('jobReport', () => {
  it('counts outcomes, lists failures with the server errors, and gathers FanPass warnings', () => {
    expect(jobReport(plan, states)).toEqual({
      succeeded: 2,
      failed: 1,
      failures: [
        {
          requestNumber: 2,
          userCount: 1,
          properties: ['membership_tier', 'favourite_team'],
          sentence: 'FanPass rejected the request: The value of membership_tier must be text.',
          errors: ['The value of membership_tier must be text.'],
          httpStatus: 400,
          correlationId: 'c-400',
        },
      ],
      warnings: [
        {
          message: 'Ignored property favourite_team: it is not registered in the FanReach Portal.',
          requests: 2,
        },
      ],
    })
  })

  it('leaves pending requests out of both counts', () => {
    const pending: RequestState = { status: 'pending', attempts: 0, last: null }
    expect(jobReport(plan, [pending, pending, states[2] as RequestState])).toMatchObject({
      succeeded: 1,
      failed: 0,
      failures: [],
    })
  })
})

describe('failedRequests', () => {
  it('feeds the failed-rows CSV, formula-looking values defused', () => {
    const csv = failedRowsCsv(failedRequests(plan, states))
    expect(csv).toBe(
      'userId,membership_tier,favourite_team,error,correlationId\r\n' +
        "3,'=cmd(),Reds,FanPass rejected the request: The value of membership_tier must be text.,c-400\r\n",
    )
  })
})

describe('historyStatus', () => {
  const counts = (succeeded: number, failed: number, pending = 0): JobCounts => ({
    requests: succeeded + failed + pending,
    succeeded,
    failed,
    pending,
    inFlight: 0,
    users: 10,
    usersDone: 0,
  })

  it('files a job as succeeded, partial, failed or cancelled', () => {
    expect(historyStatus(counts(3, 0), false)).toBe('succeeded')
    expect(historyStatus(counts(2, 1), false)).toBe('partial')
    expect(historyStatus(counts(0, 3), false)).toBe('failed')
    expect(historyStatus(counts(3, 0, 2), true)).toBe('cancelled')
  })
})

describe('historyEntry', () => {
  it('files a job with the counts saved with it, and nothing else', () => {
    const job: SavedJob = {
      id: 'job-1',
      createdAt: 1_700_000_000_000,
      updatedAt: 1_700_000_060_000,
      source: 'tiers.csv',
      targetHost: 'fanpass-api.fanreachdata.io',
      phase: 'finished',
      requestCount: 4,
      userCount: 3_000,
      succeeded: 3,
      failed: 1,
      usersDone: 2_500,
    }

    expect(historyEntry(job, 'partial')).toEqual({
      createdAt: 1_700_000_000_000,
      targetHost: 'fanpass-api.fanreachdata.io',
      jobId: 'job-1',
      requestsPlanned: 4,
      requestsSucceeded: 3,
      requestsFailed: 1,
      usersUpdated: 2_500,
      status: 'partial',
    })
  })
})
