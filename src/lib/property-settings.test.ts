// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest'
import {
  DEFAULT_PROPERTY_SETTINGS,
  loadPropertySettings,
  PROPERTY_SETTINGS_KEY,
  propertySettingsSchema,
  savePropertySettings,
} from './property-settings'

afterEach(() => {
  localStorage.clear()
})

function batchSizeMessages(batchSize: number): string[] {
  const result = propertySettingsSchema.shape.batchSize.safeParse(batchSize)
  return result.success ? [] : result.error.issues.map((issue) => issue.message)
}

describe('property settings', () => {
  it('says what is wrong with a batch size, in a sentence', () => {
    expect(batchSizeMessages(500)).toEqual([])
    expect(batchSizeMessages(NaN)).toEqual(['Type a number of users per request.'])
    expect(batchSizeMessages(2.5)).toEqual(['Type a whole number of users per request.'])
    expect(batchSizeMessages(0)).toEqual(['Send at least 1 user per request.'])
    expect(batchSizeMessages(10_001)).toEqual(['Keep it at 10,000 users per request or fewer.'])
  })

  it('caps concurrency at 8 requests', () => {
    const result = propertySettingsSchema.shape.concurrency.safeParse(9)
    expect(result.success ? [] : result.error.issues.map((issue) => issue.message)).toEqual([
      'Allow at most 8 requests at a time: more would mostly earn "too many requests" answers.',
    ])
  })

  it('reads back what was saved', () => {
    savePropertySettings({ registeredAttributes: ['tier'], batchSize: 250, concurrency: 2 })
    expect(loadPropertySettings()).toEqual({
      registeredAttributes: ['tier'],
      batchSize: 250,
      concurrency: 2,
    })
  })

  it('keeps the good fields of hand-edited settings and defaults the bad ones', () => {
    localStorage.setItem(
      PROPERTY_SETTINGS_KEY,
      JSON.stringify({ registeredAttributes: ['tier', 7], batchSize: 300, concurrency: 99 }),
    )
    expect(loadPropertySettings()).toEqual({
      registeredAttributes: DEFAULT_PROPERTY_SETTINGS.registeredAttributes,
      batchSize: 300,
      concurrency: DEFAULT_PROPERTY_SETTINGS.concurrency,
    })
  })
})
