// Matching is exact ("Gold" is not "gold "), so values that differ only in letter case or in
// spaces around them are pointed out where the marketer picks values, to include on purpose.
import type { ValueCount } from './column-profile'

export interface NearDuplicateGroup {
  /** The member with the most rows: how the value looks when written as intended. */
  likely: string
  /** Every member, most rows first, `likely` included. */
  members: ValueCount[]
}

function looseKey(value: string): string {
  return value.trim().toLowerCase()
}

/**
 * Groups of two or more values equal once case and surrounding spaces are ignored.
 * e.g. [Gold ×40, "gold" ×2, "Gold " ×1, Silver ×9] → [{ likely: "Gold", members: Gold, gold, "Gold " }]
 */
export function findNearDuplicates(values: readonly ValueCount[]): NearDuplicateGroup[] {
  const groups = new Map<string, ValueCount[]>()
  for (const entry of values) {
    const key = looseKey(entry.value)
    if (key === '') continue
    const group = groups.get(key)
    if (group === undefined) groups.set(key, [entry])
    else group.push(entry)
  }
  const result: NearDuplicateGroup[] = []
  for (const members of groups.values()) {
    if (members.length < 2) continue
    members.sort((a, b) => b.rows - a.rows || a.code - b.code)
    result.push({ likely: (members[0] as ValueCount).value, members })
  }
  return result
}

/**
 * For an "is one of" pick: the near-duplicates of picked values that are not picked, each with the
 * question the checklist asks.
 * e.g. picked ["Gold"] among Gold, "Gold ", gold → [{ add: ["Gold ", "gold"], sentence: "'Gold ' and 'gold' look like 'Gold': include them?" }]
 */
export function nearDuplicatesOfPick(
  values: readonly ValueCount[],
  picked: readonly string[],
): { add: string[]; sentence: string }[] {
  const chosen = new Set(picked)
  const questions: { add: string[]; sentence: string }[] = []
  for (const group of findNearDuplicates(values)) {
    const inPick = group.members.filter((member) => chosen.has(member.value))
    const add = group.members.filter((member) => !chosen.has(member.value)).map((m) => m.value)
    if (inPick.length === 0 || add.length === 0) continue
    const quoted = add.map((value) => `'${value}'`)
    const list =
      quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`
    const like = (inPick[0] as ValueCount).value
    questions.push({
      add,
      sentence: `${list} ${add.length === 1 ? 'looks' : 'look'} like '${like}': include ${add.length === 1 ? 'it' : 'them'}?`,
    })
  }
  return questions
}
