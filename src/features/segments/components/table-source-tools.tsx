import type { SourceSummary, SplitSettings } from '../worker/types'
import { KeepRowsSection } from './keep-rows-section'
import { SplitSettingsSection } from './split-settings-section'
import type { KeepRowsActions } from './use-keep-rows'

export interface TableSourceToolsProps {
  sourceId: string
  sourceName: string
  summary: SourceSummary
  keepRows: KeepRowsActions
  split: SplitSettings | null
  onSplit: (settings: SplitSettings | null) => void
}

/**
 * What a source card offers once its file has a header row and several columns: "Keep rows
 * where…" and "One segment per value of…". A chunk of its own (lazy-parts.ts): the page's first
 * screen has no source yet.
 */
export function TableSourceTools({
  sourceId,
  sourceName,
  summary,
  keepRows,
  split,
  onSplit,
}: TableSourceToolsProps) {
  return (
    <>
      <KeepRowsSection
        sourceId={sourceId}
        sourceName={sourceName}
        reading={summary}
        actions={keepRows}
      />
      <SplitSettingsSection
        sourceId={sourceId}
        sourceName={sourceName}
        columns={summary.columns}
        settings={split}
        onChange={onSplit}
      />
    </>
  )
}
