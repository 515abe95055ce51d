import { Box, Text } from '@mantine/core'
import { useConsoleConfig } from '../lib/console-config'

const bannerColors = { sandbox: 'teal', production: 'red', custom: 'orange' } as const

/** Always says where a request will land, because a production upload rewrites a live audience. */
export function TargetBanner() {
  const config = useConsoleConfig()
  if (config.isPending) {
    return <Banner color="gray" text="Checking which FanPass this console sends to…" />
  }
  if (config.isError) {
    return (
      <Banner
        color="red"
        text="The console cannot tell which FanPass it sends to: its server did not answer. Reload the page."
      />
    )
  }
  const { target, host } = config.data
  const text =
    target === 'sandbox'
      ? 'Sandbox: nothing leaves this machine'
      : target === 'production'
        ? `Production: ${host}`
        : `Custom FanPass host: ${host}`
  return <Banner color={bannerColors[target]} text={text} />
}

function Banner({ color, text }: { color: string; text: string }) {
  return (
    <Box bg={`${color}.8`} c="white" px="md" py={8} role="region" aria-label="Target">
      <Text fw={700} size="sm">
        {text}
      </Text>
    </Box>
  )
}
