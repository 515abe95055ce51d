import { expect, it } from 'vitest'
import { batchTypedConfirmation, requiresTypedConfirmation } from './confirmation-rules'

it('asks to type the tag only when the list shrinks below half', () => {
  expect(requiresTypedConfirmation(400, 1000)).toBe(true)
  expect(requiresTypedConfirmation(499, 999)).toBe(true)
  expect(requiresTypedConfirmation(500, 1000)).toBe(false)
  expect(requiresTypedConfirmation(10, null)).toBe(false)
})

it('asks a batch for the tag when one segment shrinks, the count when several do, nothing when none', () => {
  expect(batchTypedConfirmation([])).toBeNull()
  expect(batchTypedConfirmation(['planFlex'])).toEqual({ kind: 'tag', expected: 'planFlex' })
  expect(batchTypedConfirmation(['planFlex', 'planMini', 'planHalf'])).toEqual({
    kind: 'count',
    expected: '3',
  })
})
