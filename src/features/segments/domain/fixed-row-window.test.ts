import { describe, expect, it } from 'vitest'
import {
  fixedRowWindow,
  isScaled,
  MAX_SCROLL_HEIGHT_PX,
  moveBy,
  positionAtScrollTop,
  type ListPosition,
} from './fixed-row-window'

const view = { rowHeight: 28, viewportHeight: 360 }
const rowTop = (index: number, shift: number) => index * 28 - shift
const at = (offset: number): ListPosition => ({ offset, scrollTop: offset })
const tenMillion = { ...view, count: 10_000_000 }
/** The first row whose top is at or below the viewport's top edge, as a person reads it. */
const firstVisibleRow = (position: ListPosition) => {
  const rows = fixedRowWindow({ ...tenMillion, position, overscan: 0 })
  return Math.ceil((position.scrollTop + rows.shift) / 28)
}

describe('fixedRowWindow', () => {
  it('places a short list row by row, as tall as its rows', () => {
    expect(
      fixedRowWindow({ ...view, count: 10, viewportHeight: 84, position: at(56), overscan: 1 }),
    ).toEqual({ height: 280, start: 1, end: 6, shift: 0 })
    expect(fixedRowWindow({ ...view, count: 1000, position: at(2800), overscan: 0 })).toMatchObject(
      { height: 28_000, start: 100, shift: 0 },
    )
  })

  it('lets a 10-million-row list scroll to its last row within the browser height limit', () => {
    const position = positionAtScrollTop(tenMillion, MAX_SCROLL_HEIGHT_PX)
    const bottom = fixedRowWindow({ ...tenMillion, position, overscan: 0 })

    expect(bottom.height).toBe(MAX_SCROLL_HEIGHT_PX)
    expect(bottom.end).toBe(10_000_000)
    // The last row ends exactly where the scrollable content ends.
    expect(rowTop(10_000_000 - 1, bottom.shift) + 28).toBeCloseTo(MAX_SCROLL_HEIGHT_PX, 3)
  })

  it('shows the middle of a huge list when the thumb is dragged halfway, inside the viewport', () => {
    const scrollTop = (MAX_SCROLL_HEIGHT_PX - 360) / 2
    const middle = fixedRowWindow({
      ...tenMillion,
      position: positionAtScrollTop(tenMillion, scrollTop),
      overscan: 0,
    })

    expect(middle.start).toBeGreaterThan(5_000_000 - 20)
    expect(middle.start).toBeLessThan(5_000_000)
    expect(rowTop(middle.start, middle.shift)).toBeLessThanOrEqual(scrollTop)
    expect(rowTop(middle.end, middle.shift)).toBeGreaterThanOrEqual(scrollTop + 360)
  })

  it('renders nothing for an empty list and clamps a position left over from a longer one', () => {
    expect(fixedRowWindow({ ...view, count: 0, position: at(0), overscan: 0 })).toMatchObject({
      height: 0,
      start: 0,
      end: 0,
    })
    expect(fixedRowWindow({ ...view, count: 5, position: at(90_000), overscan: 0 })).toEqual({
      height: 140,
      start: 0,
      end: 5,
      shift: 0,
    })
  })
})

describe('moving a huge list by wheel and keys', () => {
  it('moves one wheel notch of 100 px by 3–4 rows anywhere in 10 million, not by dozens', () => {
    for (const row of [0, 535_000, 5_000_000, 9_999_000]) {
      const before = moveBy(tenMillion, at(0), row * 28)
      const after = moveBy(tenMillion, before, 100)
      expect(firstVisibleRow(after) - firstVisibleRow(before)).toBeGreaterThanOrEqual(3)
      expect(firstVisibleRow(after) - firstVisibleRow(before)).toBeLessThanOrEqual(4)
    }
  })

  it('keeps the rows where the viewport shows them while the thumb follows proportionally', () => {
    const position = moveBy(tenMillion, at(0), 5_000_000 * 28)
    const rows = fixedRowWindow({ ...tenMillion, position, overscan: 0 })

    expect(position.scrollTop).toBeCloseTo(
      (5_000_000 * 28 * (MAX_SCROLL_HEIGHT_PX - 360)) / (10_000_000 * 28 - 360),
      3,
    )
    expect(rowTop(5_000_000, rows.shift)).toBeCloseTo(position.scrollTop, 3)
  })

  it('reaches the last row row by row and stops there, and comes back to the first', () => {
    const end = moveBy(tenMillion, at(0), Number.MAX_SAFE_INTEGER)
    const pastEnd = moveBy(tenMillion, end, 28)
    const endRows = fixedRowWindow({ ...tenMillion, position: pastEnd, overscan: 0 })

    expect(pastEnd).toEqual(end)
    expect(endRows.end).toBe(10_000_000)
    expect(end.scrollTop).toBeCloseTo(MAX_SCROLL_HEIGHT_PX - 360, 3)
    expect(rowTop(9_999_999, endRows.shift) + 28).toBeCloseTo(end.scrollTop + 360, 3)
    expect(moveBy(tenMillion, end, -Number.MAX_SAFE_INTEGER)).toEqual(at(0))
  })

  it('needs no help from wheel or keys while the list fits the height limit', () => {
    expect(isScaled({ ...view, count: 500_000 })).toBe(false)
    expect(isScaled({ ...view, count: 600_000 })).toBe(true)
    expect(positionAtScrollTop({ ...view, count: 500_000 }, 1234)).toEqual(at(1234))
  })
})
