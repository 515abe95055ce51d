import { describe, expect, it } from 'vitest'
import { IdList } from '../../../../lib/ingest/id-list'
import { checkSplit } from './split-check'

const settings = { sourceId: 't', column: 'Tier', tagPrefix: 'tier', titlePattern: 'Tier {value}' }
const segment = (value: string) => ({ value, ids: IdList.from(['1']), keptRows: 1 })

describe('checkSplit', () => {
  it('puts the edits over the rule, and checks only the ticked rows', () => {
    const edits = new Map([
      ['Gold', { title: 'Gold fans' }],
      ['gold', { ticked: false }],
    ])
    const { rows, problems } = checkSplit([segment('Gold'), segment('gold')], settings, edits)
    expect(rows.map(({ tag, title, ticked }) => [tag, title, ticked])).toEqual([
      ['tierGold', 'Gold fans', true],
      ['tierGold', 'Tier gold', false],
    ])
    expect(problems).toEqual([])
  })

  it('asks for a tag where the rule made none, once per value and not as a shared tag', () => {
    const { byValue, problems } = checkSplit([segment('⭐'), segment('🎟️')], settings, new Map())
    expect(problems).toEqual([
      'The value "⭐" has no letters or digits to make a tag from: type its tag.',
      'The value "🎟️" has no letters or digits to make a tag from: type its tag.',
    ])
    expect(byValue.get('⭐')).toEqual({ tag: problems[0], title: null })
  })

  it('says a typed tag the form would refuse, and that nothing is ticked', () => {
    const typed = checkSplit([segment('Gold')], settings, new Map([['Gold', { tag: 'tier gold' }]]))
    expect(typed.problems).toEqual([
      'The tag of "Gold": A tag may contain only letters and digits: no spaces, dashes or underscores.',
    ])
    const none = checkSplit([segment('Gold')], settings, new Map([['Gold', { ticked: false }]]))
    expect(none.problems).toEqual(['Tick at least one value to upload its segment.'])
  })
})
