import { describe, expect, it } from 'vitest'
import { fixedRowWindow, MAX_SCROLL_HEIGHT_PX } from './fixed-row-window'

const view = { rowHeight: 28, viewportHeight: 360, overscan: 0 }
const rowTop = (index: number, shift: number) => index * 28 - shift

describe('fixedRowWindow', () => {
  it('places a short list row by row, as tall as its rows', () => {
    expect(
      fixedRowWindow({ ...view, count: 10, scrollTop: 56, viewportHeight: 84, overscan: 1 }),
    ).toEqual({ height: 280, start: 1, end: 6, shift: 0 })
    expect(fixedRowWindow({ ...view, count: 1000, scrollTop: 2800 })).toMatchObject({
      height: 28_000,
      start: 100,
      shift: 0,
    })
  })

  it('lets a 10-million-row list scroll to its last row within the browser height limit', () => {
    const count = 10_000_000
    const bottom = fixedRowWindow({ ...view, count, scrollTop: MAX_SCROLL_HEIGHT_PX })

    expect(bottom.height).toBe(MAX_SCROLL_HEIGHT_PX)
    expect(bottom.end).toBe(count)
    // The last row ends exactly where the scrollable content ends.
    expect(rowTop(count - 1, bottom.shift) + 28).toBeCloseTo(MAX_SCROLL_HEIGHT_PX, 3)
  })

  it('shows the middle of a huge list halfway down, inside the viewport', () => {
    const count = 10_000_000
    const scrollTop = (MAX_SCROLL_HEIGHT_PX - 360) / 2
    const middle = fixedRowWindow({ ...view, count, scrollTop })

    expect(middle.start).toBeGreaterThan(count / 2 - 20)
    expect(middle.start).toBeLessThan(count / 2)
    expect(rowTop(middle.start, middle.shift)).toBeLessThanOrEqual(scrollTop)
    expect(rowTop(middle.end, middle.shift)).toBeGreaterThanOrEqual(scrollTop + 360)
  })

  it('renders nothing for an empty list and clamps a scroll left over from a longer one', () => {
    expect(fixedRowWindow({ ...view, count: 0, scrollTop: 0 })).toMatchObject({
      height: 0,
      start: 0,
      end: 0,
    })
    expect(fixedRowWindow({ ...view, count: 5, scrollTop: 90_000 })).toMatchObject({
      start: 0,
      end: 5,
    })
  })
})
