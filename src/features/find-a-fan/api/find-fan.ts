import { queryOptions } from '@tanstack/react-query'
import * as z from 'zod/mini'
import { fanAnswerSchema, type FanVersion } from '../../../../contracts/history'
import { readConsoleHistory } from '../../../lib/console-history'
import { historyQueryKey } from '../../../lib/history/history-queries'

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

async function findFan(userId: string): Promise<FanVersion[]> {
  const answer = await readConsoleHistory(
    `/fans?${new URLSearchParams({ userId }).toString()}`,
    fanAnswerSchema,
  )
  return answer.versions
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
