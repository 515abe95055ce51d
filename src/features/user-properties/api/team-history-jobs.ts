import { jobFiledAnswerSchema, type PropertiesJob } from '../../../../contracts/history'
import { readConsoleHistory } from '../../../lib/console-history'
import type { PropertiesJobInput } from '../../../lib/history/history-db'

/**
 * Files a finished (or cancelled) properties job in the team history (POST /console/history/jobs),
 * beside the requests the console's server recorded as they went by.
 * e.g. {jobId: 'job-7', requestsPlanned: 10, …, status: 'succeeded'} → {id: '…'}
 */
export function recordJobInTeamHistory(
  job: Omit<PropertiesJobInput, 'targetHost'>,
): Promise<{ id: string }> {
  const body: PropertiesJob = {
    jobId: job.jobId,
    createdAt: new Date(job.createdAt).toISOString(),
    requestsPlanned: job.requestsPlanned,
    requestsSucceeded: job.requestsSucceeded,
    requestsFailed: job.requestsFailed,
    usersUpdated: job.usersUpdated,
    status: job.status,
  }
  return readConsoleHistory('/jobs', jobFiledAnswerSchema, { method: 'POST', body })
}
