// The ad-hoc tab: a few user IDs typed or pasted, and the property values to set on all of them,
// checked as they are typed against the same rules the bulk planner applies.
import { zodResolver } from '@hookform/resolvers/zod'
import { Button, Group, List, Stack, Text, TextInput } from '@mantine/core'
import { useState } from 'react'
import { useFieldArray, useForm, useWatch } from 'react-hook-form'
import { CodeListTextarea } from '../../../lib/code-list-textarea'
import { formatQuantity } from '../../../lib/format'
import { isIngestError } from '../../../lib/ingest/ingest-error'
import { parseSource } from '../../../lib/ingest/parse-source'
import { checkPropertyValue, MAX_VALUE_LENGTH } from '../../../lib/property-rules'
import { usePropertySettings } from '../../../lib/use-property-settings'
import {
  adHocUpdateFormSchema,
  updateUserInputSchema,
  type AdHocUpdateForm,
} from '../api/update-user'
import { isKeySent, keyAdvice } from '../domain/key-advice'
import { planRequests } from '../domain/plan-requests'
import { usePastedIds } from './use-pasted-ids'
import { useSendPlan } from './use-send-plan'

const EMPTY_ROW = { key: '', value: '' }

/** Sets the same properties on the users typed in, checking each key and value as it is typed. */
export function AdHocEditForm() {
  const settings = usePropertySettings()
  const registered = new Set(settings.registeredAttributes)
  const { send, blocker } = useSendPlan()
  const [submitError, setSubmitError] = useState<string[]>([])
  const form = useForm<AdHocUpdateForm>({
    resolver: zodResolver(adHocUpdateFormSchema),
    defaultValues: { userIdsText: '', properties: [{ ...EMPTY_ROW }] },
  })
  const rows = useFieldArray({ control: form.control, name: 'properties' })
  const userIdsText = useWatch({ control: form.control, name: 'userIdsText' })
  const properties = useWatch({ control: form.control, name: 'properties' })
  const pasted = usePastedIds(userIdsText)

  const checked = properties.map((row) => {
    const key = row.key.trim()
    const value = row.value.trim()
    return {
      key,
      value,
      advice: key === '' ? null : keyAdvice(key, registered),
      verdict: checkPropertyValue(value),
    }
  })
  const sentKeys = checked.filter(
    (row) => row.advice !== null && isKeySent(row.advice) && row.value !== '',
  )
  const leftOut = checked.filter((row) => row.advice?.status === 'ignored')

  const submit = form.handleSubmit(async (values) => {
    setSubmitError([])
    let ids: string[]
    try {
      ids = (await parseSource(values.userIdsText, { name: 'User IDs', kind: 'paste' })).ids.slice()
    } catch (error) {
      setSubmitError([isIngestError(error) ? error.sentence : 'These user IDs could not be read.'])
      return
    }
    // Ignored keys are left out: FanPass would drop them anyway, and the form said so above.
    const userProperties: Record<string, string> = {}
    for (const row of values.properties) {
      const key = row.key.trim()
      const value = row.value.trim()
      if (key === '' || value === '' || !isKeySent(keyAdvice(key, registered))) continue
      userProperties[key] = value
    }
    const input = updateUserInputSchema.safeParse({ userIds: ids, userProperties })
    if (!input.success) {
      setSubmitError(input.error.issues.map((issue) => issue.message))
      return
    }
    const result = planRequests(
      ids.map((userId) => ({ userId, properties: userProperties })),
      { batchSize: settings.batchSize },
    )
    // The same map for every user cannot conflict; the check keeps the types honest.
    if (!result.ok) return
    await send(result.plan.requests, 'Ad-hoc edit')
  })

  const idCount = pasted.status === 'ready' ? pasted.ids.length : null
  const requestCount = idCount === null ? null : Math.ceil(idCount / settings.batchSize)

  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-label="Ad-hoc edit">
      <Stack gap="md">
        <CodeListTextarea
          label="User IDs"
          description="One or many: one per line, or separated by commas, semicolons or spaces, as when pasting segment IDs."
          error={form.formState.errors.userIdsText?.message}
          {...form.register('userIdsText')}
        />
        <div aria-live="polite">
          {pasted.status === 'ready' && (
            <Text size="sm">{formatQuantity(pasted.ids.length, 'user ID')}</Text>
          )}
          {pasted.notes.length > 0 && (
            <List size="sm" c="dimmed">
              {pasted.notes.map((note) => (
                <List.Item key={note}>{note}</List.Item>
              ))}
            </List>
          )}
        </div>

        {settings.registeredAttributes.length === 0 && (
          <Text size="sm" c="amber">
            Your registered-attribute list is empty (Settings): the console cannot tell which custom
            keys FanPass will accept, so it sends every well-formed key and FanPass decides.
          </Text>
        )}

        {rows.fields.map((field, index) => {
          const row = checked[index]
          const errors = form.formState.errors.properties?.[index]
          const verdict = row?.verdict
          return (
            <fieldset
              key={field.id}
              aria-label={`Property ${index + 1}`}
              style={{ border: 0, margin: 0, padding: 0, minWidth: 0 }}
            >
              <Group align="flex-start" gap="sm" wrap="wrap">
                <Stack gap={4} style={{ flex: '1 1 220px' }}>
                  <TextInput
                    label="Property name"
                    autoComplete="off"
                    spellCheck={false}
                    error={errors?.key?.message}
                    {...form.register(`properties.${index}.key`)}
                  />
                  <div aria-live="polite">
                    {row?.advice !== null &&
                      row?.advice !== undefined &&
                      row.advice.status !== 'ok' && (
                        <Text size="xs" c="amber">
                          {row.advice.status === 'ignored'
                            ? `${row.advice.sentence} It will be left out of the request.`
                            : row.advice.sentence}
                        </Text>
                      )}
                  </div>
                </Stack>
                <Stack gap={4} style={{ flex: '2 1 280px' }}>
                  <TextInput
                    label="Property value"
                    autoComplete="off"
                    error={errors?.value?.message}
                    rightSectionWidth={72}
                    rightSection={
                      verdict?.status === 'truncated' ? (
                        <Text size="xs" c="amber" aria-hidden>
                          {verdict.length}/{MAX_VALUE_LENGTH}
                        </Text>
                      ) : null
                    }
                    {...form.register(`properties.${index}.value`)}
                  />
                  <div aria-live="polite">
                    {verdict?.status === 'truncated' && (
                      <Text size="xs" c="amber">
                        {verdict.sentence}
                      </Text>
                    )}
                  </div>
                </Stack>
                <Button
                  variant="subtle"
                  color="gray"
                  mt={24}
                  onClick={() => rows.remove(index)}
                  disabled={rows.fields.length === 1}
                  aria-label={`Remove property ${index + 1}`}
                >
                  Remove
                </Button>
              </Group>
            </fieldset>
          )
        })}
        <Group>
          <Button variant="default" onClick={() => rows.append({ ...EMPTY_ROW })}>
            Add property
          </Button>
        </Group>

        {(sentKeys.length > 0 || leftOut.length > 0) && (
          <Text size="sm" aria-live="polite">
            {sentKeys.length === 0
              ? 'Nothing to send yet.'
              : `Sends ${sentKeys.map((row) => row.key).join(', ')}${
                  idCount === null
                    ? ''
                    : ` to ${formatQuantity(idCount, 'user')} in ${formatQuantity(requestCount ?? 0, 'request')}`
                }.`}
            {leftOut.length > 0 &&
              ` Left out, because FanPass would ignore ${leftOut.length === 1 ? 'it' : 'them'}: ${leftOut.map((row) => row.key).join(', ')}.`}
          </Text>
        )}
        {submitError.length > 0 && (
          <div role="alert">
            {submitError.map((message) => (
              <Text key={message} size="sm" c="red">
                {message}
              </Text>
            ))}
          </div>
        )}
        {blocker !== null && (
          <Text size="sm" c="dimmed">
            {blocker}
          </Text>
        )}
        <Group>
          <Button type="submit" disabled={blocker !== null} loading={form.formState.isSubmitting}>
            Send update
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
