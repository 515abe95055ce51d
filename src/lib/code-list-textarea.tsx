import { Textarea, type TextareaProps } from '@mantine/core'
import type { Ref } from 'react'

/**
 * A textarea for lists of user IDs or attribute names: the browser neither spell-checks nor
 * autofills them, and a monospace font tells 0 from O and 1 from l.
 */
export function CodeListTextarea(props: TextareaProps & { ref?: Ref<HTMLTextAreaElement> }) {
  return <Textarea spellCheck={false} autoComplete="off" ff="monospace" {...props} />
}
