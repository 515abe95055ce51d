import { describe, expect, it } from 'vitest'
import { aTeamRecord } from '../../../lib/testing/team-record-builder'
import { historyRows } from './history-rows'

describe('historyRows', () => {
  it("lists uploads, jobs and one-off requests, and folds a job's requests into the job", () => {
    const upload = aTeamRecord({ id: 'upload' })
    const job = aTeamRecord({ id: 'job', kind: 'properties-job', jobId: 'j1', tag: null })
    const ofJob = aTeamRecord({ id: 'of-job', kind: 'properties-request', jobId: 'j1', tag: null })
    const oneOff = aTeamRecord({
      id: 'one-off',
      kind: 'properties-request',
      jobId: null,
      tag: null,
    })

    expect(historyRows([job, ofJob, oneOff, upload]).map((record) => record.id)).toEqual([
      'job',
      'one-off',
      'upload',
    ])
  })
})
