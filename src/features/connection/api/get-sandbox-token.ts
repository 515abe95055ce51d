import { useMutation } from '@tanstack/react-query'
import { z } from 'zod'

const sandboxTokenSchema = z.object({ token: z.string().min(1) })

async function getSandboxToken(): Promise<string> {
  const response = await fetch('/__sandbox/token', { cache: 'no-store' })
  if (!response.ok)
    throw new Error('The sandbox did not hand out a token. Is the console running in sandbox mode?')
  return sandboxTokenSchema.parse(await response.json()).token
}

/** Fetches the sandbox's demo token; a mutation because each press asks for a fresh one. */
export function useSandboxToken() {
  return useMutation({ mutationFn: getSandboxToken })
}
