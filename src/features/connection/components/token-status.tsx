import { Alert, Text } from '@mantine/core'
import { useEffect, useState } from 'react'
import { describeToken } from '../domain/describe-token'

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })

/** Re-reads the clock every minute so "expiring soon" appears without a reload. */
function useMinuteClock(): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 60_000)
    return () => window.clearInterval(timer)
  }, [])
  return now
}

export function TokenStatus({ token }: { token: string }) {
  const now = useMinuteClock()
  const description = describeToken(token, now)
  if (description.kind === 'empty') return null
  if (description.kind === 'not-jwt') {
    return (
      <Alert color="yellow" title="Not a JWT">
        This token does not look like a FanReach JWT, so the console cannot show who it belongs to
        or when it expires. FanPass will decide whether it accepts it.
      </Alert>
    )
  }
  const who = description.name ?? description.subject ?? 'an unnamed user'
  const expires = description.expiresAt ? dateTime.format(description.expiresAt) : null
  if (description.expiry === 'expired') {
    return (
      <Alert color="red" title="Token expired" role="alert">
        The token for {who} expired on {expires}. Generate a new one in the FanReach Portal.
      </Alert>
    )
  }
  if (description.expiry === 'expiring-soon') {
    return (
      <Alert color="yellow" title="Token expires soon" role="status">
        The token for {who} expires at {expires}. Generate a new one before a long job.
      </Alert>
    )
  }
  return (
    <Text size="sm" role="status">
      Signed in as <strong>{who}</strong>
      {expires ? `. Expires ${expires}.` : '. This token has no expiry date.'}
    </Text>
  )
}
