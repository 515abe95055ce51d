// What every page test needs: the browser APIs jsdom lacks, and the providers the app wraps
// every page in. Only tests import this file.
import { MantineProvider } from '@mantine/core'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { render, type RenderResult } from '@testing-library/react'
import type { ReactElement } from 'react'
import { createMemoryRouter, RouterProvider, type RouteObject } from 'react-router'

/** Mantine reads media queries and observes sizes; jsdom implements neither. Call it in beforeAll. */
export function stubBrowserApis(): void {
  window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    }) satisfies MediaQueryList
  window.ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  }
  // jsdom's Blob has no stream(), and every reader streams a dropped file (blobChunks).
  if (typeof Blob.prototype.stream !== 'function') {
    Blob.prototype.stream = function stream(this: Blob) {
      return new ReadableStream({
        start: async (controller) => {
          controller.enqueue(new Uint8Array(await this.arrayBuffer()))
          controller.close()
        },
      })
    }
  }
}

export interface RenderWithProvidersOptions {
  /** The address the page is shown at, and where the test starts (default '/'). */
  path?: string
  /** Other pages the page may send the marketer to, e.g. a probe that shows the address. */
  routes?: RouteObject[]
}

/**
 * Renders a page with Mantine, a fresh query client that does not retry, and a memory router.
 * e.g. renderWithProviders(<HistoryPage />, { path: '/history' }) → the page, and its router to read the address from
 */
export function renderWithProviders(
  page: ReactElement,
  options: RenderWithProvidersOptions = {},
): RenderResult & { router: ReturnType<typeof createMemoryRouter> } {
  const { path = '/', routes = [] } = options
  const router = createMemoryRouter([{ path, element: page }, ...routes], {
    initialEntries: [path],
  })
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  const result = render(
    // 'test' turns off Mantine's transitions, whose timers could fire after jsdom is torn down.
    <MantineProvider env="test">
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>,
  )
  return { ...result, router }
}
