import { HistoryPage } from '../../features/history/components/history-page'

export function HistoryRoute() {
  return <HistoryPage />
}
