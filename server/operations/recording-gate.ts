import type { ForwardObserver, HistoryRecorder } from '../history/recorder.ts'
import { HISTORY_HEADER } from '../history/recorder.ts'
import { spoolBytes } from './data-dir.ts'

export type RecordingTap = Pick<HistoryRecorder, 'tap'>

export interface RecordingGateOptions {
  dataDir: string
  /** How many uploads may be recorded at once; those beyond are forwarded, not recorded. */
  maxRecordedUploads: number
  /** What spool/ and pending/ may hold together; past it, uploads are forwarded, not recorded. */
  spoolBudgetBytes: number
  /** Told each time an upload is forwarded without being recorded. */
  skipped?: (reason: 'busy' | 'disk-budget') => void
}

export const HISTORY_REASON_HEADER = 'x-console-history-reason'
// How often the size of spool/ and pending/ is measured: often enough for a budget of GBs.
const MEASURE_EVERY_MS = 1_000

const SKIPPED_SENTENCES = {
  busy: (max: number) =>
    `FanPass received this upload, but the team history did not record it: the console was already recording ${max} uploads at once.`,
  'disk-budget':
    'FanPass received this upload, but the team history did not record it: the disk space set aside for records in progress (SPOOL_BUDGET_BYTES) is used up.',
} as const

/**
 * Stands between the proxy and the recorder: forwarding is never refused, but recording is
 * given up (and the answer says so in X-Console-History: not-recorded) when too many uploads
 * are being recorded at once or spool/ and pending/ have outgrown their budget, so neither the
 * console's memory, file handles nor disk is exhausted by recording.
 */
export class RecordingGate implements RecordingTap {
  private recording = 0
  private spooledBytes = 0
  private readonly timer: NodeJS.Timeout

  constructor(
    private readonly recorder: RecordingTap,
    private readonly options: RecordingGateOptions,
  ) {
    this.timer = setInterval(() => void this.measure(), MEASURE_EVERY_MS)
    this.timer.unref()
    void this.measure()
  }

  /** Measures spool/ and pending/ now (it also happens every second). */
  async measure(): Promise<void> {
    this.spooledBytes = await spoolBytes(this.options.dataDir)
  }

  tap(...args: Parameters<RecordingTap['tap']>): ForwardObserver {
    if (this.spooledBytes >= this.options.spoolBudgetBytes) return this.skip('disk-budget')
    if (this.recording >= this.options.maxRecordedUploads) return this.skip('busy')
    this.recording += 1
    let released = false
    const release = () => {
      if (released) return
      released = true
      this.recording -= 1
    }
    const observer = this.recorder.tap(...args)
    return {
      chunk: (chunk) => observer.chunk(chunk),
      refusal: () => observer.refusal(),
      answered: async (status, bodyText) => {
        try {
          return await observer.answered(status, bodyText)
        } finally {
          release()
        }
      },
      failed: (status, sentence) => {
        release()
        observer.failed(status, sentence)
      },
    }
  }

  close(): void {
    clearInterval(this.timer)
  }

  private skip(reason: 'busy' | 'disk-budget'): ForwardObserver {
    this.options.skipped?.(reason)
    const sentence =
      reason === 'busy'
        ? SKIPPED_SENTENCES.busy(this.options.maxRecordedUploads)
        : SKIPPED_SENTENCES['disk-budget']
    return {
      chunk: () => undefined,
      // Not recorded, so nothing recorded can differ from what FanPass applies.
      refusal: () => null,
      answered: async () => ({
        [HISTORY_HEADER]: 'not-recorded',
        [HISTORY_REASON_HEADER]: sentence,
      }),
      failed: () => undefined,
    }
  }
}
