// Component tests run in jsdom, which has no Worker: a worker's class runs on the test's thread
// behind the same WorkerClient interface, every call answering with a Promise as comlink's do,
// so the page's code is the code that runs in the browser.
import type { Remote } from 'comlink'
import type { WorkerClient } from '../worker-client'

/** Api's methods, each free to answer later (a Promise), as a test's stand-in for a worker may. */
export type SameThreadApi<Api> = {
  [K in keyof Api]: Api[K] extends (...args: infer A) => infer R
    ? (...args: A) => R | Promise<Awaited<R>>
    : Api[K]
}

/**
 * A WorkerClient over `create()`'s object on this thread; after terminate() the old remote's calls
 * reject, as a stopped worker's would.
 * e.g. await sameThreadWorkerClient(() => new PropertyPlanWorkspace()).remote().read(file, 'a.csv')
 */
export function sameThreadWorkerClient<Api extends object>(
  create: () => SameThreadApi<Api>,
): WorkerClient<Api> {
  let remote: Remote<Api> | null = null
  const connect = (): Remote<Api> => {
    const target = create()
    let open = true
    const calls = new Proxy(target, {
      get(_, key) {
        // Not a thenable: awaiting the remote itself must not call a method named "then".
        if (key === 'then') return undefined
        return async (...args: unknown[]) => {
          if (!open) throw new Error('the worker was terminated')
          const member: unknown = Reflect.get(target, key)
          if (typeof member !== 'function') return member
          return member.apply(target, args)
        }
      },
    })
    remote = calls as unknown as Remote<Api>
    stop = () => {
      open = false
    }
    return remote
  }
  let stop = (): void => undefined
  return {
    remote: () => remote ?? connect(),
    startWhenIdle: () => () => undefined,
    terminate() {
      stop()
      remote = null
    },
  }
}
