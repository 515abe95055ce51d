// @vitest-environment jsdom
import { zodResolver } from '@hookform/resolvers/zod'
import { act, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useCallback, useState } from 'react'
import { useForm, type UseFormReturn } from 'react-hook-form'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { renderWithProviders, stubBrowserApis } from '../../../lib/testing/render-with-providers'
import { replaceSegmentInputSchema, type ReplaceSegmentInput } from '../api/replace-segment'
import { SegmentForm } from './segment-form'

beforeAll(stubBrowserApis)

const noop = () => {}

/**
 * The form on a page that renders again for reasons of its own (`rerender`), as the Segments
 * page does when its confirmation opens; `forms` is the form it made, with `register` watched.
 */
function renderOnAPage() {
  const forms: UseFormReturn<ReplaceSegmentInput>[] = []
  let rerender: () => void = noop
  function Page() {
    const form = useForm<ReplaceSegmentInput>({
      resolver: zodResolver(replaceSegmentInputSchema),
      defaultValues: { title: '', tag: '', sourceType: 0, notes: '', userIdCount: 1 },
    })
    const submit = useCallback(() => void form.handleSubmit(noop)(), [form])
    const [, setRenders] = useState(0)
    rerender = () => setRenders((count) => count + 1)
    if (forms.length === 0) {
      vi.spyOn(form, 'register')
      forms.push(form)
    }
    return (
      <SegmentForm
        form={forms[0] ?? form}
        onSubmit={submit}
        onCopyCurl={noop}
        uploadDisabled={false}
        uploadPending={false}
      />
    )
  }
  renderWithProviders(<Page />)
  return { form: () => forms[0] as UseFormReturn<ReplaceSegmentInput>, rerender: () => rerender() }
}

describe('SegmentForm', () => {
  it('does not render again when its page renders for another reason', () => {
    const { form, rerender } = renderOnAPage()
    const registered = vi.mocked(form().register).mock.calls.length
    expect(registered).toBeGreaterThan(0)

    act(() => rerender())

    expect(vi.mocked(form().register).mock.calls.length).toBe(registered)
  })

  it('still shows its own errors, which its page does not read', async () => {
    renderOnAPage()

    await userEvent.click(screen.getByRole('button', { name: 'Upload segment' }))

    expect(await screen.findByText('Give the segment a title.')).toBeTruthy()
  })
})
