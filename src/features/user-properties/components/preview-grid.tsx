import { Box, Text, VisuallyHidden } from '@mantine/core'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useRef, type CSSProperties } from 'react'
import { checkPropertyValue } from '../../../lib/property-rules'
import type { RowReader } from '../domain/packed-rows'
import type { ColumnReport } from '../domain/property-table'
import { cellValue } from '../domain/property-table'

const ROW_HEIGHT = 32

function columnState(column: ColumnReport): 'id' | 'sent' | 'ignored' | 'excluded' {
  if (column.isIdColumn) return 'id'
  if (column.sent) return 'sent'
  return column.include ? 'ignored' : 'excluded'
}

const HEADER_NOTE = {
  id: 'user ID',
  sent: 'sent',
  ignored: 'ignored by FanPass, not sent',
  excluded: 'excluded',
} as const

/**
 * Every row of the file, rendered only where the marketer looks: values FanPass will truncate
 * are marked cell by cell, and columns that will not be sent are greyed out.
 */
export function PreviewGrid({
  rows,
  columns,
  name,
}: {
  rows: RowReader
  columns: readonly ColumnReport[]
  name: string
}) {
  const scrollRef = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count: rows.count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  })
  const template: CSSProperties = {
    display: 'grid',
    gridTemplateColumns: `64px repeat(${columns.length}, minmax(140px, 1fr))`,
  }
  const width = 64 + columns.length * 160

  return (
    // The table is its own scroll area: a focusable wrapper between the table and its rows
    // would hide the rows from assistive technology (axe: aria-required-children).
    <Box
      ref={scrollRef}
      role="table"
      aria-label={`Preview of ${name}`}
      aria-rowcount={rows.count + 1}
      aria-colcount={columns.length + 1}
      style={{
        height: 360,
        overflow: 'auto',
        border: '1px solid var(--mantine-color-default-border)',
      }}
      // The scroll area must be reachable by keyboard to scroll it.
      tabIndex={0}
    >
      <div role="rowgroup" style={{ position: 'sticky', top: 0, zIndex: 1, minWidth: width }}>
        <div
          role="row"
          aria-rowindex={1}
          style={{ ...template, background: 'var(--mantine-color-default-hover)' }}
        >
          <div role="columnheader" style={cellStyle}>
            Row
          </div>
          {columns.map((column) => {
            const state = columnState(column)
            return (
              <div
                role="columnheader"
                key={column.index}
                style={{
                  ...cellStyle,
                  fontWeight: 700,
                  color: state === 'ignored' || state === 'excluded' ? DIMMED : undefined,
                  textDecoration: state === 'ignored' ? 'line-through' : undefined,
                }}
                title={column.advice?.status === 'ignored' ? column.advice.sentence : undefined}
              >
                {state === 'sent' && column.name !== column.header
                  ? `${column.header || 'Unnamed'} → ${column.name}`
                  : column.header || `Column ${column.index + 1} (no name)`}
                <Text span size="xs" c="dimmed" fw={400}>
                  {' '}
                  ({HEADER_NOTE[state]})
                </Text>
              </div>
            )
          })}
        </div>
      </div>
      <div
        role="rowgroup"
        style={{ height: virtualizer.getTotalSize(), position: 'relative', minWidth: width }}
      >
        {virtualizer.getVirtualItems().map((item) => {
          const cells = rows.row(item.index)
          return (
            <div
              role="row"
              key={item.key}
              aria-rowindex={item.index + 2}
              style={{
                ...template,
                position: 'absolute',
                top: 0,
                left: 0,
                right: 0,
                height: ROW_HEIGHT,
                transform: `translateY(${item.start}px)`,
              }}
            >
              <div role="cell" style={{ ...cellStyle, color: DIMMED }}>
                {item.index + 2}
              </div>
              {columns.map((column) => (
                <GridCell key={column.index} column={column} raw={cells[column.index]} />
              ))}
            </div>
          )
        })}
      </div>
    </Box>
  )
}

// Columns that are not sent are greyed with the dimmed text colour, which keeps WCAG AA contrast
// in both schemes; fading them with opacity did not.
const DIMMED = 'var(--mantine-color-dimmed)'

const cellStyle: CSSProperties = {
  padding: '4px 8px',
  borderBottom: '1px solid var(--mantine-color-default-border)',
  whiteSpace: 'nowrap',
  overflow: 'hidden',
  textOverflow: 'ellipsis',
  fontSize: 'var(--mantine-font-size-sm)',
}

function GridCell({ column, raw }: { column: ColumnReport; raw: string | undefined }) {
  const value = cellValue(raw)
  const state = columnState(column)
  const verdict = state === 'sent' && value !== '' ? checkPropertyValue(value) : null
  const truncated = verdict?.status === 'truncated' ? verdict : null
  return (
    <div
      role="cell"
      data-truncated={truncated !== null || undefined}
      title={truncated?.sentence}
      style={{
        ...cellStyle,
        color: state === 'ignored' || state === 'excluded' ? DIMMED : undefined,
        background: truncated !== null ? 'var(--mantine-color-orange-light)' : undefined,
      }}
    >
      {value === '' && state === 'sent' ? (
        <Text span size="xs" c="dimmed">
          (unchanged)
        </Text>
      ) : (
        value
      )}
      {truncated !== null && (
        <VisuallyHidden> (will be truncated to “{truncated.stored}”)</VisuallyHidden>
      )}
    </div>
  )
}
