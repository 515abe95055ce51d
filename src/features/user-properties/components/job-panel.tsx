import { Alert, Button, Group, List, Paper, Progress, Stack, Text, Title } from '@mantine/core'
import { useEffect, useState } from 'react'
import { downloadCsvFile } from '../../../lib/download'
import { formatCount, formatQuantity } from '../../../lib/format'
import { useSessionToken } from '../../../lib/session-token'
import { tokenHint } from '../../../lib/token-hint'
import { failedRowsCsv } from '../domain/failed-rows'
import { failedRequests, jobReport } from '../domain/job-report'
import type { JobSnapshot } from '../domain/job-runner'
import type { JobView, UpdateJobs } from '../jobs/update-jobs'

const SAFE_TO_RESEND =
  'Sending an update again is safe: it sets the same values, so a request that may already have been applied does no harm when repeated.'

/** "in 3 s", refreshed every second while a retry is waiting. */
function useSecondsUntil(at: number | null): number | null {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (at === null) return
    const timer = setInterval(() => setNow(Date.now()), 1_000)
    return () => clearInterval(timer)
  }, [at])
  return at === null ? null : Math.max(0, Math.ceil((at - now) / 1_000))
}

function progressSentence(snapshot: JobSnapshot): string {
  const { counts } = snapshot
  const done = counts.succeeded + counts.failed
  return `${formatCount(done)} of ${formatQuantity(counts.requests, 'request')} done, ${formatCount(counts.usersDone)} of ${formatQuantity(counts.users, 'user')} updated.`
}

function phaseSentence(snapshot: JobSnapshot): string {
  switch (snapshot.phase) {
    case 'ready':
    case 'running':
      return 'Sending…'
    case 'paused':
      return snapshot.counts.inFlight > 0
        ? `Paused. Waiting for ${formatQuantity(snapshot.counts.inFlight, 'request')} already sent to answer.`
        : 'Paused. Nothing is being sent.'
    case 'paused-for-token':
      return 'Paused: FanPass did not accept the API token.'
    case 'cancelling':
      return `Cancelling. Waiting for ${formatQuantity(snapshot.counts.inFlight, 'request')} already sent to answer.`
    case 'cancelled':
      return 'Cancelled.'
    case 'finished':
      return 'Finished.'
  }
}

/** Progress, controls and, once the job ends, the "Update report". */
export function JobPanel({ view, jobs }: { view: JobView; jobs: UpdateJobs }) {
  const { snapshot, job } = view
  const { counts, phase } = snapshot
  const { token, refusal } = useSessionToken()
  const secondsToRetry = useSecondsUntil(phase === 'running' ? (snapshot.retry?.at ?? null) : null)
  const done = counts.succeeded + counts.failed
  const ended = phase === 'finished' || phase === 'cancelled'
  // Rounded down, so the bar never claims 100 % while a request is still open.
  const percent = counts.requests === 0 ? 100 : Math.floor((done / counts.requests) * 100)

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="job-heading">
      <Stack gap="sm">
        <Title order={3} size="h4" id="job-heading">
          {ended ? 'Last job' : 'Sending updates'}: {job.source}
        </Title>
        <Progress
          value={percent}
          size="lg"
          aria-label="Requests done"
          color={counts.failed > 0 ? 'orange' : 'teal'}
        />
        <div role="status" aria-live="polite">
          <Text size="sm">
            {phaseSentence(snapshot)} {progressSentence(snapshot)}
          </Text>
        </div>
        {phase === 'running' && snapshot.retry !== null && (
          <Text size="sm" c="dimmed">
            {snapshot.retry.sentence} Trying request {formatCount(snapshot.retry.index + 1)} again
            {secondsToRetry !== null && secondsToRetry > 0
              ? ` in ${secondsToRetry} s`
              : ' now'}. {SAFE_TO_RESEND}
          </Text>
        )}
        {phase === 'paused-for-token' && (
          <Alert color="red" title="A new API token is needed" role="alert">
            {snapshot.unauthorized?.sentence}{' '}
            {token === ''
              ? tokenHint(refusal, 'and press Resume')
              : 'Once the new token is in place under Connection, press Resume: the job goes on where it stopped.'}
          </Alert>
        )}
        {snapshot.saveError !== null && (
          <Alert color="orange" title="Progress not saved">
            {snapshot.saveError}
          </Alert>
        )}
        {!ended && (
          <Group gap="sm">
            {phase === 'running' && (
              <Button variant="default" onClick={() => jobs.pause()}>
                Pause
              </Button>
            )}
            {(phase === 'paused' || phase === 'paused-for-token') && (
              <Button onClick={() => jobs.resume()} disabled={token === ''}>
                Resume
              </Button>
            )}
            <Button
              color="red"
              variant="light"
              onClick={() => jobs.cancel()}
              disabled={phase === 'cancelling'}
            >
              Cancel
            </Button>
          </Group>
        )}
        {ended && <UpdateReport view={view} jobs={jobs} />}
      </Stack>
    </Paper>
  )
}

// From the API collection's "Update User Properties" rules: "GA4 propagation may take 4–8 hours
// to reflect changes across targeting tools."
const GA4_PROPAGATION =
  'FanPass has the new values now; GA4 may take 4–8 hours to show them in its targeting tools.'

function UpdateReport({ view, jobs }: { view: JobView; jobs: UpdateJobs }) {
  const { snapshot, requests, job } = view
  const report = jobReport(requests, snapshot.states)
  const notSent = snapshot.counts.pending
  const { token } = useSessionToken()

  const downloadFailedRows = () => {
    const csv = failedRowsCsv(failedRequests(requests, snapshot.states))
    const stamp = new Date(job.createdAt).toISOString().slice(0, 19).replaceAll(':', '-')
    downloadCsvFile(`failed-rows-${stamp}.csv`, csv)
  }

  return (
    <section aria-label="Update report">
      <Stack gap="sm">
        <Text fw={700} role="status">
          {formatQuantity(report.succeeded, 'request')} succeeded, {formatCount(report.failed)}{' '}
          failed
          {notSent > 0 ? `, ${formatCount(notSent)} not sent (the job was cancelled)` : ''}.
        </Text>
        {report.succeeded > 0 && <Text size="sm">{GA4_PROPAGATION}</Text>}
        {report.failures.length > 0 && (
          <>
            <List size="sm" spacing="xs" aria-label="Failed requests">
              {report.failures.map((failure) => (
                <List.Item key={failure.requestNumber}>
                  Request {formatCount(failure.requestNumber)} (
                  {formatQuantity(failure.userCount, 'user')}; {failure.properties.join(', ')}):{' '}
                  {failure.sentence}
                  {failure.correlationId !== null && ` Correlation ID: ${failure.correlationId}.`}
                </List.Item>
              ))}
            </List>
            <Group gap="sm">
              <Button onClick={() => jobs.retryFailed()} disabled={token === ''}>
                Retry failed
              </Button>
              <Button variant="default" onClick={downloadFailedRows}>
                Download failed rows (CSV)
              </Button>
            </Group>
            <Text size="xs" c="dimmed">
              {SAFE_TO_RESEND} The CSV lists each user of the failed requests with the values, the
              error and the correlation ID FanReach support will ask for.
            </Text>
          </>
        )}
        {report.warnings.length > 0 && (
          <Alert color="yellow" title="FanPass accepted the requests with warnings">
            <List size="sm">
              {report.warnings.map((warning) => (
                <List.Item key={warning.message}>
                  {warning.message} ({formatQuantity(warning.requests, 'request')})
                </List.Item>
              ))}
            </List>
          </Alert>
        )}
      </Stack>
    </section>
  )
}
