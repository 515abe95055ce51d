import { zodResolver } from '@hookform/resolvers/zod'
import { Alert, Button, Checkbox, Group, PasswordInput, Stack, Text, Title } from '@mantine/core'
import { useForm } from 'react-hook-form'
import * as z from 'zod/mini'
import { useConsoleConfig } from '../../../lib/console-config'
import {
  forgetToken,
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

export function ConnectionPanel() {
  const session = useSessionToken()
  const config = useConsoleConfig()
  const sandboxToken = useSandboxToken()
  const form = useForm<ConnectionForm>({
    resolver: zodResolver(connectionFormSchema),
    values: { token: session.token, rememberForSession: session.rememberForSession },
  })

  const applyToken = form.handleSubmit((values) => {
    setToken(values.token)
    setRememberForSession(values.rememberForSession)
  })

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
            {...form.register('token')}
          />
          <Checkbox
            label="Remember for this browser session"
            description="Kept in this tab until it closes."
            {...form.register('rememberForSession')}
          />
          <Group gap="xs">
            <Button type="submit" size="xs">
              Use token
            </Button>
            <Button
              type="button"
              size="xs"
              variant="default"
              onClick={forgetToken}
              disabled={session.token === ''}
            >
              Forget token
            </Button>
          </Group>
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
