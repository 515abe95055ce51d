import { MantineProvider } from '@mantine/core'
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { RouterProvider } from 'react-router'
import { LazyBoundary, lazyPart } from '../lib/lazy-part'
import { whenIdle } from '../lib/when-idle'
import { router } from './router'
import { colorSchemeManager, cssVariablesResolver, theme } from './theme'

// The notifications' container (six positions, each in a portal with a transition group) shows
// nothing until a notification is shown, and what is shown before it mounts waits in Mantine's
// notifications store, so it mounts once the first screen is drawn rather than before it.
const Notifications = lazyPart(
  async () => (await import('./notifications-container')).Notifications,
)

function NotificationsWhenIdle() {
  const [idle, setIdle] = useState(false)
  useEffect(() => whenIdle(() => setIdle(true)), [])
  return (
    idle && (
      <LazyBoundary label={null}>
        <Notifications />
      </LazyBoundary>
    )
  )
}

export function App({ queryClient }: { queryClient: QueryClient }) {
  return (
    <MantineProvider
      theme={theme}
      cssVariablesResolver={cssVariablesResolver}
      colorSchemeManager={colorSchemeManager}
      defaultColorScheme="auto"
    >
      <NotificationsWhenIdle />
      <QueryClientProvider client={queryClient}>
        {/* Without transitions the first page renders in one task rather than in slices that
            each wait their turn on a busy machine; the layout already shows a skeleton
            while a page's chunk loads, which is all a transition would have added. */}
        <RouterProvider router={router} useTransitions={false} />
      </QueryClientProvider>
    </MantineProvider>
  )
}
