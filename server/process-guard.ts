/** What the guard needs of a process: where the two events come from. */
export interface GuardedProcess {
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown
  on(event: 'uncaughtException', listener: (error: Error) => void): unknown
}

export interface ProcessGuardOptions {
  /** Logs one line. */
  log: (fields: Record<string, unknown>, message: string) => void
  /** Ends the process after an exception it cannot vouch for (process.exit in production). */
  exit: (code: number) => void
}

// Errors the disk raises (DATA_DIR full, read-only, removed): they come from a file operation
// that failed cleanly and leave the process as it was, so the console logs them and goes on.
const DISK_ERROR_CODES = new Set([
  'ENOSPC',
  'EDQUOT',
  'EROFS',
  'ENOENT',
  'EACCES',
  'EPERM',
  'EIO',
  'EBADF',
  'EISDIR',
  'ENOTDIR',
])

function codeOf(reason: unknown): string | undefined {
  const code = (reason as NodeJS.ErrnoException | null | undefined)?.code
  return typeof code === 'string' ? code : undefined
}

/**
 * The last line of defence of the running console, for what the recorder's own handling misses.
 * An unhandled rejection is logged in one line and the console goes on: a rejected promise
 * unwinds no half-done synchronous work. An uncaught exception from the disk (ENOSPC, EROFS,
 * ENOENT…) is logged and survived for the same reason; any other leaves the process in a state
 * nobody can vouch for, so it is logged and the process exits 1 for its supervisor to restart.
 * Only the error's class and code are logged: its message may name a path or carry a fan ID.
 * e.g. a stream's unlistened ENOSPC → one warn line, the console keeps serving.
 */
export function installProcessGuard(target: GuardedProcess, options: ProcessGuardOptions): void {
  target.on('unhandledRejection', (reason) => {
    options.log(
      { kind: reason instanceof Error ? reason.name : typeof reason, code: codeOf(reason) },
      'a failure no one handled was logged and the console goes on',
    )
  })
  target.on('uncaughtException', (error) => {
    const code = codeOf(error)
    const fromDisk = code !== undefined && DISK_ERROR_CODES.has(code)
    options.log(
      { kind: error.name, code },
      fromDisk
        ? 'a disk error no one handled was logged and the console goes on'
        : 'an unexpected error stopped the console',
    )
    if (!fromDisk) options.exit(1)
  })
}
