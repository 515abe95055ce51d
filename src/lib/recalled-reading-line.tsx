import { Button, Group, Text } from '@mantine/core'

/**
 * The one line that says a choice was taken from how last week's export was read, with the
 * button that puts the automatic choice back.
 * e.g. <RecalledReadingLine sentence="Read as last time: the sheet “Renewals”." undoLabel="Use the automatic sheet" onUndo={…} />
 */
export function RecalledReadingLine({
  sentence,
  undoLabel = 'Use the automatic choice',
  onUndo,
}: {
  sentence: string
  undoLabel?: string
  onUndo: () => void
}) {
  return (
    <Group gap="xs">
      <Text size="sm">{sentence}</Text>
      <Button size="compact-xs" variant="default" onClick={onUndo}>
        {undoLabel}
      </Button>
    </Group>
  )
}
