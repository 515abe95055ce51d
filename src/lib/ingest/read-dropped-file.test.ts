import { describe, expect, it } from 'vitest'
import { rejection, switchingToWindows1252 } from '../testing/ingest-inputs'
import { buildXlsx } from '../testing/xlsx-builder'
import { IngestError } from './ingest-error'
import { readDroppedFile, type DroppedFileReaders, type DroppedText } from './read-dropped-file'
import { streamText } from './stream-text'
import type { ContainerKind } from './workbook/open-workbook'

/** Readers that decode the text (with streamText, as every text reader does) and give its last line. */
function recordingReaders() {
  const texts: Omit<DroppedText, 'input'>[] = []
  const workbooks: ContainerKind[] = []
  const readers: DroppedFileReaders<string> = {
    async text({ input, ...rest }) {
      texts.push(rest)
      let text = ''
      const { encoding } = await streamText(input, { name: 'fans.csv', ...rest }, (piece) => {
        text += piece
      })
      return `${encoding}: ${text.trimEnd().split('\n').at(-1) ?? ''}`
    },
    async workbook(_, container) {
      workbooks.push(container)
      return 'workbook'
    },
  }
  return { readers, texts, workbooks }
}

const mixed = () => switchingToWindows1252('id,city\n', (i) => `${i},Paris\n`, '99,Liège\n')

describe('readDroppedFile', () => {
  it('reads text that turns to Windows-1252 half-way again, from the start, as Windows-1252', async () => {
    const file = mixed()
    const { readers, texts } = recordingReaders()

    expect(await readDroppedFile(file, readers)).toBe('windows-1252: 99,Liège')
    expect(texts).toEqual([
      { totalBytes: file.size, encoding: undefined },
      { totalBytes: file.size, encoding: 'windows-1252' },
    ])
  })

  it('keeps an encoding it was given: no detection, no second reading', async () => {
    const { readers, texts } = recordingReaders()

    const error = await rejection(readDroppedFile(mixed(), readers, 'utf-8'))
    expect(error.code).toBe('mixed-encoding')
    expect(texts).toHaveLength(1)
  })

  it('hands a workbook to the workbook reader, told by its bytes whatever its name', async () => {
    const xlsx = buildXlsx({ sheets: [{ name: 'Fans', rows: [['id'], [{ n: '7' }]] }] })
    const { readers, texts, workbooks } = recordingReaders()

    expect(await readDroppedFile(new File([xlsx], 'fans.csv'), readers)).toBe('workbook')
    expect(workbooks).toEqual(['zip'])
    expect(texts).toEqual([])
  })

  it('reads pasted text once, as text', async () => {
    const { readers, texts } = recordingReaders()

    expect(await readDroppedFile('id\n0012\n', readers)).toBe('text: 0012')
    expect(texts).toEqual([{ encoding: undefined }])
  })

  it('lets any other failure through without a second reading', async () => {
    let calls = 0
    const refusal = new IngestError('unclosed-quote', 'Row 2 of fans.csv opens a quote.')
    const readers: DroppedFileReaders<never> = {
      text: async () => {
        calls += 1
        throw refusal
      },
      workbook: () => Promise.reject(new Error('not a workbook')),
    }

    expect(await rejection(readDroppedFile(new Blob(['id\n"7\n']), readers))).toBe(refusal)
    expect(calls).toBe(1)
  })
})
