import { Box, Button, Group, Stack, Text, TextInput, Title } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { useQueries, useQuery } from '@tanstack/react-query'
import {
  memo,
  useEffect,
  useEffectEvent,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
} from 'react'
import { formatCount, shortenForDisplay } from '../../../lib/format'
import {
  idPageQueryOptions,
  idSearchQueryOptions,
  type IdListPreview,
} from '../api/id-list-queries'
import {
  fixedRowWindow,
  isScaled,
  moveBy,
  positionAtScrollTop,
  type ListPosition,
  type RowList,
} from '../domain/fixed-row-window'

const PAGE_SIZE = 500
const ROW_HEIGHT = 28
const VIEWPORT_HEIGHT = 360
const OVERSCAN = 30
const TOP: ListPosition = { offset: 0, scrollTop: 0 }
/** The distance each key moves the list; Home and End go as far as the list allows. */
const KEY_MOVES: Record<string, number> = {
  ArrowDown: ROW_HEIGHT,
  ArrowUp: -ROW_HEIGHT,
  PageDown: VIEWPORT_HEIGHT - ROW_HEIGHT,
  PageUp: -(VIEWPORT_HEIGHT - ROW_HEIGHT),
  End: Number.MAX_SAFE_INTEGER,
  Home: -Number.MAX_SAFE_INTEGER,
}
/** Pixels per WheelEvent.deltaMode unit: pixel, line, page. */
const WHEEL_UNIT = [1, ROW_HEIGHT, VIEWPORT_HEIGHT]

interface IdPreviewProps {
  /** Where the rows come from. */
  preview: IdListPreview
  /** The final list's version, so cached pages of an older list are never shown. */
  listVersion: number
  total: number
  /** What will be sent (see sendSentence): the list, or a split's segments cut from it. */
  sendSentence: string
  onDownload: () => void
}

/** The exact final list, virtualised: only the visible rows exist, fetched from the worker by page. */
export const IdPreview = memo(function IdPreview({
  preview,
  listVersion,
  total,
  sendSentence,
  onDownload,
}: IdPreviewProps) {
  const [search, setSearch] = useState('')
  const [query] = useDebouncedValue(search.trim(), 250)
  const viewport = useRef<HTMLDivElement>(null)

  const searchResult = useQuery(idSearchQueryOptions(preview, listVersion, query, PAGE_SIZE))
  const count = query === '' ? total : (searchResult.data?.matches ?? 0)
  const list: RowList = { count, rowHeight: ROW_HEIGHT, viewportHeight: VIEWPORT_HEIGHT }

  // Another list or search starts at its first row, scrollbar included.
  const listKey = `${count}\n${query}`
  const [shown, setShown] = useState({ listKey, position: TOP })
  if (shown.listKey !== listKey) setShown({ listKey, position: TOP })
  const position = shown.listKey === listKey ? shown.position : TOP
  // Wheel events can come faster than renders: each moves on from the one before it.
  const latest = useRef(TOP)
  const setPosition = (next: ListPosition) => {
    latest.current = next
    setShown({ listKey, position: next })
  }
  useLayoutEffect(() => {
    latest.current = TOP
    if (viewport.current) viewport.current.scrollTop = 0
  }, [listKey])
  const rows = fixedRowWindow({ ...list, position, overscan: OVERSCAN })

  const move = (delta: number) => {
    const element = viewport.current
    if (!element) return
    const next = moveBy(list, latest.current, delta)
    element.scrollTop = next.scrollTop
    // The browser may round the scrollbar; rows are placed against where it really is.
    setPosition({ offset: next.offset, scrollTop: element.scrollTop })
  }
  const onWheel = useEffectEvent((event: WheelEvent) => {
    if (event.ctrlKey || event.deltaY === 0) return
    event.preventDefault()
    move(event.deltaY * (WHEEL_UNIT[event.deltaMode] ?? 1))
  })
  const scaled = isScaled(list)

  // React's wheel listener is passive, and a notch on a proportional scrollbar skips dozens of rows.
  useEffect(() => {
    const element = viewport.current
    if (!scaled || !element) return
    const listener = (event: WheelEvent) => onWheel(event)
    element.addEventListener('wheel', listener, { passive: false })
    return () => element.removeEventListener('wheel', listener)
  }, [scaled])

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const delta = KEY_MOVES[event.key]
    if (delta === undefined || event.altKey || event.ctrlKey || event.metaKey) return
    event.preventDefault()
    move(delta)
  }
  const onScroll = (scrollTop: number) => {
    // A scroll we caused echoes back; anything else is the thumb being dragged.
    if (Math.abs(scrollTop - latest.current.scrollTop) < 1) return
    setPosition(positionAtScrollTop(list, scrollTop))
  }
  const indexes = Array.from({ length: rows.end - rows.start }, (_, i) => rows.start + i)
  const firstPage = Math.floor(rows.start / PAGE_SIZE)
  const lastPage = rows.end > rows.start ? Math.floor((rows.end - 1) / PAGE_SIZE) : -1
  const pageNumbers = Array.from({ length: lastPage - firstPage + 1 }, (_, i) => firstPage + i)
  const pages = useQueries({
    queries: pageNumbers.map((page) =>
      idPageQueryOptions(preview, listVersion, query, page, PAGE_SIZE),
    ),
  })
  const idAt = (index: number): string | undefined => {
    const page = pages[Math.floor(index / PAGE_SIZE) - firstPage]
    return page?.data?.[index % PAGE_SIZE]
  }

  return (
    <Stack gap="xs" component="section" aria-labelledby="preview-heading">
      <Group justify="space-between">
        <Title order={3} size="h4" id="preview-heading">
          IDs to send
        </Title>
        <Button variant="default" size="xs" onClick={onDownload} disabled={total === 0}>
          Download IDs
        </Button>
      </Group>
      <TextInput
        label="Search IDs"
        placeholder="Part of an ID"
        value={search}
        onChange={(event) => setSearch(event.currentTarget.value)}
      />
      <Text size="sm" role="status" aria-live="polite">
        {query === ''
          ? sendSentence
          : `${formatCount(count)} of ${formatCount(total)} IDs contain “${query}”.`}
      </Text>
      <Box
        ref={viewport}
        h={VIEWPORT_HEIGHT}
        onScroll={(event) => onScroll(event.currentTarget.scrollTop)}
        onKeyDown={onKeyDown}
        style={{
          overflow: 'auto',
          // The rows are placed for exactly VIEWPORT_HEIGHT px; the border goes outside it.
          boxSizing: 'content-box',
          border: '1px solid var(--mantine-color-default-border)',
        }}
        tabIndex={0}
        role="list"
        aria-label="IDs to send"
      >
        <div style={{ height: rows.height, position: 'relative' }}>
          {indexes.map((index) => (
            <div
              key={index}
              role="listitem"
              aria-setsize={count}
              aria-posinset={index + 1}
              style={{
                position: 'absolute',
                top: 0,
                left: 0,
                width: '100%',
                height: ROW_HEIGHT,
                transform: `translateY(${index * ROW_HEIGHT - rows.shift}px)`,
                padding: '4px 8px',
                fontFamily: 'var(--mantine-font-family-monospace)',
                fontSize: 'var(--mantine-font-size-sm)',
              }}
            >
              <Text span c="dimmed" size="xs" mr="sm" aria-hidden>
                {formatCount(index + 1)}
              </Text>
              {shortenForDisplay(idAt(index) ?? '…')}
            </div>
          ))}
        </div>
      </Box>
    </Stack>
  )
})
