import { zodResolver } from '@hookform/resolvers/zod'
import { Alert, Button, Group, List, NumberInput, Stack, Text, Title } from '@mantine/core'
import { useState, type ChangeEvent } from 'react'
import { Controller, useForm, useWatch, type Control } from 'react-hook-form'
import * as z from 'zod/mini'
import { CodeListTextarea } from '../../../lib/code-list-textarea'
import { useConsoleConfig } from '../../../lib/console-config'
import { downloadBlob } from '../../../lib/download'
import { FileField } from '../../../lib/file-field'
import { errorMessage, formatCount, formatQuantity } from '../../../lib/format'
import {
  loadPropertySettings,
  DEFAULT_BATCH_SIZE,
  DEFAULT_CONCURRENCY,
  MAX_BATCH_SIZE,
  MAX_CONCURRENCY,
  propertySettingsSchema,
  savePropertySettings,
} from '../../../lib/property-settings'
import { usePropertySettings } from '../../../lib/use-property-settings'
import { useSandboxAttributes } from '../api/get-sandbox-attributes'
import {
  cleanAttributeNames,
  type CleanedNames,
  parseRegisteredAttributes,
  registeredAttributesJson,
  splitAttributeNames,
} from '../domain/registered-attributes'
import { ColourSchemeControl } from './colour-scheme-control'

const settingsFormSchema = z
  .object({
    registeredAttributesText: z.string(),
    batchSize: propertySettingsSchema.shape.batchSize,
    concurrency: propertySettingsSchema.shape.concurrency,
  })
  .check(
    z.superRefine((values, context) => {
      const { rejected } = cleanAttributeNames(splitAttributeNames(values.registeredAttributesText))
      if (rejected.length > 0) {
        context.addIssue({
          code: 'custom',
          path: ['registeredAttributesText'],
          message: `Remove ${rejected.map((entry) => entry.name).join(', ')}: the FanReach Portal cannot register ${rejected.length === 1 ? 'that name' : 'those names'} (see below).`,
        })
      }
    }),
  )

type SettingsForm = z.infer<typeof settingsFormSchema>

function formValues(): SettingsForm {
  const settings = loadPropertySettings()
  return {
    registeredAttributesText: settings.registeredAttributes.join('\n'),
    batchSize: settings.batchSize,
    concurrency: settings.concurrency,
  }
}

interface WholeNumberFieldProps {
  control: Control<SettingsForm>
  name: 'batchSize' | 'concurrency'
  label: string
  description: string
  max: number
}

/**
 * A box for a whole count held by the form. An emptied box becomes NaN, so the schema says what
 * is wrong rather than the box quietly snapping back to a number.
 */
function WholeNumberField({ control, name, label, description, max }: WholeNumberFieldProps) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <NumberInput
          label={label}
          description={description}
          min={1}
          max={max}
          thousandSeparator=","
          allowDecimal={false}
          allowNegative={false}
          clampBehavior="none"
          value={field.value}
          onChange={(value) => field.onChange(typeof value === 'number' ? value : NaN)}
          onBlur={field.onBlur}
          error={fieldState.error?.message}
        />
      )}
    />
  )
}

