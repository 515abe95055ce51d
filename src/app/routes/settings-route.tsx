import { SettingsPage } from '../../features/user-properties/components/settings-page'

export function SettingsRoute() {
  return <SettingsPage />
}
