import { Button, Group, NativeSelect, Stack, Textarea, TextInput } from '@mantine/core'
import { memo } from 'react'
import { useFormState, type UseFormReturn } from 'react-hook-form'
import { formatQuantity } from '../../../lib/format'
import { sourceTypes, type ReplaceSegmentInput } from '../api/replace-segment'
import { suggestTag } from '../domain/suggest-tag'

interface SegmentFormProps {
  form: UseFormReturn<ReplaceSegmentInput>
  onSubmit: () => void
  onCopyCurl: () => void
  uploadDisabled: boolean
  uploadPending: boolean
  /** Set while a split is active: the segments the button sends ("Upload 4 segments"). */
  splitSegments?: number | null
}

/**
 * Title, tag, source type and notes; the IDs come from the sources above. A memo component that
 * reads the form's state itself, so the page's renders for other reasons (the confirmation
 * opening and closing) skip it, while its own errors still show.
 */
export const SegmentForm = memo(function SegmentForm({
  form,
  onSubmit,
  onCopyCurl,
  uploadDisabled,
  uploadPending,
  splitSegments = null,
}: SegmentFormProps) {
  const { register, setValue, getValues, control } = form
  const formState = useFormState({ control })
  const { onChange: onTitleChange, ...titleField } = register('title')
  const followTitle = (titleBefore: string, title: string) => {
    // The tag follows the title only while it is empty or still our suggestion: a tag typed by
    // the marketer, or prefilled from History, is the key of a live segment.
    const tag = getValues('tag')
    const prefilled = tag !== '' && tag === formState.defaultValues?.tag
    if (prefilled || (tag !== '' && tag !== suggestTag(titleBefore))) return
    setValue('tag', suggestTag(title))
  }
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault()
        onSubmit()
      }}
      noValidate
      aria-label="Segment details"
    >
      <Stack gap="sm">
        <TextInput
          label="Title"
          withAsterisk
          autoComplete="off"
          error={formState.errors.title?.message}
          {...titleField}
          onChange={(event) => {
            const titleBefore = getValues('title')
            void onTitleChange(event)
            followTitle(titleBefore, event.currentTarget.value)
          }}
        />
        <TextInput
          label="Tag"
          withAsterisk
          autoComplete="off"
          description="Letters and digits only. Every upload replaces all members of this tag."
          error={formState.errors.tag?.message}
          {...register('tag')}
        />
        <NativeSelect
          label="Source type"
          data={sourceTypes.map((type) => ({
            value: String(type.value),
            label: `${type.value} – ${type.label}`,
            disabled: !type.available,
          }))}
          error={formState.errors.sourceType?.message}
          {...register('sourceType', { valueAsNumber: true })}
        />
        <Textarea label="Notes" error={formState.errors.notes?.message} {...register('notes')} />
        {formState.errors.userIdCount && (
          <div role="alert" style={{ color: 'var(--mantine-color-error)' }}>
            {formState.errors.userIdCount.message}
          </div>
        )}
        <Group>
          <Button type="submit" disabled={uploadDisabled} loading={uploadPending}>
            {splitSegments === null
              ? 'Upload segment'
              : `Upload ${formatQuantity(splitSegments, 'segment')}`}
          </Button>
          <Button
            variant="default"
            onClick={onCopyCurl}
            disabled={uploadDisabled || splitSegments !== null}
          >
            Copy as cURL
          </Button>
        </Group>
      </Stack>
    </form>
  )
})