/** Registered attributes and the bulk-update settings, kept in this browser. */
export function SettingsPage() {
  const settings = usePropertySettings()
  const config = useConsoleConfig()
  const sandboxAttributes = useSandboxAttributes()
  const [notice, setNotice] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null)
  const form = useForm<SettingsForm>({
    resolver: zodResolver(settingsFormSchema),
    defaultValues: formValues(),
  })
  const text = useWatch({ control: form.control, name: 'registeredAttributesText' })
  const typed = cleanAttributeNames(splitAttributeNames(text))

  const save = form.handleSubmit((values) => {
    try {
      savePropertySettings({
        registeredAttributes: cleanAttributeNames(
          splitAttributeNames(values.registeredAttributesText),
        ).names,
        batchSize: values.batchSize,
        concurrency: values.concurrency,
      })
      form.reset(formValues())
      setNotice({ tone: 'ok', text: 'Settings saved in this browser.' })
    } catch (error) {
      setNotice({ tone: 'error', text: errorMessage(error) })
    }
  })

  /** Replaces the saved list with `cleaned` and says so, naming where it came from. */
  const replaceList = (cleaned: CleanedNames, from: string) => {
    try {
      savePropertySettings({ ...loadPropertySettings(), registeredAttributes: cleaned.names })
    } catch (error) {
      setNotice({ tone: 'error', text: errorMessage(error) })
      return
    }
    form.reset({ ...form.getValues(), registeredAttributesText: cleaned.names.join('\n') })
    const skipped =
      cleaned.rejected.length === 0
        ? ''
        : ` Skipped ${cleaned.rejected.map((entry) => entry.name).join(', ')}: ${cleaned.rejected.length === 1 ? 'it breaks' : 'they break'} GA4's naming rules.`
    setNotice({
      tone: 'ok',
      text: `Imported ${formatQuantity(cleaned.names.length, 'registered attribute')} from ${from} and saved ${cleaned.names.length === 1 ? 'it' : 'them'}.${skipped}`,
    })
  }

  const importFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget
    const file = input.files?.[0]
    input.value = ''
    if (file === undefined) return
    const result = parseRegisteredAttributes(await file.text())
    if (!result.ok) {
      setNotice({ tone: 'error', text: `${file.name}: ${result.sentence}` })
      return
    }
    replaceList(result, file.name)
  }

  const takeSandboxList = () => {
    setNotice(null)
    sandboxAttributes.mutate(undefined, {
      onSuccess: (cleaned) => replaceList(cleaned, 'the sandbox'),
      onError: (error) => setNotice({ tone: 'error', text: error.message }),
    })
  }

  const exportFile = () => {
    downloadBlob(
      new Blob([registeredAttributesJson(settings.registeredAttributes)], {
        type: 'application/json',
      }),
      'registered-attributes.json',
    )
  }

  return (
    <Stack gap="lg" maw={760}>
      <Title order={2}>Settings</Title>
      <Text>Kept in this browser only. Your API token is never stored here.</Text>
      <ColourSchemeControl />

      <form onSubmit={save} noValidate>
        <Stack gap="md">
          <Title order={3} size="h4">
            Registered attributes
          </Title>
          <Text size="sm">
            FanPass ignores any custom property that is not registered as a custom attribute in your
            FanReach Portal (FanPass section). List them here so the console can warn you before
            sending.
          </Text>
          {settings.registeredAttributes.length === 0 && (
            <Alert color="yellow" title="The list is empty">
              Until you fill it in, the console cannot tell which keys FanPass will accept: every
              well-formed key is sent and FanPass decides. Copy the custom attributes from the
              FanReach Portal, or import a JSON file exported from another browser.
              {config.data?.target === 'sandbox' &&
                ' To try things out, use the sandbox’s list (below).'}
            </Alert>
          )}
          <CodeListTextarea
            label="Registered attributes"
            description="One name per line (commas and spaces also separate names). Names are case-sensitive."
            error={form.formState.errors.registeredAttributesText?.message}
            {...form.register('registeredAttributesText')}
          />
          <Text size="sm" role="status">
            {formatQuantity(typed.names.length, 'attribute')} in the list
            {typed.names.join('\n') === settings.registeredAttributes.join('\n')
              ? '.'
              : ' (not saved yet).'}
          </Text>
          {typed.rejected.length > 0 && (
            <List size="sm" c="red">
              {typed.rejected.map((entry) => (
                <List.Item key={entry.name}>{entry.sentence}</List.Item>
              ))}
            </List>
          )}
          <Group gap="sm" align="flex-end">
            <FileField
              label="Import registered attributes (JSON)"
              description="Replaces the list and saves it."
              accept=".json,application/json"
              onChange={(event) => void importFile(event)}
            />
            <Button variant="default" onClick={exportFile}>
              Export JSON
            </Button>
            {config.data?.target === 'sandbox' && (
              <Button
                variant="light"
                onClick={takeSandboxList}
                loading={sandboxAttributes.isPending}
              >
                Use the sandbox's list
              </Button>
            )}
          </Group>

          <Title order={3} size="h4" mt="md">
            Bulk updates
          </Title>
          <WholeNumberField
            control={form.control}
            name="batchSize"
            label="Users per request"
            description={`How many user IDs one update_user request carries (default ${formatCount(DEFAULT_BATCH_SIZE)}, at most ${formatCount(MAX_BATCH_SIZE)}).`}
            max={MAX_BATCH_SIZE}
          />
          <WholeNumberField
            control={form.control}
            name="concurrency"
            label="Requests at once"
            description={`How many requests a bulk update sends in parallel (default ${DEFAULT_CONCURRENCY}, at most ${MAX_CONCURRENCY}).`}
            max={MAX_CONCURRENCY}
          />
          <Group>
            <Button type="submit">Save settings</Button>
          </Group>
          <div aria-live="polite">
            {notice !== null && (
              <Text size="sm" c={notice.tone === 'ok' ? 'teal' : 'red'}>
                {notice.text}
              </Text>
            )}
          </div>
        </Stack>
      </form>
    </Stack>
  )
}
