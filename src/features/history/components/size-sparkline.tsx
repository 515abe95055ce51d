import { describeTagSizes, type TagSizeSeries } from '../domain/summarise-tag-sizes'

interface SizeSparklineProps {
  series: TagSizeSeries
  width?: number
  height?: number
}

const PADDING = 3

/** A tiny line of a tag's size per upload; the label carries the facts for screen readers. */
export function SizeSparkline({ series, width = 140, height = 36 }: SizeSparklineProps) {
  const sizes = series.points.map((point) => point.size)
  const min = Math.min(...sizes)
  const max = Math.max(...sizes)
  const innerWidth = width - 2 * PADDING
  const innerHeight = height - 2 * PADDING
  const step = sizes.length > 1 ? innerWidth / (sizes.length - 1) : 0
  // Scaled to the tag's own range: a weekly change of a few hundred IDs must stay visible.
  const y = (size: number) =>
    max === min ? height / 2 : PADDING + innerHeight - ((size - min) / (max - min)) * innerHeight
  const coordinates = sizes.map((size, index) => ({
    x: sizes.length > 1 ? PADDING + index * step : width / 2,
    y: y(size),
  }))
  const last = coordinates.at(-1)

  return (
    <svg
      role="img"
      aria-label={describeTagSizes(series)}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      style={{ color: 'var(--mantine-primary-color-filled)', overflow: 'visible' }}
    >
      {coordinates.length > 1 && (
        <polyline
          points={coordinates.map(({ x, y: top }) => `${x},${top}`).join(' ')}
          fill="none"
          stroke="currentColor"
          strokeWidth={1.5}
          strokeLinejoin="round"
          strokeLinecap="round"
        />
      )}
      {last !== undefined && <circle cx={last.x} cy={last.y} r={2.5} fill="currentColor" />}
    </svg>
  )
}
