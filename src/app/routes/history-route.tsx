import { Divider, Stack } from '@mantine/core'
import { FindAFanPanel } from '../../features/find-a-fan/components/find-a-fan-panel'
import { HistoryPage } from '../../features/history/components/history-page'

export function HistoryRoute() {
  return (
    <Stack gap="xl">
      <HistoryPage />
      <Divider />
      <FindAFanPanel />
    </Stack>
  )
}
