import { useMutation } from '@tanstack/react-query'
import * as z from 'zod/mini'

const sandboxTokenSchema = z.object({ token: z.string().check(z.minLength(1)) })

const NO_TOKEN = 'The sandbox did not hand out a token. Is the console running in sandbox mode?'

async function getSandboxToken(): Promise<string> {
  const response = await fetch('/__sandbox/token', { cache: 'no-store' })
  if (!response.ok) throw new Error(NO_TOKEN)
  // Whatever else answered, the marketer gets the same sentence rather than a parser's report.
  const parsed = sandboxTokenSchema.safeParse(await response.json().catch(() => null))
  if (!parsed.success) throw new Error(NO_TOKEN)
  return parsed.data.token
}

/** Fetches the sandbox's demo token; a mutation because each press asks for a fresh one. */
export function useSandboxToken() {
  return useMutation({ mutationFn: getSandboxToken })
}
