import { describe, expect, it } from 'vitest'
import {
  parseRegisteredAttributes,
  registeredAttributesJson,
  splitAttributeNames,
} from './registered-attributes'

describe('registered attributes files', () => {
  it('reads back what Export writes', () => {
    const names = ['membership_tier', 'favourite_team', 'seat_section']
    expect(parseRegisteredAttributes(registeredAttributesJson(names))).toEqual({
      ok: true,
      names,
      rejected: [],
    })
  })

  it('reads the sandbox file format, with its description, and a plain array', () => {
    const sandboxFile = JSON.stringify({
      description: 'Custom user attributes the sandbox treats as registered',
      registeredAttributes: ['vip_level', 'home_city'],
    })
    expect(parseRegisteredAttributes(sandboxFile)).toMatchObject({
      ok: true,
      names: ['vip_level', 'home_city'],
    })
    expect(parseRegisteredAttributes('["vip_level"]')).toMatchObject({ names: ['vip_level'] })
  })

  it('trims, drops duplicates and blanks, and rejects names GA4 would never accept', () => {
    const result = parseRegisteredAttributes(
      JSON.stringify({
        registeredAttributes: [' tier ', 'tier', '', 'user_id', 'ga_score', 'team'],
      }),
    )
    expect(result).toEqual({
      ok: true,
      names: ['tier', 'team'],
      rejected: [
        { name: 'user_id', sentence: 'user_id is reserved by GA4, so FanPass will ignore it.' },
        {
          name: 'ga_score',
          sentence: 'ga_score starts with ga_, which GA4 reserves; FanPass will ignore it.',
        },
      ],
    })
  })

  it('explains a file that is not JSON or has no list', () => {
    expect(parseRegisteredAttributes('tier,team')).toEqual({
      ok: false,
      sentence: 'This file is not JSON. Choose a file exported from Settings.',
    })
    expect(parseRegisteredAttributes('{"attributes":["tier"]}')).toMatchObject({ ok: false })
    expect(parseRegisteredAttributes('{"registeredAttributes":[1,2]}')).toMatchObject({
      ok: false,
    })
  })

  it('splits typed or pasted names on commas, semicolons, spaces and line breaks', () => {
    expect(splitAttributeNames(' tier, team;seat\n\nhome_city ')).toEqual([
      'tier',
      'team',
      'seat',
      'home_city',
    ])
  })
})
