import { isLoopback, type UpstreamTarget } from './config.ts'

export interface StartupFacts {
  /** Where the console listens (HOST). */
  host: string
  target: UpstreamTarget
  historyScopeClaim: string | undefined
}

export const STARTUP_WARNINGS = {
  sandboxHistory:
    'Sandbox: anyone who can reach this port can read its upload history, since the sandbox accepts any well-formed token.',
  wholeHistory:
    'HISTORY_SCOPE_CLAIM is unset and HOST is not loopback: every token FanPass accepts reads the whole upload history. Set HISTORY_SCOPE_CLAIM to the token claim naming a club to keep clubs apart.',
} as const

/**
 * What an operator should know before trusting this console with the team's history, one
 * sentence each, e.g. {host: '0.0.0.0', target: 'production', historyScopeClaim: undefined}
 * → [STARTUP_WARNINGS.wholeHistory].
 */
export function startupWarnings(facts: StartupFacts): string[] {
  const warnings: string[] = []
  if (facts.target === 'sandbox') warnings.push(STARTUP_WARNINGS.sandboxHistory)
  const loopback = isLoopback(facts.host) || facts.host === '::1'
  if (!loopback && facts.historyScopeClaim === undefined) {
    warnings.push(STARTUP_WARNINGS.wholeHistory)
  }
  return warnings
}
