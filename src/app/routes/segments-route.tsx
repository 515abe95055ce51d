import { SegmentsPage } from '../../features/segments/components/segments-page'

export function SegmentsRoute() {
  return <SegmentsPage />
}
