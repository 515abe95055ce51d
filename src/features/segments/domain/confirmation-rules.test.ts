import { expect, it } from 'vitest'
import { requiresTypedConfirmation } from './confirmation-rules'

it('asks to type the tag only when the list shrinks below half', () => {
  expect(requiresTypedConfirmation(400, 1000)).toBe(true)
  expect(requiresTypedConfirmation(499, 999)).toBe(true)
  expect(requiresTypedConfirmation(500, 1000)).toBe(false)
  expect(requiresTypedConfirmation(10, null)).toBe(false)
})
