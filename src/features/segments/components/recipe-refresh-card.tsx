import { Alert, Button, Card, Group, List, Loader, Stack, Text, Title } from '@mantine/core'
import { useId } from 'react'
import type { Recipe, RecipeSplit } from '../../../../contracts/recipe'
import { FileField } from '../../../lib/file-field'
import { RECIPE_COMBINE_WORDS, type RecipeToRun } from '../../../lib/recipe-link'
import { columnsNeeded } from '../domain/recipes/apply-recipe'
import type { RecipeRefresh } from './use-recipe-refresh'

export interface RecipeRefreshCardProps {
  toRun: RecipeToRun
  refresh: RecipeRefresh
  onDismiss: () => void
}

/** e.g. 'reads one file, with these columns:'; 'reads 2 files (the first minus the others):' */
function readsWhat(recipe: Recipe): string {
  const count = recipe.sources.length
  return count === 1
    ? 'reads one file, with these columns:'
    : `reads ${count} files (${RECIPE_COMBINE_WORDS[recipe.combine]}), in this order:`
}

/** e.g. 'One segment per value of Plan Type, each tagged plan and the value, titled "Plan: {value}".' */
function splitWords({ column, tagPrefix, titlePattern }: RecipeSplit): string {
  const tagged = tagPrefix === '' ? 'the value' : `${tagPrefix} and the value`
  return `One segment per value of ${column}, each tagged ${tagged}, titled “${titlePattern}”.`
}

/** "Refresh with this recipe": which files the recipe reads, and the picker for this week's. */
export function RecipeRefreshCard({ toRun, refresh, onDismiss }: RecipeRefreshCardProps) {
  const headingId = useId()
  const { state } = refresh
  return (
    <Card withBorder component="section" aria-labelledby={headingId}>
      <Stack>
        <Group justify="space-between">
          <Title order={3} size="h4" id={headingId}>
            Refresh with a recipe
          </Title>
          <Button variant="subtle" size="xs" onClick={onDismiss}>
            Close the recipe
          </Button>
        </Group>
        {toRun.state === 'loading' && <Loader size="sm" aria-label="Reading the recipe" />}
        {toRun.state === 'failed' && <Alert color="red">{toRun.sentence}</Alert>}
        {toRun.state === 'ready' && (
          <>
            <Text>
              <Text span fw={600}>
                {toRun.recipe.name}
              </Text>{' '}
              {readsWhat(toRun.recipe)}
            </Text>
            <List size="sm">
              {toRun.recipe.sources.map((source, index) => (
                <List.Item key={index}>
                  {source.sheet === null ? '' : `sheet ${source.sheet}: `}
                  {columnsNeeded(toRun.recipe, index).join(', ')}
                </List.Item>
              ))}
            </List>
            {toRun.recipe.split !== null && <Text size="sm">{splitWords(toRun.recipe.split)}</Text>}
            {toRun.recipe.notes !== '' && (
              <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
                {toRun.recipe.notes}
              </Text>
            )}
            <FileField
              label="This week's files"
              description="One file for each source above. They replace the sources on this page; nothing is sent until you confirm."
              accept=".csv,.tsv,.txt,.xlsx,.xlsm,.xls,.ods"
              multiple
              onChange={(event) => {
                const files = Array.from(event.currentTarget.files ?? [])
                event.currentTarget.value = ''
                if (files.length > 0) void refresh.refresh(toRun.recipe, files)
              }}
            />
            {state.status === 'applying' && <Text size="sm">Applying the recipe…</Text>}
            {state.status === 'applied' && (
              <Alert color="green" role="status">
                {state.sentence}
              </Alert>
            )}
            {state.status === 'waiting' && (
              <Alert color="yellow" role="status" title="The recipe waits for your answer">
                {state.sentence}
              </Alert>
            )}
            {state.status === 'refused' && (
              <Alert color="red" role="alert" title="The recipe was not applied">
                {state.sentence}
              </Alert>
            )}
          </>
        )}
      </Stack>
    </Card>
  )
}
