import { UserPropertiesPage } from '../../features/user-properties/components/user-properties-page'

export function UserPropertiesRoute() {
  return <UserPropertiesPage />
}
