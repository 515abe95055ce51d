import { formatQuantity } from '../../../lib/format'

/** What a split sends: its ticked segments and their IDs, summed (see SplitTableView). */
export interface SplitToSend {
  ticked: number
  tickedIds: number
}

/**
 * What the ID preview says will be sent: the final list, or with a split, the segments cut from it.
 * e.g. (8, null) → '8 IDs will be sent.'; (8, { ticked: 4, tickedIds: 8 }) → '4 segments will be sent: 8 IDs in all, split from the 8 IDs below.'
 */
export function sendSentence(total: number, split: SplitToSend | null): string {
  const ids = formatQuantity(total, 'ID')
  if (split === null) return `${ids} will be sent.`
  if (split.ticked === 0) {
    return `No segment will be sent yet: the split's table says why. Below, the ${ids} it splits.`
  }
  return `${formatQuantity(split.ticked, 'segment')} will be sent: ${formatQuantity(split.tickedIds, 'ID')} in all, split from the ${ids} below.`
}
