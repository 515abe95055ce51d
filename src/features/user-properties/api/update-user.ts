// POST /api/v1/update_user: the body's schema, the ad-hoc form's schema that produces it, and
// the call that sends one update.
import * as z from 'zod/mini'
import { sendFanPassRequest, type FanPassResult } from '../../../lib/fanpass-client'

export const UPDATE_USER_PATH = '/api/v1/update_user'

/**
 * The body of `POST /api/v1/update_user`, as the collection documents it: user IDs, and one map
 * of property values applied to every one of them. Values are text; FanPass truncates them.
 */
export const updateUserInputSchema = z.object({
  userIds: z
    .array(z.string().check(z.minLength(1, 'A user ID cannot be empty.')))
    .check(z.minLength(1, 'Add at least one user ID: FanPass needs to know whom to update.')),
  userProperties: z
    .record(z.string(), z.string())
    .check(
      z.refine(
        (properties) => Object.keys(properties).length > 0,
        'Add at least one property that FanPass will accept: a request without one changes nothing.',
      ),
    ),
})

export type UpdateUserInput = z.infer<typeof updateUserInputSchema>

/**
 * The ad-hoc form as typed: IDs as one text, and property rows where a half-filled row or a
 * property named twice is a mistake to point at (a fully empty row is left out when sending).
 */
export const adHocUpdateFormSchema = z.object({
  userIdsText: z
    .string()
    .check(z.refine((text) => text.trim() !== '', 'Type or paste at least one user ID.')),
  properties: z.array(z.object({ key: z.string(), value: z.string() })).check(
    z.superRefine((rows, context) => {
      const seen = new Set<string>()
      rows.forEach((row, index) => {
        const key = row.key.trim()
        const value = row.value.trim()
        if (key === '' && value === '') return
        if (key === '') {
          context.addIssue({
            code: 'custom',
            path: [index, 'key'],
            message: 'Give this value a property name, or remove the row.',
          })
          return
        }
        if (value === '') {
          context.addIssue({
            code: 'custom',
            path: [index, 'value'],
            message: `Type a value for ${key}, or remove the row.`,
          })
        }
        if (seen.has(key)) {
          context.addIssue({
            code: 'custom',
            path: [index, 'key'],
            message: `${key} is already set above. Keep one row per property.`,
          })
        }
        seen.add(key)
      })
    }),
  ),
})

export type AdHocUpdateForm = z.infer<typeof adHocUpdateFormSchema>

/**
 * Sends one update; resolves with FanPass's answer whatever it is (see FanPassResult).
 * `jobId` tells the console's server which job the request belongs to, so the team history
 * files it under that job. Throws only if the input breaks the schema, which the planner never
 * produces.
 */
export function sendUpdateUser(
  input: UpdateUserInput,
  token: string,
  jobId?: string,
): Promise<FanPassResult> {
  const checked = updateUserInputSchema.safeParse(input)
  if (!checked.success) {
    return Promise.reject(new Error(checked.error.issues.map((issue) => issue.message).join(' ')))
  }
  // The caller's object is serialised, not zod's copy: a record rebuilt key by key would turn a
  // "__proto__" key into a prototype instead of a property.
  const body = JSON.stringify({ userIds: input.userIds, userProperties: input.userProperties })
  return sendFanPassRequest({
    path: UPDATE_USER_PATH,
    token,
    body,
    consoleHeaders: jobId === undefined ? undefined : { 'X-Console-Job-Id': jobId },
  })
}
