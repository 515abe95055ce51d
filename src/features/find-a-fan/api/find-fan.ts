import { queryOptions } from '@tanstack/react-query'
import * as z from 'zod/mini'
import { consoleHistory } from '../../../lib/console-history'
import { historyQueryKey } from '../../../lib/history/history-queries'
import type { FanVersion } from '../domain/fan-timeline'

/** What the marketer types: one user ID, as FanPass knows it. */
export const findFanInputSchema = z.object({
  userId: z.string().check(
    z.trim(),
    z.minLength(1, 'Type the user ID of the fan you are looking for.'),
    // The server reads the ID from the address; a user ID is far shorter than this.
    z.maxLength(200, 'A user ID is at most 200 characters. Check that you pasted one ID only.'),
  ),
})

export type FindFanInput = z.infer<typeof findFanInputSchema>

const fanVersionSchema = z.object({
  recordId: z.string(),
  tag: z.string(),
  title: z.nullable(z.string()),
  createdAt: z.string(),
  actorName: z.nullable(z.string()),
  idCount: z.number(),
  containsId: z.boolean(),
})

/** The answer of GET /console/history/fans?userId=… (server/history/history-routes.ts). */
const findFanAnswerSchema = z.object({ versions: z.array(fanVersionSchema) })

async function findFan(userId: string): Promise<FanVersion[]> {
  const answer = await consoleHistory<unknown>(
    `/fans?${new URLSearchParams({ userId }).toString()}`,
  )
  const parsed = findFanAnswerSchema.safeParse(answer)
  if (!parsed.success) {
    throw new Error('The team history answered in a way this console cannot read. Reload the page.')
  }
  return parsed.data.versions
}

/**
 * Every kept version of every segment tag holding `userId`, with the tag's other kept versions.
 * Rejects with the server's sentence when the team history cannot be read.
 */
export function findFanQueryOptions(userId: string) {
  return queryOptions({
    // Under the history key, so an upload (which invalidates the history) asks again.
    queryKey: [...historyQueryKey, 'find-a-fan', userId],
    queryFn: () => findFan(userId),
    // Another token may belong to another club: an answer is not kept once nobody shows it.
    gcTime: 0,
    retry: false,
  })
}
