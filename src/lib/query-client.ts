import { QueryClient } from '@tanstack/react-query'

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: 1, refetchOnWindowFocus: false },
      // A FanPass write is never retried behind the marketer's back: they decide, with the facts shown.
      mutations: { retry: 0 },
    },
  })
}
