import { Alert, Button, Code, CopyButton, Group, List, Stack, Text } from '@mantine/core'
import type { FanPassResult } from '../../../lib/fanpass-client'

interface UploadResultProps {
  result: FanPassResult
  tag: string
  onRetry: () => void
  retrying: boolean
}

// From the API collection's "Create/Update Segment" rules: "Imported Segments are immediately
// available for the Personalization Engine. It may take up to 12 hours for changes to reflect in
// Push Notifications and In-App Messages."
const WHAT_FANPASS_DOES_NEXT =
  'Usable by the Personalization Engine now; up to 12 hours for Push Notifications and In-App Messages.'

/** What FanPass answered, verbatim, with the one next step that makes sense. */
export function UploadResult({ result, tag, onRetry, retrying }: UploadResultProps) {
  const succeeded = result.kind === 'succeeded'
  return (
    // Not a live region: the page's LiveAnnouncer speaks the outcome once.
    <section aria-label="Upload result">
      <Alert
        color={succeeded ? 'teal' : 'red'}
        title={succeeded ? `Segment ${tag} replaced` : `Segment ${tag} was not replaced`}
        role="none"
      >
        <Stack gap="xs">
          <Text>{result.sentence}</Text>
          {succeeded && <Text size="sm">{WHAT_FANPASS_DOES_NEXT}</Text>}
          <Text size="sm">
            HTTP status: <strong>{result.httpStatus ?? 'no answer'}</strong>
          </Text>
          {result.messages.length > 0 && (
            <div>
              <Text size="sm" fw={600}>
                Messages
              </Text>
              <List size="sm">
                {result.messages.map((message, index) => (
                  <List.Item key={index}>{message}</List.Item>
                ))}
              </List>
            </div>
          )}
          {result.errors.length > 0 && (
            <div>
              <Text size="sm" fw={600}>
                Errors
              </Text>
              <List size="sm">
                {result.errors.map((error, index) => (
                  <List.Item key={index}>{error}</List.Item>
                ))}
              </List>
            </div>
          )}
          {result.correlationId && (
            <Group gap="xs">
              <Text size="sm">
                Correlation ID: <Code>{result.correlationId}</Code>
              </Text>
              <CopyButton value={result.correlationId}>
                {({ copied, copy }) => (
                  <Button size="compact-xs" variant="default" onClick={copy}>
                    {copied ? 'Copied' : 'Copy correlation ID'}
                  </Button>
                )}
              </CopyButton>
            </Group>
          )}
          {result.retryable && (
            <Group>
              <Button onClick={onRetry} loading={retrying}>
                Retry
              </Button>
            </Group>
          )}
        </Stack>
      </Alert>
    </section>
  )
}
