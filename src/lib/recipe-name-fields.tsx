import { Textarea, TextInput } from '@mantine/core'
import { MAX_RECIPE_NAME, MAX_RECIPE_NOTES } from '../../contracts/recipe'

interface RecipeNameFieldsProps {
  name: string
  notes: string
  onNameChange: (name: string) => void
  onNotesChange: (notes: string) => void
}

/** A recipe's name and notes, as Save as recipe asks for them and the Recipes page edits them. */
export function RecipeNameFields({
  name,
  notes,
  onNameChange,
  onNotesChange,
}: RecipeNameFieldsProps) {
  return (
    <>
      <TextInput
        label="Recipe name"
        required
        maxLength={MAX_RECIPE_NAME}
        value={name}
        onChange={(event) => onNameChange(event.currentTarget.value)}
      />
      <Textarea
        label="Notes"
        maxLength={MAX_RECIPE_NOTES}
        value={notes}
        onChange={(event) => onNotesChange(event.currentTarget.value)}
      />
    </>
  )
}
