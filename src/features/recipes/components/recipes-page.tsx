import { Alert, Stack, Table, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { importRecipe, MAX_RECIPE_JSON_CHARS } from '../../../../contracts/recipe'
import { FileField } from '../../../lib/file-field'
import { errorMessage } from '../../../lib/format'
import { useSessionToken } from '../../../lib/session-token'
import { tokenHint } from '../../../lib/token-hint'
import { useCreateRecipe } from '../api/create-recipe'
import { recipeListQueryOptions } from '../api/recipe-queries'
import { recipeReads, recipeRow } from '../domain/recipe-rows'
import { RecipeActions } from './recipe-actions'

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })
const formatTime = (iso: string) => timeFormat.format(new Date(iso))

type ImportOutcome = { kind: 'imported'; name: string } | { kind: 'refused'; sentence: string }

/** The team's recipes: who made and changed each, when it last ran, and what can be done with it. */
export function RecipesPage() {
  const session = useSessionToken()
  const recipes = useQuery(recipeListQueryOptions(session))
  const create = useCreateRecipe()
  const [imported, setImported] = useState<ImportOutcome | null>(null)

  const importFile = async (file: File) => {
    setImported(null)
    // Checked before the file is read: an export of millions of rows is not read to be refused.
    if (file.size > MAX_RECIPE_JSON_CHARS * 4) {
      setImported({ kind: 'refused', sentence: 'This file is too large to be a recipe.' })
      return
    }
    const read = importRecipe(await file.text())
    if (read.kind === 'invalid') {
      setImported({ kind: 'refused', sentence: read.sentence })
      return
    }
    try {
      await create.mutateAsync(read.recipe)
      setImported({ kind: 'imported', name: read.recipe.name })
    } catch (error) {
      setImported({ kind: 'refused', sentence: errorMessage(error) })
    }
  }

  const list = recipes.data ?? []
  return (
    <Stack gap="lg">
      <div>
        <Title order={2}>Recipes</Title>
        <Text c="dimmed">
          How your team builds its segments from the weekly exports: the files’ columns, ID columns,
          conditions and how they combine, never the IDs. Refresh one with this week’s files.
        </Text>
      </div>
      {session.token === '' && (
        <Alert color="yellow">{tokenHint(session.refusal, 'to read the team’s recipes')}</Alert>
      )}
      {recipes.error && <Alert color="red">{errorMessage(recipes.error)}</Alert>}
      <FileField
        label="Import a recipe"
        description="A recipe file (JSON) exported from this page, here or by a colleague."
        accept=".json,application/json"
        onChange={(event) => {
          const file = event.currentTarget.files?.[0]
          event.currentTarget.value = ''
          if (file) void importFile(file)
        }}
      />
      {imported?.kind === 'imported' && (
        <Text role="status">Imported the recipe “{imported.name}”.</Text>
      )}
      {imported?.kind === 'refused' && (
        <Alert color="red" role="alert" title="The recipe was not imported">
          {imported.sentence}
        </Alert>
      )}
      {recipes.isSuccess && list.length === 0 && (
        <Text>
          No recipe yet: on Segments, build a list from this week’s files and Save as recipe.
        </Text>
      )}
      {list.length > 0 && (
        <Table.ScrollContainer minWidth={900}>
          <Table striped aria-label="Team recipes">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Recipe</Table.Th>
                <Table.Th scope="col">Reads</Table.Th>
                <Table.Th scope="col">Made by</Table.Th>
                <Table.Th scope="col">Last changed by</Table.Th>
                <Table.Th scope="col">Last ran</Table.Th>
                <Table.Th scope="col">Actions</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((record) => {
                const row = recipeRow(record, formatTime)
                return (
                  <Table.Tr key={record.id}>
                    <Table.Th scope="row">
                      <Text fw={600}>{record.recipe.name}</Text>
                      {record.recipe.notes !== '' && (
                        <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
                          {record.recipe.notes}
                        </Text>
                      )}
                    </Table.Th>
                    <Table.Td>{recipeReads(record.recipe)}</Table.Td>
                    <Table.Td>{row.made}</Table.Td>
                    <Table.Td>{row.changed ?? 'Not changed since'}</Table.Td>
                    <Table.Td>{row.ran}</Table.Td>
                    <Table.Td>
                      <RecipeActions record={record} />
                    </Table.Td>
                  </Table.Tr>
                )
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  )
}
