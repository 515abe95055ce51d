import { describe, expect, it } from 'vitest'
import type { JobCounts } from './job-runner'
import { savedPhase, withCounts, type SavedJob } from './saved-job'

const job: SavedJob = {
  id: 'job-1',
  createdAt: 1_000,
  updatedAt: 1_000,
  source: 'members.csv',
  targetHost: 'sandbox',
  phase: 'running',
  requestCount: 4,
  userCount: 3_000,
  succeeded: 0,
  failed: 0,
  usersDone: 0,
}

const counts: JobCounts = {
  requests: 4,
  succeeded: 2,
  failed: 1,
  pending: 1,
  inFlight: 1,
  users: 3_000,
  usersDone: 1_500,
}

describe('saved jobs', () => {
  it('saves a job about to start or running as running, and a cancelling one as cancelled', () => {
    expect(savedPhase('ready')).toBe('running')
    expect(savedPhase('running')).toBe('running')
    expect(savedPhase('cancelling')).toBe('cancelled')
    expect(savedPhase('paused-for-token')).toBe('paused-for-token')
    expect(savedPhase('finished')).toBe('finished')
  })

  it('copies the counts and the phase into the summary, keeping the rest', () => {
    expect(withCounts(job, counts, 'paused', 5_000)).toEqual({
      ...job,
      phase: 'paused',
      succeeded: 2,
      failed: 1,
      usersDone: 1_500,
      updatedAt: 5_000,
    })
  })
})
