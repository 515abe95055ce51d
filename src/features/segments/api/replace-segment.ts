import { useMutation } from '@tanstack/react-query'
import * as z from 'zod/mini'
import { sendFanPassRequest, type FanPassResult } from '../../../lib/fanpass-client'

export const SEGMENTS_PATH = '/api/v1/segments'

/** sourceType values the collection defines; only 0 (Ticketing ID) is live today. */
export const sourceTypes = [
  { value: 0, label: 'Ticketing ID', available: true },
  { value: 1, label: 'Push Notification ID (coming soon)', available: false },
  { value: 2, label: 'Loyalty ID (coming soon)', available: false },
  { value: 3, label: 'Ad ID (coming soon)', available: false },
  { value: 4, label: 'Subscriber ID (coming soon)', available: false },
] as const

/** The segment's fields besides its user IDs, as the collection documents them. */
export const segmentFieldsSchema = z.object({
  title: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, 'Give the segment a title.'),
      z.maxLength(200, 'Keep the title under 200 characters.'),
    ),
  tag: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, 'Give the segment a tag: it is the key FanPass stores the segment under.'),
      z.regex(
        /^[A-Za-z0-9]+$/,
        'A tag may contain only letters and digits: no spaces, dashes or underscores.',
      ),
    ),
  sourceType: z.literal(0, { error: 'Only Ticketing IDs (source type 0) can be uploaded today.' }),
  notes: z.string().check(z.trim(), z.maxLength(1000, 'Keep the notes under 1,000 characters.')),
})

export type SegmentFields = z.infer<typeof segmentFieldsSchema>

/** The segment form: the fields, plus the list of user IDs it will send, which must not be empty. */
export const replaceSegmentInputSchema = z.extend(segmentFieldsSchema, {
  userIdCount: z
    .number()
    .check(
      z.int(),
      z.minimum(
        1,
        'Add user IDs first: drop a CSV file or paste IDs. FanPass will not accept an empty segment.',
      ),
    ),
})

export type ReplaceSegmentInput = z.infer<typeof replaceSegmentInputSchema>

export interface ReplaceSegmentVariables {
  input: ReplaceSegmentInput
  /** The exact JSON body, built off the main thread from the same fields and the final ID list. */
  body: string
  token: string
}

/** Replaces every member of a tag; the mutation resolves with the outcome, whatever it was. */
export function useReplaceSegment() {
  return useMutation<FanPassResult, Error, ReplaceSegmentVariables>({
    mutationKey: ['replace-segment'],
    mutationFn: ({ input, body, token }) => {
      replaceSegmentInputSchema.parse(input)
      return sendFanPassRequest({ path: SEGMENTS_PATH, token, body })
    },
  })
}
