import { Box, Text } from '@mantine/core'
import { useConsoleConfig } from '../lib/console-config'

// Shade 9 (and dark text on orange) keep the banner's text at WCAG AA contrast.
const bannerColors = {
  sandbox: { bg: 'teal.9', c: 'white' },
  production: { bg: 'red.9', c: 'white' },
  custom: { bg: 'orange.4', c: 'black' },
} as const

/** Always says where a request will land, because a production upload rewrites a live audience. */
export function TargetBanner() {
  const config = useConsoleConfig()
  if (config.isPending) {
    return (
      <Banner
        color={{ bg: 'gray.8', c: 'white' }}
        text="Checking which FanPass this console sends to…"
      />
    )
  }
  if (config.isError) {
    return (
      <Banner
        color={bannerColors.production}
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

function Banner({ color, text }: { color: { bg: string; c: string }; text: string }) {
  return (
    <Box bg={color.bg} c={color.c} px="md" py={8} role="region" aria-label="Target">
      <Text fw={700} size="sm">
        {text}
      </Text>
    </Box>
  )
}
