// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { useStampWhenSent } from './use-stamp-when-sent'

describe('useStampWhenSent', () => {
  it('stamps at the first accepted send after the refresh, and only then', () => {
    const { result } = renderHook(() => useStampWhenSent())
    const stamp = vi.fn()
    act(() => result.current.arm(stamp))
    expect(stamp).not.toHaveBeenCalled()

    act(() => result.current.accepted())
    act(() => result.current.accepted())

    expect(stamp).toHaveBeenCalledOnce()
  })

  it('stamps nothing for sends without a refresh, or after a refresh that was left', () => {
    const { result } = renderHook(() => useStampWhenSent())
    act(() => result.current.accepted())
    const stamp = vi.fn()
    act(() => result.current.arm(stamp))
    act(() => result.current.arm(null))

    act(() => result.current.accepted())

    expect(stamp).not.toHaveBeenCalled()
  })
})
