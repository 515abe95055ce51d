/**
 * Runs `task` once the page is idle, so work the first screen does not need waits until it is
 * drawn. Returns a function that cancels the task if it has not run yet.
 * e.g. const cancel = whenIdle(() => worker.remote()) // in an effect; cancel in its cleanup
 */
export function whenIdle(task: () => void): () => void {
  // Safari has no requestIdleCallback; a short timeout lets the first screen finish first.
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(task, { timeout: 2000 })
    return () => cancelIdleCallback(handle)
  }
  const handle = setTimeout(task, 500)
  return () => clearTimeout(handle)
}
