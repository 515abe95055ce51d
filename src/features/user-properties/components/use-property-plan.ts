import { useEffect, useRef, useState } from 'react'
import type { TableMapping } from '../domain/property-table'
import type { TablePlanView } from '../domain/table-plan'
import type { PropertyPlanner } from '../worker/property-plan-client'

type Inputs = readonly [PropertyPlanner, TableMapping, ReadonlySet<string>, number]

interface Answer {
  inputs: Inputs
  view: TablePlanView | null
  error: string | null
}

export interface PropertyPlanState {
  /** The latest answer for this table, possibly for an earlier mapping; null before the first. */
  view: TablePlanView | null
  /** Whether `view` answers the mapping and settings on screen now. */
  current: boolean
  /** Why no plan could be made, as a sentence; only for the current inputs. */
  error: string | null
}

/**
 * Asks the planner for a plan whenever the mapping or the settings change. An answer to a call
 * that a later one has replaced is dropped, so the page never shows a plan for an old mapping.
 */
export function usePropertyPlan(
  planner: PropertyPlanner | null,
  mapping: TableMapping | null,
  registered: ReadonlySet<string>,
  batchSize: number,
): PropertyPlanState {
  const [answer, setAnswer] = useState<Answer | null>(null)
  const calls = useRef(0)

  useEffect(() => {
    if (planner === null || mapping === null) return
    calls.current += 1
    const seq = calls.current
    const inputs: Inputs = [planner, mapping, registered, batchSize]
    let replaced = false
    planner.plan(seq, mapping, registered, batchSize).then(
      (view) => {
        if (!replaced) setAnswer({ inputs, view, error: null })
      },
      () => {
        if (!replaced) {
          setAnswer({
            inputs,
            view: null,
            error:
              'The plan could not be worked out for this file. Choose the file again; if this happens again, split it into smaller files.',
          })
        }
      },
    )
    return () => {
      replaced = true
    }
  }, [planner, mapping, registered, batchSize])

  if (answer === null || planner === null || answer.inputs[0] !== planner) {
    return { view: null, current: false, error: null }
  }
  const current =
    answer.inputs[1] === mapping &&
    answer.inputs[2] === registered &&
    answer.inputs[3] === batchSize
  return { view: answer.view, current, error: current ? answer.error : null }
}
