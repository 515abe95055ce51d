import { Anchor, Stack, Text, Title } from '@mantine/core'
import { Link } from 'react-router'

export function NotFoundRoute() {
  return (
    <Stack>
      <Title order={2}>Page not found</Title>
      <Text>
        This address is not part of the console.{' '}
        <Anchor component={Link} to="/segments">
          Go to Segments
        </Anchor>
        .
      </Text>
    </Stack>
  )
}
