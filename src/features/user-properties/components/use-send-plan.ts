import { useConsoleConfig } from '../../../lib/console-config'
import { useSessionToken } from '../../../lib/session-token'
import { tokenHint } from '../../../lib/token-hint'
import { usePropertySettings } from '../../../lib/use-property-settings'
import type { UpdateUserRequest } from '../domain/plan-requests'
import { useUpdateJobs } from '../jobs/update-jobs'

export interface SendPlan {
  /** Starts a job for the plan; does nothing while `blocker` is set. */
  send: (requests: UpdateUserRequest[], source: string) => Promise<void>
  /** Why nothing can be sent right now, as a sentence; null when sending is possible. */
  blocker: string | null
}

/** Starting a job from either form: the token, the target and the settings come from here. */
export function useSendPlan(): SendPlan {
  const { jobs, state } = useUpdateJobs()
  const config = useConsoleConfig()
  const settings = usePropertySettings()
  const { token, refusal } = useSessionToken()
  const phase = state.current?.snapshot.phase
  const busy = phase !== undefined && phase !== 'finished' && phase !== 'cancelled'

  let blocker: string | null = null
  if (token === '') blocker = tokenHint(refusal, 'first')
  else if (config.data === undefined) {
    blocker = 'Waiting for the console’s server to say which FanPass it sends to.'
  } else if (busy) blocker = 'A job is still running: let it finish, or cancel it, first.'
  else if (state.interrupted !== null) {
    blocker = 'Resume or discard the interrupted job above first.'
  }

  const host = config.data?.host
  return {
    blocker,
    send: async (requests, source) => {
      if (blocker !== null || host === undefined) return
      await jobs.start({ requests, source, targetHost: host, concurrency: settings.concurrency })
    },
  }
}
