import { describe, expect, it } from 'vitest'
import { interpretResponse } from '../../../lib/fanpass-client'
import type { PreparedSegment } from '../worker/types'
import {
  batchProgressReducer,
  batchSentence,
  changedLines,
  failedLines,
  type BatchProgress,
  type BatchProgressAction,
} from './batch-progress'

const segment = (tag: string): PreparedSegment => ({
  value: tag,
  tag,
  title: `Plan: ${tag}`,
  idCount: 2,
  body: new Blob(['{}']),
})
const accepted = interpretResponse(200, '{"status":200,"correlationId":"c-1"}', null)
const unavailable = interpretResponse(503, '{"status":503,"errors":["Try later"]}', null)

function run(actions: BatchProgressAction[]): BatchProgress | null {
  return actions.reduce<BatchProgress | null>(batchProgressReducer, null)
}

const confirmed: BatchProgressAction = {
  type: 'confirmed',
  batchId: 'b-1',
  segments: ['planFull', 'planHalf', 'planFlex'].map((tag) => ({
    segment: segment(tag),
    comparedRecord: 'none',
    sources: [],
  })),
}

describe('the progress of a batch', () => {
  it('gives each tag its line, with FanPass’s answer in a sentence', () => {
    const progress = run([
      confirmed,
      { type: 'sending', tag: 'planFull' },
      { type: 'answered', tag: 'planFull', result: accepted },
      { type: 'answered', tag: 'planHalf', result: unavailable },
      { type: 'changed', tag: 'planFlex', sentence: 'Sam Roe replaced this tag at 10:02…' },
    ])
    expect(progress?.lines.map(({ status, sentence }) => [status, sentence])).toEqual([
      ['accepted', 'Segment planFull replaced. FanPass accepted the request.'],
      ['failed', `Segment planHalf was not replaced. ${unavailable.sentence}`],
      ['changed', 'Sam Roe replaced this tag at 10:02…'],
    ])
    expect(failedLines(progress).map((line) => line.segment.tag)).toEqual(['planHalf'])
    expect(changedLines(progress).map((line) => line.segment.tag)).toEqual(['planFlex'])
    expect(progress && batchSentence(progress)).toBe(
      '1 of 3 segments replaced; 1 was not; 1 changed since you compared it.',
    )
  })

  it('never puts a tag FanPass accepted back in line for a retry', () => {
    const progress = run([
      confirmed,
      { type: 'answered', tag: 'planFull', result: accepted },
      { type: 'answered', tag: 'planHalf', result: unavailable },
      {
        type: 'retrying',
        segments: [
          { segment: segment('planFull'), comparedRecord: 'rec-1', sources: [] },
          { segment: segment('planHalf'), comparedRecord: 'rec-2', sources: [] },
        ],
      },
    ])
    expect(progress?.lines.map((line) => [line.status, line.comparedRecord])).toEqual([
      ['accepted', 'none'],
      ['waiting', 'rec-2'],
      ['waiting', 'none'],
    ])
    expect(progress?.batchId).toBe('b-1')
  })

  it('says when every segment was replaced', () => {
    const progress = run([
      confirmed,
      ...['planFull', 'planHalf', 'planFlex'].map((tag): BatchProgressAction => ({
        type: 'answered',
        tag,
        result: accepted,
      })),
    ])
    expect(progress && batchSentence(progress)).toBe('All 3 segments replaced.')
  })
})
