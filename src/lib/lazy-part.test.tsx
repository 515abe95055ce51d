// @vitest-environment jsdom
import { screen } from '@testing-library/react'
import { Component, type ReactNode } from 'react'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { LazyBoundary, lazyPart } from './lazy-part'
import { renderWithProviders, stubBrowserApis } from './testing/render-with-providers'

beforeAll(stubBrowserApis)

function Greeting({ name }: { name: string }) {
  return <p>Hello {name}</p>
}

/** A part whose chunk arrives when the test says so. */
function partArrivingLater() {
  let arrive: () => void = () => undefined
  const arrived = new Promise<void>((resolve) => (arrive = resolve))
  const part = lazyPart(async () => {
    await arrived
    return Greeting
  })
  return { part, arrive }
}

class CatchAll extends Component<{ children: ReactNode }, { message: string | null }> {
  override state = { message: null }
  static getDerivedStateFromError(error: Error) {
    return { message: error.message }
  }
  override render() {
    return this.state.message ?? this.props.children
  }
}

describe('lazyPart', () => {
  it('shows a labelled loader until the part has arrived, then the part', async () => {
    const { part: Part, arrive } = partArrivingLater()
    renderWithProviders(
      <LazyBoundary label="Loading the greeting">
        <Part name="Ada" />
      </LazyBoundary>,
    )
    expect(screen.getByRole('status', { name: 'Loading the greeting' })).toBeTruthy()
    arrive()
    expect((await screen.findByText('Hello Ada')).tagName).toBe('P')
    expect(screen.queryByRole('status', { name: 'Loading the greeting' })).toBeNull()
  })

  it('renders a preloaded part at once, without a loader', async () => {
    const { part: Part, arrive } = partArrivingLater()
    arrive()
    await Part.preload()
    renderWithProviders(
      <LazyBoundary label="Loading the greeting">
        <Part name="Grace" />
      </LazyBoundary>,
    )
    expect(screen.getByText('Hello Grace')).toBeTruthy()
    expect(screen.queryByRole('status')).toBeNull()
  })

  it('says in a sentence when the part cannot be fetched', async () => {
    const Part = lazyPart<{ name: string }>(() =>
      Promise.reject(new TypeError('Failed to fetch dynamically imported module')),
    )
    renderWithProviders(
      <LazyBoundary label="Loading the greeting">
        <Part name="Ada" />
      </LazyBoundary>,
    )
    expect((await screen.findByRole('alert')).textContent).toBe(
      'This part of the page could not be loaded from the console. Reload the page to try again.',
    )
  })

  it('leaves an error of the part itself to the boundary above', async () => {
    function Broken(): ReactNode {
      throw new Error('a bug in the part')
    }
    const Part = lazyPart(async () => Broken)
    await Part.preload()
    // React reports every error a boundary catches; this one is expected.
    const reported = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    renderWithProviders(
      <CatchAll>
        <LazyBoundary label="Loading the part">
          <Part />
        </LazyBoundary>
      </CatchAll>,
    )
    expect(await screen.findByText('a bug in the part')).toBeTruthy()
    expect(screen.queryByRole('alert')).toBeNull()
    reported.mockRestore()
  })
})
