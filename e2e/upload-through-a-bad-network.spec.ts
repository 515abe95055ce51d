import { expect, test } from './support/console-test'
import type { InjectedFault } from './support/sandbox'
import { sendPastedSegment } from './support/segments-page'

// Hotel Wi-Fi and a struggling FanPass: every failed segment upload ends in a sentence saying
// nothing is known to have changed, offers Retry, and Retry then replaces the segment once.
// The console's server waits UPSTREAM_TIMEOUT_MS = 30 s for FanPass here (e2e/support/console-server.ts).

const NOTHING_KNOWN_CHANGED =
  'Nothing is known to have changed, and sending the same request again is safe.'

interface Failure {
  name: string
  fault: InjectedFault
  /** The headline sentence of the failed upload. */
  sentence: string
  /** What the console or FanPass said, listed under Errors. */
  detail: string | RegExp
  /** HTTP status the page shows. */
  status: string
}

const failures: Failure[] = [
  {
    name: 'FanPass answers 503',
    fault: { status: 503, path: '/api/v1/segments' },
    sentence: `FanPass had a problem (HTTP 503). ${NOTHING_KNOWN_CHANGED}`,
    detail: 'The FanPass service is temporarily unavailable.',
    status: '503',
  },
  {
    name: 'FanPass answers 504',
    fault: { status: 504, path: '/api/v1/segments' },
    sentence: `FanPass did not answer in time. ${NOTHING_KNOWN_CHANGED}`,
    detail: 'The FanPass service did not respond in time.',
    status: '504',
  },
  {
    name: 'the connection drops before FanPass answers',
    fault: { drop: true, path: '/api/v1/segments' },
    sentence: `FanPass had a problem (HTTP 502). ${NOTHING_KNOWN_CHANGED}`,
    detail:
      /^The connection to FanPass at 127\.0\.0\.1:\d+ broke before it answered\. The request may or may not have been applied; replacing a segment again is safe\.$/,
    status: '502',
  },
]

for (const failure of failures) {
  test(`${failure.name}: the upload says nothing is known to have changed, and Retry replaces the segment once`, async ({
    connectedPage: page,
    fanpass,
    watch,
  }) => {
    await fanpass.injectFault(failure.fault)

    const result = await sendPastedSegment(page, {
      ids: ['111', '222', '333'],
      title: 'Hotel wifi',
    })

    await expect(result.getByText(failure.sentence, { exact: true })).toBeVisible()
    await expect(result.getByRole('listitem').filter({ hasText: failure.detail })).toHaveCount(1)
    await expect(result).toContainText(`HTTP status: ${failure.status}`)
    expect(await fanpass.segment('hotelWifi')).toBeNull()

    await result.getByRole('button', { name: 'Retry' }).click()

    await expect(result).toContainText('Segment Hotel wifi queued 3 for import')
    expect((await fanpass.segment('hotelWifi'))?.userIds).toEqual(['111', '222', '333'])
    // Only the segment replaces: the console's server may also have proved the token with its
    // empty update_user (docs/team-history.md, "Requests the console sends on its own").
    const log = await fanpass.requests('/api/v1/segments')
    expect(log.map((entry) => entry.status)).toEqual([
      failure.fault.drop ? null : Number(failure.status),
      200,
    ])
    expect(watch.apiRequests).toEqual(['POST /api/v1/segments', 'POST /api/v1/segments'])
    expect(watch.pageErrors).toEqual([])
  })
}

test('a 35-second stall outlasts the console timeout of 30 seconds, says nothing is known to have changed, and Retry succeeds', async ({
  connectedPage: page,
  fanpass,
  watch,
}) => {
  test.setTimeout(150_000)
  // Longer than the console's timeout (30 s in e2e/support/console-server.ts), short enough that the
  // stalled request lands before the story ends.
  await fanpass.injectFault({ delayMs: 35_000, path: '/api/v1/segments' })
  const started = Date.now()

  const result = await sendPastedSegment(page, { ids: ['444', '555'], title: 'Stalled' })

  await expect(page.getByRole('status').filter({ hasText: 'to FanPass…' })).toBeVisible()
  await expect(
    result.getByText(`FanPass did not answer in time. ${NOTHING_KNOWN_CHANGED}`),
  ).toBeVisible({
    timeout: 40_000,
  })
  expect(Date.now() - started).toBeLessThan(45_000)
  await expect(result).toContainText(
    'FanPass did not answer within 30 seconds. The request may or may not have been applied; replacing a segment again is safe.',
  )
  expect(await fanpass.segment('stalled')).toBeNull()

  await result.getByRole('button', { name: 'Retry' }).click()

  await expect(result).toContainText('Segment Stalled queued 2 for import')
  expect((await fanpass.segment('stalled'))?.userIds).toEqual(['444', '555'])
  // The stalled request is still inside FanPass; when it lands, it carries the same list, so
  // the segment stays exactly as the retry left it (and the next test starts from a quiet store).
  await expect
    .poll(async () => (await fanpass.requests('/api/v1/segments')).map((entry) => entry.status), {
      timeout: 45_000,
    })
    .toEqual([200, 200])
  expect((await fanpass.segment('stalled'))?.userIds).toEqual(['444', '555'])
  expect(watch.pageErrors).toEqual([])
})
