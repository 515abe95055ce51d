// The fields of a segment besides its user IDs, as the collection documents them: checked by the
// segment form, and by the worker for each segment of a split (it does not load the API module).
import * as z from 'zod/mini'

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
