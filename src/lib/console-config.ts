import { queryOptions, useQuery } from '@tanstack/react-query'
import * as z from 'zod/mini'

export const consoleConfigSchema = z.object({
  target: z.enum(['sandbox', 'production', 'custom']),
  host: z.string(),
})

export type ConsoleConfig = z.infer<typeof consoleConfigSchema>

async function fetchConsoleConfig(): Promise<ConsoleConfig> {
  const response = await fetch('/console/config', { cache: 'no-store' })
  if (!response.ok) throw new Error(`The console's server answered ${response.status}.`)
  return consoleConfigSchema.parse(await response.json())
}

export const consoleConfigQuery = queryOptions({
  queryKey: ['console-config'],
  queryFn: fetchConsoleConfig,
  staleTime: Infinity,
})

/** What the console forwards to: the sandbox, FanPass production or another FanPass host. */
export function useConsoleConfig() {
  return useQuery(consoleConfigQuery)
}
