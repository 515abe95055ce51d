import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import { failedRowsCsv } from './failed-rows'

function parse(csv: string): string[][] {
  const parsed = Papa.parse<string[]>(csv, { header: false, skipEmptyLines: true })
  expect(parsed.errors).toEqual([])
  return parsed.data
}

describe('failedRowsCsv', () => {
  it('lists every user of a failed request with its values, error and correlation ID', () => {
    const csv = failedRowsCsv([
      {
        request: { userIds: ['12345', '0042'], userProperties: { tier: 'Gold', city: 'Leeds' } },
        errors: ['FanPass did not answer in time.'],
        correlationId: null,
      },
      {
        request: { userIds: ['777'], userProperties: { tier: 'Silver' } },
        errors: ['FanPass is busy.', 'Try again in a minute.'],
        correlationId: 'c7b3d9f1-2a0e',
      },
    ])
    expect(csv).toBe(
      'userId,tier,city,error,correlationId\r\n' +
        '12345,Gold,Leeds,FanPass did not answer in time.,\r\n' +
        '0042,Gold,Leeds,FanPass did not answer in time.,\r\n' +
        '777,Silver,,FanPass is busy. Try again in a minute.,c7b3d9f1-2a0e\r\n',
    )
  })

  it('gathers a user who failed in several one-property requests onto one line', () => {
    const csv = failedRowsCsv([
      {
        request: { userIds: ['1', '2'], userProperties: { tier: 'Gold' } },
        errors: ['FanPass is busy.'],
        correlationId: 'a',
      },
      {
        request: { userIds: ['1'], userProperties: { city: 'Leeds' } },
        errors: ['FanPass is busy.'],
        correlationId: 'b',
      },
    ])
    expect(parse(csv)).toEqual([
      ['userId', 'tier', 'city', 'error', 'correlationId'],
      ['1', 'Gold', 'Leeds', 'FanPass is busy.', 'a b'],
      ['2', 'Gold', '', 'FanPass is busy.', 'a'],
    ])
  })

  it('keeps both values on separate lines if two failures disagree for one user', () => {
    const rows = parse(
      failedRowsCsv([
        {
          request: { userIds: ['1'], userProperties: { tier: 'Gold' } },
          errors: ['x'],
          correlationId: 'a',
        },
        {
          request: { userIds: ['1'], userProperties: { tier: 'Silver' } },
          errors: ['y'],
          correlationId: 'b',
        },
      ]),
    )
    expect(rows.slice(1)).toEqual([
      ['1', 'Gold', 'x', 'a'],
      ['1', 'Silver', 'y', 'b'],
    ])
  })

  it('escapes values so the file opens safely in a spreadsheet and parses back', () => {
    const csv = failedRowsCsv([
      {
        request: {
          userIds: ['-17', '⚽42'],
          userProperties: { note: '=HYPERLINK("http://evil")', team: 'نادي, الرياض' },
        },
        errors: ['FanPass said: "userIds must not be empty"'],
        correlationId: 'id-1',
      },
    ])
    expect(parse(csv)).toEqual([
      ['userId', 'note', 'team', 'error', 'correlationId'],
      [
        "'-17",
        `'=HYPERLINK("http://evil")`,
        'نادي, الرياض',
        'FanPass said: "userIds must not be empty"',
        'id-1',
      ],
      [
        '⚽42',
        `'=HYPERLINK("http://evil")`,
        'نادي, الرياض',
        'FanPass said: "userIds must not be empty"',
        'id-1',
      ],
    ])
  })

  it('writes just the header when nothing failed', () => {
    expect(failedRowsCsv([])).toBe('userId,error,correlationId\r\n')
  })
})
