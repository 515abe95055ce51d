import { NativeSelect, Stack, TextInput, Title } from '@mantine/core'
import { useState } from 'react'
import { splitFieldIssue } from '../domain/rows/split-settings'
import { tagFromValue, VALUE_PLACEHOLDER } from '../domain/rows/tag-rule'
import { suggestTag } from '../domain/suggest-tag'
import type { SplitSettings } from '../worker/types'

interface SplitSettingsSectionProps {
  sourceId: string
  sourceName: string
  columns: readonly string[]
  /** The split on this source; null when there is none (or it is on another source). */
  settings: SplitSettings | null
  onChange: (settings: SplitSettings | null) => void
}

/** The first word of the column as a tag prefix: "Plan Type" → "plan". */
function defaultPrefix(column: string): string {
  return suggestTag(column.trim().split(/\s+/)[0] ?? '')
}

/**
 * "One segment per value of…" on a source card with a header row: the column, the tag prefix and
 * the title pattern. The table of segments is shown beside the final list (SplitTable).
 */
export function SplitSettingsSection({
  sourceId,
  sourceName,
  columns,
  settings,
  onChange,
}: SplitSettingsSectionProps) {
  const headingId = `split-${sourceId}`
  return (
    <Stack gap="xs" component="section" aria-labelledby={headingId}>
      <Title order={4} size="h6" id={headingId}>
        One segment per value of…
      </Title>
      <NativeSelect
        label="One segment per value of"
        description={`A column of ${sourceName}; the conditions above apply first.`}
        value={settings?.column ?? ''}
        onChange={(event) => {
          const column = event.currentTarget.value
          onChange(
            column === ''
              ? null
              : {
                  sourceId,
                  column,
                  tagPrefix: defaultPrefix(column),
                  titlePattern: `${column}: ${VALUE_PLACEHOLDER}`,
                },
          )
        }}
        data={[
          { value: '', label: 'No split: one segment from the final list' },
          ...columns.map((column) => ({ value: column, label: column })),
        ]}
      />
      {settings !== null && (
        // Keyed by the column: choosing another one starts from its own prefix and pattern.
        <SplitRule key={settings.column} settings={settings} onChange={onChange} />
      )}
    </Stack>
  )
}

interface SplitRuleProps {
  settings: SplitSettings
  onChange: (settings: SplitSettings) => void
}

/** The tag prefix and the title pattern, sent to the worker whenever they are usable. */
function SplitRule({ settings, onChange }: SplitRuleProps) {
  const [prefix, setPrefix] = useState(settings.tagPrefix)
  const [pattern, setPattern] = useState(settings.titlePattern)
  const prefixIssue = splitFieldIssue('tagPrefix', prefix)
  const patternIssue = splitFieldIssue('titlePattern', pattern)
  const example = tagFromValue(prefix, 'Full Season')
  const change = (next: { tagPrefix: string; titlePattern: string }) => {
    const usable =
      splitFieldIssue('tagPrefix', next.tagPrefix) === null &&
      splitFieldIssue('titlePattern', next.titlePattern) === null
    if (usable) onChange({ ...settings, ...next })
  }
  return (
    <>
      <TextInput
        label="Tag prefix"
        autoComplete="off"
        description={`Each tag is the prefix and the value in letters and digits: "Full Season" → ${example.kind === 'tag' ? example.tag : ''}.`}
        value={prefix}
        error={prefixIssue}
        onChange={(event) => {
          const next = event.currentTarget.value
          setPrefix(next)
          change({ tagPrefix: next, titlePattern: pattern })
        }}
      />
      <TextInput
        label="Title pattern"
        autoComplete="off"
        description={`${VALUE_PLACEHOLDER} stands for the value.`}
        value={pattern}
        error={patternIssue}
        onChange={(event) => {
          const next = event.currentTarget.value
          setPattern(next)
          change({ tagPrefix: prefix, titlePattern: next })
        }}
      />
    </>
  )
}
