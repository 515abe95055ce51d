// The ID preview shows up to tens of millions of rows of one height. A generic virtualiser
// (@tanstack/react-virtual) walks every row to place it, and a list taller than Chromium's
// 33,554,430 px limit (1.2M rows at 28 px) cannot be scrolled to its end. Rows of one height
// need neither: their place is arithmetic, and a capped scroll height is mapped onto the list.

/** Tallest scrollable content we create; under Chromium's 33.5M px and Firefox's 17.9M px limits. */
export const MAX_SCROLL_HEIGHT_PX = 15_000_000

export interface FixedRowWindowInput {
  count: number
  rowHeight: number
  scrollTop: number
  viewportHeight: number
  /** Rows rendered beyond each edge of the viewport. */
  overscan: number
  maxHeight?: number
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

/**
 * The rows a viewport shows over a list of equal rows, with the scroll position mapped
 * proportionally once the list is taller than maxHeight.
 * e.g. { count: 10, rowHeight: 28, scrollTop: 56, viewportHeight: 84, overscan: 1 }
 *   → { height: 280, start: 1, end: 6, shift: 0 }
 */
export function fixedRowWindow({
  count,
  rowHeight,
  scrollTop,
  viewportHeight,
  overscan,
  maxHeight = MAX_SCROLL_HEIGHT_PX,
}: FixedRowWindowInput): FixedRowWindow {
  const fullHeight = count * rowHeight
  const height = Math.min(fullHeight, maxHeight)
  const scrollRange = Math.max(0, height - viewportHeight)
  const fullRange = Math.max(0, fullHeight - viewportHeight)
  const top = Math.min(Math.max(scrollTop, 0), scrollRange)
  const offset = scrollRange > 0 ? (top * fullRange) / scrollRange : 0
  const start = Math.max(0, Math.floor(offset / rowHeight) - overscan)
  const end = Math.min(count, Math.ceil((offset + viewportHeight) / rowHeight) + overscan)
  return { height, start, end: Math.max(start, end), shift: offset - top }
}
