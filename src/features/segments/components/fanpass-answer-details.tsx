import { Button, Code, CopyButton, Group, List, Text } from '@mantine/core'
import type { FanPassResult } from '../../../lib/fanpass-client'

/**
 * FanPass's status, messages, errors and correlation ID, verbatim, as every result shows them.
 * `subject` names the copy button where several results are shown (a batch: the tag).
 */
export function FanPassAnswerDetails({
  result,
  subject,
}: {
  result: FanPassResult
  subject?: string
}) {
  return (
    <>
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
              <Button
                size="compact-xs"
                variant="default"
                onClick={copy}
                aria-label={subject === undefined ? undefined : `Copy correlation ID: ${subject}`}
              >
                {copied ? 'Copied' : 'Copy correlation ID'}
              </Button>
            )}
          </CopyButton>
        </Group>
      )}
    </>
  )
}
