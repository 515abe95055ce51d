import { describe, expect, it } from 'vitest'
import { aTeamRecord } from '../../../lib/testing/team-record-builder'
import { teamHistoryCsv } from './team-history-csv'

describe('the team history as CSV', () => {
  it('has a row per record with who made it and its batch, and defuses what a spreadsheet would run', () => {
    const csv = teamHistoryCsv([
      aTeamRecord(),
      aTeamRecord({ origin: 'browser-import', actorName: null, title: '=HYPERLINK("x")' }),
      aTeamRecord({ tag: 'planFlex', batchId: '3f2504e0-4f89-41d3-9a0c-0305e82c3301' }),
    ])
    const lines = csv.split('\r\n')
    expect(lines[0]).toBe(
      'time,who,kind,FanPass host,tag,title,source type,notes,files,user IDs,HTTP status,correlationId,messages,errors,ID list,batch',
    )
    expect(lines[1]).toBe(
      '2026-12-01T09:12:00.000Z,Jane Doe,segment replace,fanpass-api.fanreachdata.io,vip,VIP,0,week 48,,48120,200,corr-1,Segment VIP queued 48120 for import,,kept,',
    )
    expect(lines[2]).toContain(`a browser (imported),segment replace`)
    expect(lines[2]).toContain(`"'=HYPERLINK(""x"")"`)
    expect(lines[3]).toMatch(/,planFlex,.*,kept,3f2504e0-4f89-41d3-9a0c-0305e82c3301$/)
    expect(lines).toHaveLength(5)
  })
})
