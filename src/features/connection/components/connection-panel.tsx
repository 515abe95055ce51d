import { zodResolver } from '@hookform/resolvers/zod'
import { Alert, Button, Checkbox, PasswordInput, Stack, Text, Title } from '@mantine/core'
import type { ChangeEvent, FocusEvent } from 'react'
import { useForm } from 'react-hook-form'
import * as z from 'zod/mini'
import { useConsoleConfig } from '../../../lib/console-config'
import {
  forgetToken,
  refuseToken,
  setRememberForSession,
  setToken,
  useSessionToken,
} from '../../../lib/session-token'
import { useSandboxToken } from '../api/get-sandbox-token'
import { TokenStatus } from './token-status'

export const connectionFormSchema = z.object({
  token: z.string().check(
    z.trim(),
    z.minLength(1, 'Paste the API token you generated in the FanReach Portal.'),
    z.refine(
      (value) => !/\s/.test(value.replace(/^bearer\s+/i, '')),
      'A token has no spaces in it. Copy it again from the FanReach Portal.',
    ),
  ),
  rememberForSession: z.boolean(),
})

type ConnectionForm = z.infer<typeof connectionFormSchema>

// Input types of a token arriving whole: pasted, or dragged and dropped into the field.
const PASTED = new Set(['insertFromPaste', 'insertFromDrop'])

export function ConnectionPanel() {
  const session = useSessionToken()
  const config = useConsoleConfig()
  const sandboxToken = useSandboxToken()
  const form = useForm<ConnectionForm>({
    resolver: zodResolver(connectionFormSchema),
    values: { token: session.token, rememberForSession: session.rememberForSession },
  })

  // The token is used the moment it is pasted, on Enter, and when the field is left: a marketer
  // pastes it and goes on to the file, so a separate "Use token" press was a step they missed.
  // A refused token is reported beyond this panel too: the pages that need one say why there is
  // none. An empty field is no refusal; the pages already ask for a token then.
  const applyToken = form.handleSubmit(
    (values) => setToken(values.token),
    (errors) => {
      const reason = errors.token?.message
      if (reason !== undefined && form.getValues('token').trim() !== '') refuseToken(reason)
    },
  )
  const tokenField = form.register('token', {
    onBlur: (event: FocusEvent<HTMLInputElement>) => {
      // Leaving an empty field, or one still holding the token in use, changes nothing.
      const typed = event.target.value.trim()
      if (typed !== '' && typed !== session.token) void applyToken()
    },
  })
  const onTokenChange = async (event: ChangeEvent<HTMLInputElement>) => {
    await tokenField.onChange(event)
    if (event.nativeEvent instanceof InputEvent && PASTED.has(event.nativeEvent.inputType)) {
      void applyToken()
    }
  }

  const fillSandboxToken = () => {
    sandboxToken.mutate(undefined, { onSuccess: (token) => setToken(token) })
  }

  return (
    <Stack gap="xs" component="section" aria-labelledby="connection-heading">
      <Title order={2} size="h5" id="connection-heading">
        Connection
      </Title>
      <form onSubmit={applyToken} noValidate>
        <Stack gap="xs">
          <PasswordInput
            label="API token"
            description="Generated in the FanReach Portal. Kept in this tab's memory only."
            autoComplete="off"
            spellCheck={false}
            error={form.formState.errors.token?.message}
            visibilityToggleButtonProps={{
              'aria-label': 'Show or hide the token',
              tabIndex: 0,
            }}
            {...tokenField}
            onChange={onTokenChange}
          />
          <Checkbox
            label="Remember for this browser session"
            description="Kept in this tab until it closes."
            {...form.register('rememberForSession', {
              onChange: (event: ChangeEvent<HTMLInputElement>) =>
                setRememberForSession(event.target.checked),
            })}
          />
          <Button
            type="button"
            size="xs"
            variant="default"
            w="fit-content"
            onClick={forgetToken}
            disabled={session.token === ''}
          >
            Forget token
          </Button>
        </Stack>
      </form>
      {config.data?.target === 'sandbox' && (
        <Button
          type="button"
          size="xs"
          variant="light"
          onClick={fillSandboxToken}
          loading={sandboxToken.isPending}
        >
          Use sandbox token
        </Button>
      )}
      {sandboxToken.isError && (
        <Alert color="red" role="alert">
          {sandboxToken.error.message}
        </Alert>
      )}
      <TokenStatus token={session.token} />
      {session.token === '' && (
        <Text size="xs" c="dimmed">
          No token yet: paste one to send anything.
        </Text>
      )}
    </Stack>
  )
}
