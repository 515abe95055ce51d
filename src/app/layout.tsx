import { AppShell, Burger, Group, NavLink, ScrollArea, Skeleton, Title } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { Suspense } from 'react'
import { NavLink as RouterNavLink, Outlet, useNavigation } from 'react-router'
import { ConnectionPanel } from '../features/connection/components/connection-panel'
import { TargetBanner } from './target-banner'

const pages = [
  { to: '/segments', label: 'Segments' },
  { to: '/user-properties', label: 'User properties' },
  { to: '/recipes', label: 'Recipes' },
  { to: '/history', label: 'History' },
  { to: '/settings', label: 'Settings' },
]

export function Layout() {
  const [navbarOpened, { toggle: toggleNavbar }] = useDisclosure()
  const navigation = useNavigation()
  return (
    <AppShell
      header={{ height: 96 }}
      navbar={{ width: 320, breakpoint: 'sm', collapsed: { mobile: !navbarOpened } }}
      padding="md"
    >
      <AppShell.Header>
        <TargetBanner />
        <Group h={56} px="md" gap="sm">
          <Burger
            opened={navbarOpened}
            onClick={toggleNavbar}
            hiddenFrom="sm"
            size="sm"
            aria-label="Show or hide navigation"
          />
          <Title order={1} size="h3">
            FanPass Console
          </Title>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="md" aria-label="Main">
        <AppShell.Section component="nav" aria-label="Pages">
          {pages.map((page) => (
            <NavLink key={page.to} component={RouterNavLink} to={page.to} label={page.label} />
          ))}
        </AppShell.Section>
        <AppShell.Section grow component={ScrollArea} mt="md">
          <ConnectionPanel />
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main>
        <Suspense fallback={<Skeleton height={240} />}>
          {navigation.state === 'loading' ? <Skeleton height={240} /> : <Outlet />}
        </Suspense>
      </AppShell.Main>
    </AppShell>
  )
}
