// A recipe's "last ran" is when FanPass accepted what its refresh built, not when the refresh was
// applied to the files: the refresh arms the stamp, the page's first accepted send fires it.
import { useMemo, useRef } from 'react'

export interface StampWhenSent {
  /** Fires `stamp` at the next accepted send, once; null forgets an armed stamp. */
  arm: (stamp: (() => void) | null) => void
  /** FanPass accepted a send of the page: one segment, or one tag of a batch. */
  accepted: () => void
}

/**
 * One stamp per refresh, whatever is sent after it.
 * e.g. arm(markRun) → accepted() stamps; accepted() again (the batch's next tag, a second upload) does not
 */
export function useStampWhenSent(): StampWhenSent {
  // Read by sends whose callbacks were made renders ago (a batch's loop, a mutation's onSuccess):
  // state would show them the arming of their own render, and a batch would stamp once per tag.
  const armed = useRef<(() => void) | null>(null)
  return useMemo(
    () => ({
      arm: (stamp) => {
        armed.current = stamp
      },
      accepted: () => {
        const stamp = armed.current
        armed.current = null
        stamp?.()
      },
    }),
    [],
  )
}
