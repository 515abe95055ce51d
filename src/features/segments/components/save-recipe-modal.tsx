import { Alert, Button, Modal, Stack, Text } from '@mantine/core'
import { RecipeNameFields } from '../../../lib/recipe-name-fields'
import type { RecipeCapture } from '../domain/recipes/capture-recipe'

export interface SaveRecipeModalProps {
  opened: boolean
  onClose: () => void
  /** The page's configuration as captured when the dialog opened. */
  captured: RecipeCapture | null
  name: string
  notes: string
  onNameChange: (name: string) => void
  onNotesChange: (notes: string) => void
  pending: boolean
  /** Why the last save failed, in a sentence; null when it did not fail. */
  failure: string | null
  onSubmit: () => void
}

/**
 * The "Save as recipe" dialog itself; SaveRecipeDialog holds its state. A chunk of its own
 * (lazy-parts.ts), mounted from its first opening on, so it closes with its transition.
 */
export function SaveRecipeModal({
  opened,
  onClose,
  captured,
  name,
  notes,
  onNameChange,
  onNotesChange,
  pending,
  failure,
  onSubmit,
}: SaveRecipeModalProps) {
  return (
    // The focus goes back through SaveRecipeDialog's useFocusReturn: this dialog can mount
    // already open, the first time, and Mantine only remembers the focus of an opening it sees.
    <Modal opened={opened} onClose={onClose} title="Save as recipe" returnFocus={false}>
      {captured?.kind === 'refused' ? (
        <Alert color="yellow">{captured.sentence}</Alert>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault()
            onSubmit()
          }}
        >
          <Stack>
            <Text size="sm">
              Keeps how this list is built (the files’ columns, ID columns, conditions, how they
              combine and any split into one segment per value), never the IDs. A colleague can
              refresh it with next week’s files.
            </Text>
            <RecipeNameFields
              name={name}
              notes={notes}
              onNameChange={onNameChange}
              onNotesChange={onNotesChange}
            />
            {failure !== null && <Alert color="red">{failure}</Alert>}
            <Button type="submit" loading={pending} disabled={name.trim() === ''}>
              Save recipe
            </Button>
          </Stack>
        </form>
      )}
    </Modal>
  )
}
