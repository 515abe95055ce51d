import { Alert, Button, Group, Stack, Tabs, Text, Title } from '@mantine/core'
import { useEffect } from 'react'
import { useConsoleConfig } from '../../../lib/console-config'
import { formatCount } from '../../../lib/format'
import { useSessionToken } from '../../../lib/session-token'
import { tokenHint } from '../../../lib/token-hint'
import { usePropertySettings } from '../../../lib/use-property-settings'
import type { SavedJob } from '../domain/saved-job'
import { useUpdateJobs, type UpdateJobs } from '../jobs/update-jobs'
import { AdHocEditForm } from './ad-hoc-edit-form'
import { BulkCsvPanel } from './bulk-csv-panel'
import { JobPanel } from './job-panel'

/** Set properties on FanPass users: typed in for a few, or from a CSV for many. */
export function UserPropertiesPage() {
  const { jobs, state } = useUpdateJobs()

  useEffect(() => {
    void jobs.findInterrupted()
  }, [jobs])

  return (
    <Stack gap="lg">
      <Title order={2}>User properties</Title>
      <Text>
        Set custom properties on FanPass users. FanPass keeps the first 36 characters of a value,
        and ignores reserved names and custom names not registered in your FanReach Portal: the
        console warns about each before anything is sent.
      </Text>
      {state.interrupted !== null && <InterruptedJob job={state.interrupted} jobs={jobs} />}
      {state.error !== null && (
        <Alert color="red" role="alert" title="Not started">
          {state.error}
        </Alert>
      )}
      {state.current !== null && <JobPanel view={state.current} jobs={jobs} />}
      <Tabs defaultValue="ad-hoc" keepMounted>
        <Tabs.List aria-label="How to update">
          <Tabs.Tab value="ad-hoc">Ad-hoc edit</Tabs.Tab>
          <Tabs.Tab value="csv">Bulk update from a CSV</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="ad-hoc" pt="md">
          <AdHocEditForm />
        </Tabs.Panel>
        <Tabs.Panel value="csv" pt="md">
          <BulkCsvPanel />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  )
}

function InterruptedJob({ job, jobs }: { job: SavedJob; jobs: UpdateJobs }) {
  const config = useConsoleConfig()
  const settings = usePropertySettings()
  const { token, refusal } = useSessionToken()
  const done = job.succeeded + job.failed
  const when = new Date(job.updatedAt).toLocaleString('en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
  })
  const host = config.data?.host
  return (
    <Alert color="blue" title="A bulk update did not finish" role="region">
      <Stack gap="xs">
        <Text size="sm">
          {job.source}: {formatCount(done)} of {formatCount(job.requestCount)} requests were done
          when it stopped ({when}). Resume sends the other {formatCount(job.requestCount - done)};
          the ones done are not sent again. Requests that were on their way when the page closed are
          sent again, which is safe: an update sets the same values.
        </Text>
        {token === '' && (
          <Text size="sm" fw={700}>
            {tokenHint(refusal, 'to resume')}
          </Text>
        )}
        <Group gap="sm">
          <Button
            onClick={() =>
              host !== undefined && void jobs.resumeInterrupted(host, settings.concurrency)
            }
            disabled={token === '' || host === undefined}
          >
            Resume job
          </Button>
          <Button variant="default" onClick={() => void jobs.discardInterrupted()}>
            Discard job
          </Button>
        </Group>
      </Stack>
    </Alert>
  )
}
