import { Box, Button, Group, Stack, Text, TextInput, Title } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { useQueries, useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { formatCount, formatQuantity, shortenForDisplay } from '../../../lib/format'
import { idPageQueryOptions, idSearchQueryOptions } from '../api/id-list-queries'
import { fixedRowWindow } from '../domain/fixed-row-window'
import type { SegmentWorkerClient } from '../worker/segment-worker-client'

const PAGE_SIZE = 500
const ROW_HEIGHT = 28
const VIEWPORT_HEIGHT = 360
const OVERSCAN = 30

interface IdPreviewProps {
  client: SegmentWorkerClient
  /** The final list's version, so cached pages of an older list are never shown. */
  listVersion: number
  total: number
  onDownload: () => void
}

/** The exact final list, virtualised: only the visible rows exist, fetched from the worker by page. */
export function IdPreview({ client, listVersion, total, onDownload }: IdPreviewProps) {
  const [search, setSearch] = useState('')
  const [query] = useDebouncedValue(search.trim(), 250)
  const [scrollTop, setScrollTop] = useState(0)

  const searchResult = useQuery(idSearchQueryOptions(client, listVersion, query, PAGE_SIZE))
  const count = query === '' ? total : (searchResult.data?.matches ?? 0)

  const rows = fixedRowWindow({
    count,
    rowHeight: ROW_HEIGHT,
    scrollTop,
    viewportHeight: VIEWPORT_HEIGHT,
    overscan: OVERSCAN,
  })
  const indexes = Array.from({ length: rows.end - rows.start }, (_, i) => rows.start + i)
  const firstPage = Math.floor(rows.start / PAGE_SIZE)
  const lastPage = rows.end > rows.start ? Math.floor((rows.end - 1) / PAGE_SIZE) : -1
  const pageNumbers = Array.from({ length: lastPage - firstPage + 1 }, (_, i) => firstPage + i)
  const pages = useQueries({
    queries: pageNumbers.map((page) =>
      idPageQueryOptions(client, listVersion, query, page, PAGE_SIZE),
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
          ? `${formatQuantity(total, 'ID')} will be sent.`
          : `${formatCount(count)} of ${formatCount(total)} IDs contain “${query}”.`}
      </Text>
      <Box
        h={VIEWPORT_HEIGHT}
        onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
        style={{ overflow: 'auto', border: '1px solid var(--mantine-color-default-border)' }}
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
}
