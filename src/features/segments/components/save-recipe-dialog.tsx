import { Button, Text } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { memo, useState } from 'react'
import { errorMessage } from '../../../lib/format'
import { LazyBoundary } from '../../../lib/lazy-part'
import type { CapturedRecipe, RecipeCapture } from '../domain/recipes/capture-recipe'
import { SaveRecipeModal } from './lazy-parts'
import { useFocusReturn } from './upload-shared'

interface SaveRecipeDialogProps {
  /** How the page's list is built now, read when the marketer opens the dialog. */
  capture: () => Promise<RecipeCapture>
  save: (recipe: CapturedRecipe & { name: string; notes: string }) => Promise<void>
}

type Outcome = { kind: 'saved'; name: string } | { kind: 'failed'; sentence: string } | null

/**
 * "Save as recipe": names the page's configuration and keeps it for the team. A memo component:
 * the page's renders for other reasons (the confirmation opening and closing) skip it. The
 * dialog's code loads on demand; it stays mounted once opened.
 */
export const SaveRecipeDialog = memo(function SaveRecipeDialog({
  capture,
  save,
}: SaveRecipeDialogProps) {
  const [opened, { open, close }] = useDisclosure()
  const [wanted, setWanted] = useState(false)
  const [captured, setCaptured] = useState<RecipeCapture | null>(null)
  const [name, setName] = useState('')
  const [notes, setNotes] = useState('')
  const [pending, setPending] = useState(false)
  const [outcome, setOutcome] = useState<Outcome>(null)
  const rememberFocus = useFocusReturn(opened)

  const start = async () => {
    rememberFocus()
    setWanted(true)
    setOutcome(null)
    setCaptured(await capture())
    open()
  }
  const submit = async () => {
    if (captured?.kind !== 'captured') return
    setPending(true)
    try {
      await save({ ...captured.recipe, name: name.trim(), notes })
      setOutcome({ kind: 'saved', name: name.trim() })
      setName('')
      setNotes('')
      close()
    } catch (error) {
      setOutcome({ kind: 'failed', sentence: errorMessage(error) })
    } finally {
      setPending(false)
    }
  }
  return (
    <>
      <Button variant="default" onClick={() => void start()}>
        Save as recipe
      </Button>
      {outcome?.kind === 'saved' && (
        <Text size="sm" role="status">
          Saved the recipe “{outcome.name}”: your team finds it on the Recipes page.
        </Text>
      )}
      {wanted && (
        <LazyBoundary label="Loading Save as recipe">
          <SaveRecipeModal
            opened={opened}
            onClose={close}
            captured={captured}
            name={name}
            notes={notes}
            onNameChange={setName}
            onNotesChange={setNotes}
            pending={pending}
            failure={outcome?.kind === 'failed' ? outcome.sentence : null}
            onSubmit={() => void submit()}
          />
        </LazyBoundary>
      )}
    </>
  )
})
