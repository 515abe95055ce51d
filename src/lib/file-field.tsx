import { Input } from '@mantine/core'
import { useId, type ChangeEvent } from 'react'

interface FileFieldProps {
  label: string
  description: string
  /** What the file picker offers, e.g. ".json,application/json". */
  accept: string
  /** Several files at once (a recipe's week of exports). */
  multiple?: boolean
  onChange: (event: ChangeEvent<HTMLInputElement>) => void
}

/**
 * A labelled file input, the browser's own: it shows the chosen file's name, and the label
 * belongs to the input itself, so a screen reader (and a test) finds it by that label.
 */
export function FileField({ label, description, accept, multiple, onChange }: FileFieldProps) {
  const id = useId()
  return (
    <Input.Wrapper label={label} labelProps={{ htmlFor: id }} description={description}>
      <input
        id={id}
        type="file"
        accept={accept}
        multiple={multiple}
        onChange={onChange}
        style={{ display: 'block', marginTop: 6 }}
      />
    </Input.Wrapper>
  )
}
