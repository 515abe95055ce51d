import { useMutation } from '@tanstack/react-query'
import { parseRegisteredAttributes, type CleanedNames } from '../domain/registered-attributes'

const NOT_AVAILABLE =
  'The sandbox did not give its list of registered attributes. Is the console running in sandbox mode?'

/** The names the sandbox treats as registered, through the same checks as an imported file. */
async function getSandboxAttributes(): Promise<CleanedNames> {
  const response = await fetch('/__sandbox/registered-attributes', { cache: 'no-store' })
  if (!response.ok) throw new Error(NOT_AVAILABLE)
  const result = parseRegisteredAttributes(await response.text())
  // Whatever else answered, the marketer gets the same sentence rather than a parser's report.
  if (!result.ok) throw new Error(NOT_AVAILABLE)
  return { names: result.names, rejected: result.rejected }
}

/** Fetches the sandbox's list on demand (a mutation: each press asks again and then saves). */
export function useSandboxAttributes() {
  return useMutation({ mutationFn: getSandboxAttributes })
}
