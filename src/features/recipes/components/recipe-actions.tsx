import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { useState } from 'react'
import { useNavigate } from 'react-router'
import { exportRecipe, type RecipeRecord } from '../../../../contracts/recipe'
import { downloadBlob } from '../../../lib/download'
import { errorMessage } from '../../../lib/format'
import { RecipeNameFields } from '../../../lib/recipe-name-fields'
import { useCreateRecipe } from '../api/create-recipe'
import { useDeleteRecipe } from '../api/delete-recipe'
import { useUpdateRecipe } from '../api/update-recipe'
import { copyName, recipeFileName } from '../domain/recipe-rows'
import { RECIPE_PARAM } from './use-recipe-for-segments'

/**
 * One recipe's buttons: refresh, edit, duplicate, export and delete (each in its own dialog).
 * Each name starts with its visible text and ends with the recipe's, so it is unique on the page.
 */
export function RecipeActions({ record }: { record: RecipeRecord }) {
  const navigate = useNavigate()
  const create = useCreateRecipe()
  const [problem, setProblem] = useState<string | null>(null)
  const { name } = record.recipe
  return (
    <Stack gap="xs">
      <Group gap="xs" wrap="wrap">
        <Button
          size="xs"
          aria-label={`Refresh with this recipe: ${name}`}
          onClick={() =>
            void navigate(`/segments?${new URLSearchParams({ [RECIPE_PARAM]: record.id })}`)
          }
        >
          Refresh with this recipe
        </Button>
        <EditRecipe record={record} />
        <Button
          size="xs"
          variant="default"
          aria-label={`Duplicate: ${name}`}
          loading={create.isPending}
          onClick={() => {
            setProblem(null)
            create
              .mutateAsync({ ...record.recipe, name: copyName(name) })
              .catch((error: unknown) => setProblem(errorMessage(error)))
          }}
        >
          Duplicate
        </Button>
        <Button
          size="xs"
          variant="default"
          aria-label={`Export: ${name}`}
          onClick={() =>
            downloadBlob(
              new Blob([exportRecipe(record.recipe)], { type: 'application/json' }),
              recipeFileName(name),
            )
          }
        >
          Export
        </Button>
        <DeleteRecipe record={record} />
      </Group>
      {problem !== null && <Alert color="red">{problem}</Alert>}
    </Stack>
  )
}

function EditRecipe({ record }: { record: RecipeRecord }) {
  const [opened, { open, close }] = useDisclosure()
  const update = useUpdateRecipe()
  const [name, setName] = useState(record.recipe.name)
  const [notes, setNotes] = useState(record.recipe.notes)
  return (
    <>
      <Button
        size="xs"
        variant="default"
        aria-label={`Edit: ${record.recipe.name}`}
        onClick={() => {
          update.reset()
          setName(record.recipe.name)
          setNotes(record.recipe.notes)
          open()
        }}
      >
        Edit
      </Button>
      <Modal opened={opened} onClose={close} title="Edit recipe">
        <form
          onSubmit={(event) => {
            event.preventDefault()
            update.mutate(
              {
                id: record.id,
                version: record.version,
                recipe: { ...record.recipe, name: name.trim(), notes },
              },
              { onSuccess: close },
            )
          }}
        >
          <Stack>
            <RecipeNameFields
              name={name}
              notes={notes}
              onNameChange={setName}
              onNotesChange={setNotes}
            />
            {update.error && (
              <Alert color="red" role="alert">
                {errorMessage(update.error)}
              </Alert>
            )}
            <Button type="submit" loading={update.isPending} disabled={name.trim() === ''}>
              Save changes
            </Button>
          </Stack>
        </form>
      </Modal>
    </>
  )
}

function DeleteRecipe({ record }: { record: RecipeRecord }) {
  const [opened, { open, close }] = useDisclosure()
  const remove = useDeleteRecipe()
  return (
    <>
      <Button
        size="xs"
        color="red"
        variant="light"
        aria-label={`Delete: ${record.recipe.name}`}
        onClick={() => {
          remove.reset()
          open()
        }}
      >
        Delete
      </Button>
      <Modal opened={opened} onClose={close} title="Delete recipe?">
        <Stack>
          <Text>
            “{record.recipe.name}” will be deleted for your whole team. Segments already sent stay
            as they are.
          </Text>
          {remove.error && (
            <Alert color="red" role="alert">
              {errorMessage(remove.error)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Keep it
            </Button>
            <Button
              color="red"
              loading={remove.isPending}
              onClick={() => remove.mutate(record.id, { onSuccess: close })}
            >
              Delete recipe
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  )
}
