// What a page shows only later (a dialog, a table that needs a list, a card's editors) loads on
// demand, so its first screen downloads and evaluates less JavaScript. A labelled Loader stands in
// while a part's chunk arrives; once a part is preloaded it renders at once, without one.
import { Alert, Loader } from '@mantine/core'
import {
  Component,
  createElement,
  lazy,
  Suspense,
  useState,
  type ComponentType,
  type ReactNode,
} from 'react'

/** A part's chunk could not be fetched (the console stopped, or was updated under the page). */
class PartLoadError extends Error {}

/** A component whose code is fetched the first time it renders, or sooner with `preload`. */
export interface LazyPartComponent<Props extends object> {
  (props: Props): ReactNode
  /** Fetches the part's code now (when the page is idle, or on a sign it will be needed). */
  preload: () => Promise<unknown>
}

/**
 * A component loaded by `load` on first use; render it inside a LazyBoundary.
 * e.g. const SplitTable = lazyPart(async () => (await import('./split-table')).SplitTable)
 */
export function lazyPart<Props extends object>(
  load: () => Promise<ComponentType<Props>>,
): LazyPartComponent<Props> {
  let loaded: ComponentType<Props> | null = null
  let loading: Promise<ComponentType<Props>> | null = null
  const preload = () => {
    loading ??= load().then(
      (component) => (loaded = component),
      (error: unknown) => {
        loading = null
        throw new PartLoadError('A part of the page could not be fetched.', { cause: error })
      },
    )
    return loading
  }
  const Pending = lazy(async () => ({ default: await preload() }))
  function LazyPart(props: Props) {
    // Chosen once per mount: switching from Pending to the loaded component would remount it.
    const [Part] = useState<ComponentType<Props>>(() => loaded ?? Pending)
    return createElement(Part, props)
  }
  return Object.assign(LazyPart, { preload })
}

interface PartLoadBoundaryState {
  error: unknown
  failed: boolean
}

/** Says when a part's chunk did not arrive; any other error goes on to the boundary above. */
class PartLoadBoundary extends Component<{ children: ReactNode }, PartLoadBoundaryState> {
  override state: PartLoadBoundaryState = { error: null, failed: false }

  static getDerivedStateFromError(error: unknown): PartLoadBoundaryState {
    return { error, failed: true }
  }

  override render() {
    if (!this.state.failed) return this.props.children
    if (!(this.state.error instanceof PartLoadError)) throw this.state.error
    return (
      <Alert color="red" role="alert">
        This part of the page could not be loaded from the console. Reload the page to try again.
      </Alert>
    )
  }
}

interface LazyBoundaryProps {
  /** What is loading, said by the Loader (e.g. "Loading the confirmation"); null for a part that
   * shows nothing until it is used, so nothing shows while it loads either. */
  label: string | null
  children: ReactNode
}

/** Where lazy parts render: a Loader named by `label` while one loads, a sentence if it fails. */
export function LazyBoundary({ label, children }: LazyBoundaryProps) {
  return (
    <PartLoadBoundary>
      <Suspense
        fallback={label === null ? null : <Loader size="sm" role="status" aria-label={label} />}
      >
        {children}
      </Suspense>
    </PartLoadBoundary>
  )
}
