// The ID preview shows up to tens of millions of rows of one height. A generic virtualiser
// (@tanstack/react-virtual) walks every row to place it, and a list taller than Chromium's
// 33,554,430 px limit (1.2M rows at 28 px) cannot be scrolled to its end. Rows of one height
// need neither: their place is arithmetic. Past maxHeight the scrollbar is a proportional map
// of the list, so one wheel notch there would skip dozens of rows: wheel and keys then move the
// list's own position by the pixels asked for, and only the thumb follows proportionally.

/** Tallest scrollable content we create; under Chromium's 33.5M px and Firefox's 17.9M px limits. */
export const MAX_SCROLL_HEIGHT_PX = 15_000_000

export interface RowList {
  count: number
  rowHeight: number
  viewportHeight: number
  maxHeight?: number
}

/** Where a list stands: `offset` px into the full list, with the scrollbar at `scrollTop`. */
export interface ListPosition {
  offset: number
  scrollTop: number
}

export interface FixedRowWindow {
  /** Height of the scrollable content, capped at maxHeight. */
  height: number
  /** First row to render. */
  start: number
  /** One past the last row to render. */
  end: number
  /** Top of row `index` inside the scrollable content: index × rowHeight − shift. */
  shift: number
}

function ranges({ count, rowHeight, viewportHeight, maxHeight = MAX_SCROLL_HEIGHT_PX }: RowList) {
  const fullHeight = count * rowHeight
  const height = Math.min(fullHeight, maxHeight)
  return {
    height,
    fullRange: Math.max(0, fullHeight - viewportHeight),
    scrollRange: Math.max(0, height - viewportHeight),
  }
}

const clamp = (value: number, max: number) => Math.min(Math.max(value, 0), max)

/** True when the scrollbar maps the list proportionally, so wheel and keys must move it instead. */
export function isScaled(list: RowList): boolean {
  const { fullRange, scrollRange } = ranges(list)
  return fullRange > scrollRange
}

/** The position a scrollbar at `scrollTop` stands for (a drag of the thumb, or a short list). */
export function positionAtScrollTop(list: RowList, scrollTop: number): ListPosition {
  const { fullRange, scrollRange } = ranges(list)
  const top = clamp(scrollTop, scrollRange)
  return { offset: scrollRange > 0 ? (top * fullRange) / scrollRange : 0, scrollTop: top }
}

/** The position `delta` px further down the list (up when negative), with the thumb following. */
export function moveBy(list: RowList, position: ListPosition, delta: number): ListPosition {
  const { fullRange, scrollRange } = ranges(list)
  const offset = clamp(position.offset + delta, fullRange)
  return { offset, scrollTop: fullRange > 0 ? (offset * scrollRange) / fullRange : 0 }
}

/**
 * The rows a viewport shows at `position`, `overscan` rows beyond each edge.
 * e.g. { count: 10, rowHeight: 28, viewportHeight: 84, position: { offset: 56, scrollTop: 56 }, overscan: 1 }
 *   → { height: 280, start: 1, end: 6, shift: 0 }
 */
export function fixedRowWindow(
  list: RowList & { position: ListPosition; overscan: number },
): FixedRowWindow {
  const { count, rowHeight, viewportHeight, position, overscan } = list
  const { height, fullRange, scrollRange } = ranges(list)
  const offset = clamp(position.offset, fullRange)
  const scrollTop = clamp(position.scrollTop, scrollRange)
  const start = Math.max(0, Math.floor(offset / rowHeight) - overscan)
  const end = Math.min(count, Math.ceil((offset + viewportHeight) / rowHeight) + overscan)
  return { height, start, end: Math.max(start, end), shift: offset - scrollTop }
}
