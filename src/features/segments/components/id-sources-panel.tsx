import { zodResolver } from '@hookform/resolvers/zod'
import { Button, Card, Group, Stack, Text, Title } from '@mantine/core'
import { Dropzone } from '@mantine/dropzone'
import { memo, useRef } from 'react'
import { useForm } from 'react-hook-form'
import * as z from 'zod/mini'
import { CodeListTextarea } from '../../../lib/code-list-textarea'
import { SourceCard } from './source-card'
import type { IdSources } from './use-id-sources'

export const pastedIdsFormSchema = z.object({
  text: z.string().check(z.refine((text) => text.trim() !== '', 'Paste at least one user ID.')),
})

type PastedIdsForm = z.infer<typeof pastedIdsFormSchema>

// Memoised: the upload flow re-renders the page at "Upload segment" and when the dialog closes.
export const IdSourcesPanel = memo(function IdSourcesPanel({ ids }: { ids: IdSources }) {
  const openFilePicker = useRef<() => void>(null)
  const pasteForm = useForm<PastedIdsForm>({
    resolver: zodResolver(pastedIdsFormSchema),
    defaultValues: { text: '' },
  })
  const addPasted = pasteForm.handleSubmit(({ text }) => {
    ids.addPastedText(text)
    pasteForm.reset()
  })

  return (
    <Card withBorder component="section" aria-labelledby="sources-heading">
      <Stack>
        <Group justify="space-between">
          <Title order={3} size="h4" id="sources-heading">
            User IDs
          </Title>
          {ids.sources.length > 0 && (
            <Button variant="subtle" size="xs" onClick={ids.clear}>
              Remove all sources
            </Button>
          )}
        </Group>
        <Dropzone
          onDrop={(files) => ids.addFiles(files)}
          openRef={openFilePicker}
          multiple
          activateOnClick={false}
          inputProps={{ 'aria-label': 'CSV files or workbooks' }}
        >
          <Stack align="center" gap={4} py="md">
            <Text fw={600}>
              Drop CSV, TSV or TXT files, or Excel and OpenDocument workbooks here
            </Text>
            <Text size="sm" c="dimmed">
              Workbooks: .xlsx, .xlsm (macros are never run), .xls and .ods. One ID per row, or a
              column named like &quot;Account ID&quot;. Several files can be combined.
            </Text>
            <Button variant="light" size="xs" mt="xs" onClick={() => openFilePicker.current?.()}>
              Choose files
            </Button>
          </Stack>
        </Dropzone>
        <form onSubmit={addPasted} noValidate aria-label="Paste IDs">
          <Stack gap="xs">
            <CodeListTextarea
              label="Paste user IDs"
              description="One per line, or separated by commas, semicolons, tabs or spaces."
              error={pasteForm.formState.errors.text?.message}
              {...pasteForm.register('text')}
            />
            <Group>
              <Button type="submit" variant="default" size="xs">
                Add pasted IDs
              </Button>
            </Group>
          </Stack>
        </form>
        {ids.sources.map((source) => (
          <SourceCard
            key={source.sourceId}
            source={source}
            readProgress={ids.readProgress}
            onCancel={() => ids.cancel(source.sourceId)}
            onRemove={() => ids.remove(source.sourceId)}
            onChooseIdColumn={(column) => ids.chooseIdColumn(source.sourceId, column)}
            onUseAutomaticIdColumn={() => ids.restoreAutomaticIdColumn(source.sourceId)}
            onChooseSheet={(sheet) => ids.chooseSheet(source.sourceId, sheet)}
            onUseAutomaticSheet={() => ids.restoreAutomaticSheet(source.sourceId)}
            keepRows={ids}
            split={ids.split?.settings.sourceId === source.sourceId ? ids.split.settings : null}
            onSplit={ids.setSplit}
            onDownloadAffected={(issue) =>
              void ids.downloadAffectedRows(source.sourceId, issue.kind)
            }
          />
        ))}
      </Stack>
    </Card>
  )
})
