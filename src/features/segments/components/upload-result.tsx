import { Alert, Button, Group, Stack, Text } from '@mantine/core'
import type { FanPassResult } from '../../../lib/fanpass-client'
import { FanPassAnswerDetails } from './fanpass-answer-details'

interface UploadResultProps {
  result: FanPassResult
  tag: string
  onRetry: () => void
  retrying: boolean
}

// From the API collection's "Create/Update Segment" rules: "Imported Segments are immediately
// available for the Personalization Engine. It may take up to 12 hours for changes to reflect in
// Push Notifications and In-App Messages."
export const WHAT_FANPASS_DOES_NEXT =
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
          <FanPassAnswerDetails result={result} />
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
