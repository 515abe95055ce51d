import { Alert, Button, Stack, Text } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { formatQuantity } from '../../../lib/format'
import { browserHistoryQueryOptions, useImportBrowserHistory } from '../api/import-browser-history'

/**
 * Offers, once, to add what this browser recorded before the team history to it. Shown only
 * while the browser still holds such records and a token can prove the marketer's club.
 */
export function BrowserHistoryImport({ hasToken }: { hasToken: boolean }) {
  const local = useQuery(browserHistoryQueryOptions())
  const importing = useImportBrowserHistory()
  const records = local.data ?? []

  if (importing.isSuccess) {
    return (
      <Alert color="green" role="status" title="Added to the team history">
        The team&apos;s history now holds {formatQuantity(importing.data, 'earlier record')} from
        this browser, marked as recorded by a browser.
      </Alert>
    )
  }
  if (records.length === 0 || !hasToken) return null
  return (
    <Alert color="blue" title="Earlier uploads kept in this browser">
      <Stack gap="xs">
        <Text size="sm">
          This browser holds {formatQuantity(records.length, 'record')} from before the team
          history. Add them once, so your colleagues see them too; they are then removed from this
          browser.
        </Text>
        {importing.isError && (
          <Text size="sm" role="alert">
            Nothing was removed from this browser: {importing.error.message}
          </Text>
        )}
        <Button
          w="fit-content"
          size="xs"
          onClick={() => importing.mutate(records)}
          loading={importing.isPending}
        >
          Add them to the team history
        </Button>
      </Stack>
    </Alert>
  )
}
