import { describe, expect, it } from 'vitest'
import { splitFieldIssue } from './split-settings'

describe('splitFieldIssue', () => {
  it('takes a prefix of letters and digits, or none', () => {
    expect(splitFieldIssue('tagPrefix', 'plan2026')).toBeNull()
    expect(splitFieldIssue('tagPrefix', '')).toBeNull()
    expect(splitFieldIssue('tagPrefix', 'plan-')).toBe(
      'A tag prefix may contain only letters and digits.',
    )
  })

  it('needs a title pattern', () => {
    expect(splitFieldIssue('titlePattern', 'Plan: {value}')).toBeNull()
    expect(splitFieldIssue('titlePattern', '')).toBe('Give a title pattern, e.g. "Plan: {value}".')
  })
})
