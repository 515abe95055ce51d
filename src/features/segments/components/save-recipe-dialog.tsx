import { Alert, Button, Modal, Stack, Text } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { memo, useState } from 'react'
import { errorMessage } from '../../../lib/format'
import { RecipeNameFields } from '../../../lib/recipe-name-fields'
import type { CapturedRecipe, RecipeCapture } from '../domain/recipes/capture-recipe'

interface SaveRecipeDialogProps {
  /** How the page's list is built now, read when the marketer opens the dialog. */
  capture: () => Promise<RecipeCapture>
  save: (recipe: CapturedRecipe & { name: string; notes: string }) => Promise<void>
}

type Outcome = { kind: 'saved'; name: string } | { kind: 'failed'; sentence: string } | null

/**
 * "Save as recipe": names the page's configuration and keeps it for the team. A memo component:
 * the page's renders for other reasons (the confirmation opening and closing) skip it.
 */
export const SaveRecipeDialog = memo(function SaveRecipeDialog({
  capture,
  save,
}: SaveRecipeDialogProps) {
  const [opened, { open, close }] = useDisclosure()
  const [captured, setCaptured] = useState<RecipeCapture | null>(null)
  const [name, setName] = useState('')
  const [notes, setNotes] = useState('')
  const [pending, setPending] = useState(false)
  const [outcome, setOutcome] = useState<Outcome>(null)

  const start = async () => {
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
      <Modal opened={opened} onClose={close} title="Save as recipe">
        {captured?.kind === 'refused' ? (
          <Alert color="yellow">{captured.sentence}</Alert>
        ) : (
          <form
            onSubmit={(event) => {
              event.preventDefault()
              void submit()
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
                onNameChange={setName}
                onNotesChange={setNotes}
              />
              {outcome?.kind === 'failed' && <Alert color="red">{outcome.sentence}</Alert>}
              <Button type="submit" loading={pending} disabled={name.trim() === ''}>
                Save recipe
              </Button>
            </Stack>
          </form>
        )}
      </Modal>
    </>
  )
})
