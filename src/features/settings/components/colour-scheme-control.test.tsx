// @vitest-environment jsdom
import { screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { renderWithProviders, stubBrowserApis } from '../../../lib/testing/render-with-providers'
import { ColourSchemeControl } from './colour-scheme-control'

beforeAll(stubBrowserApis)

beforeEach(() => {
  localStorage.clear()
  document.documentElement.removeAttribute('data-mantine-color-scheme')
})

afterEach(() => {
  vi.unstubAllGlobals()
})

function scheme() {
  return document.documentElement.getAttribute('data-mantine-color-scheme')
}

describe('Colour scheme', () => {
  it('offers System, Light and Dark under one label, and switches the page when one is clicked', async () => {
    const user = userEvent.setup()
    renderWithProviders(<ColourSchemeControl />)

    const group = screen.getByRole('radiogroup', { name: 'Colour scheme' })
    expect(group).toBeTruthy()
    expect(screen.getAllByRole('radio').map((radio) => radio.getAttribute('value'))).toEqual([
      'auto',
      'light',
      'dark',
    ])
    await user.click(screen.getByRole('radio', { name: 'Dark' }))

    expect(scheme()).toBe('dark')
    expect((screen.getByRole('radio', { name: 'Dark' }) as HTMLInputElement).checked).toBe(true)
  })

  it('moves between the choices with the arrow keys', async () => {
    // user-event finds the next radio of a group with CSS.escape, which jsdom lacks; Mantine's
    // group names are plain ids, so they need no escaping.
    vi.stubGlobal('CSS', { escape: (name: string) => name })
    const user = userEvent.setup()
    renderWithProviders(<ColourSchemeControl />)

    await user.click(screen.getByRole('radio', { name: 'Light' }))
    expect(scheme()).toBe('light')
    await user.keyboard('{ArrowRight}')

    expect(scheme()).toBe('dark')
    expect(document.activeElement).toBe(screen.getByRole('radio', { name: 'Dark' }))
  })

  it('follows the system when System is chosen: dark when the system prefers dark', async () => {
    const user = userEvent.setup()
    const systemPrefersDark = window.matchMedia
    window.matchMedia = (query: string) => ({
      ...systemPrefersDark(query),
      matches: query === '(prefers-color-scheme: dark)',
    })
    try {
      renderWithProviders(<ColourSchemeControl />)
      await user.click(screen.getByRole('radio', { name: 'Light' }))
      await user.click(screen.getByRole('radio', { name: 'System' }))

      expect(scheme()).toBe('dark')
    } finally {
      window.matchMedia = systemPrefersDark
    }
  })
})
