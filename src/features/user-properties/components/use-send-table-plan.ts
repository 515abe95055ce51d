// Sending the bulk page's plan: fetch the requests of the plan on screen from the worker, then
// start the job with them (useSendPlan). A plan the worker has since replaced is not sent.
import { useState } from 'react'
import type { PlanOutline, TablePlanView } from '../domain/table-plan'
import type { PropertyFileState } from './property-file-state'
import { useSendPlan } from './use-send-plan'

type OpenedFile = PropertyFileState & { status: 'opened' }

export interface SendTablePlan {
  sendPlan(): Promise<void>
  sending: boolean
  /** Why the last attempt sent nothing, for the file on screen; null otherwise. */
  sendError: string | null
  /** Why nothing can be sent right now (see useSendPlan). */
  blocker: string | null
}

/**
 * Sends the plan `view` answers for the opened file, when `plan` (its outline) can be sent.
 * e.g. sendPlan() with view.seq 3 still the worker's latest → a job of plan 3's requests starts
 */
export function useSendTablePlan(
  opened: OpenedFile | null,
  view: TablePlanView | null,
  plan: PlanOutline | null,
): SendTablePlan {
  const { send, blocker } = useSendPlan()
  const [sending, setSending] = useState(false)
  // Kept with the reading it is about, so opening another file (or sheet) clears it.
  const [failure, setFailure] = useState<{
    planner: OpenedFile['planner']
    sentence: string
  } | null>(null)

  const sendPlan = async () => {
    if (view === null || plan === null || !plan.ok || opened === null) return
    setSending(true)
    setFailure(null)
    // The worker only refuses when a newer plan replaced this one, or when it has stopped.
    const requests = await opened.planner.requests(view.seq).catch(() => null)
    if (requests === null) {
      setFailure({
        planner: opened.planner,
        sentence:
          'The plan changed just before sending. Check the plan shown now, then send again.',
      })
      setSending(false)
      return
    }
    try {
      await send(requests, opened.table.name)
    } finally {
      setSending(false)
    }
  }

  const sendError =
    failure !== null && opened !== null && failure.planner === opened.planner
      ? failure.sentence
      : null
  return { sendPlan, sending, sendError, blocker }
}
