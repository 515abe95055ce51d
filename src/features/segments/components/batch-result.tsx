import { Alert, Button, Group, Loader, Stack, Text } from '@mantine/core'
import { useId } from 'react'
import { formatQuantity } from '../../../lib/format'
import { batchSentence, type BatchLine, type BatchProgress } from '../domain/batch-progress'
import { FanPassAnswerDetails } from './fanpass-answer-details'
import { WHAT_FANPASS_DOES_NEXT } from './upload-result'

export interface BatchResultProps {
  progress: BatchProgress
  sending: boolean
  failedCount: number
  changedCount: number
  onRetryFailed: (() => void) | null
  onCompareChangedAgain: (() => void) | null
}

const HEADLINES: Record<BatchLine['status'], (tag: string) => string> = {
  waiting: (tag) => `${tag}: waiting to be sent`,
  sending: (tag) => `${tag}: sending…`,
  accepted: (tag) => `Segment ${tag} replaced`,
  failed: (tag) => `Segment ${tag} was not replaced`,
  changed: (tag) => `Segment ${tag} changed since you compared it`,
}

const COLORS: Record<BatchLine['status'], string> = {
  waiting: 'gray',
  sending: 'blue',
  accepted: 'teal',
  failed: 'red',
  changed: 'orange',
}

/** A batch's sends, a line per tag with FanPass's answer verbatim, and the one next step. */
export function BatchResult(props: BatchResultProps) {
  const { progress, sending } = props
  const accepted = progress.lines.some((line) => line.status === 'accepted')
  return (
    // Not a live region: the page's LiveAnnouncer speaks each step once.
    <section aria-label="Batch result">
      <Stack gap="sm">
        <Text fw={600}>
          {sending
            ? `Sending ${formatQuantity(progress.lines.length, 'segment')}, one after another…`
            : batchSentence(progress)}
        </Text>
        {accepted && <Text size="sm">{WHAT_FANPASS_DOES_NEXT}</Text>}
        <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
          {progress.lines.map((line) => (
            <ResultLine key={line.segment.tag} line={line} />
          ))}
        </Stack>
        {(props.onRetryFailed !== null || props.onCompareChangedAgain !== null) && (
          <Group>
            {props.onRetryFailed !== null && (
              <Button onClick={props.onRetryFailed}>
                Retry the {props.failedCount} that failed
              </Button>
            )}
            {props.onCompareChangedAgain !== null && (
              <Button variant="default" onClick={props.onCompareChangedAgain}>
                Compare the {props.changedCount} that changed again
              </Button>
            )}
          </Group>
        )}
      </Stack>
    </section>
  )
}

function ResultLine({ line }: { line: BatchLine }) {
  const headlineId = useId()
  const { tag } = line.segment
  const ended = line.status !== 'waiting' && line.status !== 'sending'
  return (
    <li aria-labelledby={headlineId}>
      <Alert color={COLORS[line.status]} role="none" p="xs">
        <Stack gap={4}>
          <Group gap="xs">
            {line.status === 'sending' && <Loader size="xs" />}
            <Text fw={600} id={headlineId}>
              {HEADLINES[line.status](tag)}
            </Text>
          </Group>
          {ended && <Text size="sm">{line.result?.sentence ?? line.sentence}</Text>}
          {line.result && <FanPassAnswerDetails result={line.result} subject={tag} />}
        </Stack>
      </Alert>
    </li>
  )
}
