import { randomUUID } from 'node:crypto'
import { linkSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { join, resolve } from 'node:path'

/** What a console writes in DATA_DIR/console.lock while it uses the embedded history there. */
interface LockOwner {
  pid: number
  hostname: string
  startedAt: string
}

export const LOCK_FILE = 'console.lock'

/** Thrown when another console holds the folder, or it cannot be written; its message is the sentence to print. */
export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError'
}

export const LOCK_SENTENCES = {
  held: (owner: LockOwner, dataDir: string, lockPath: string) => {
    const where = owner.hostname === hostname() ? 'this machine' : `the machine ${owner.hostname}`
    return (
      `Another FanPass Console (process ${owner.pid} on ${where}, started ${owner.startedAt}) is using the history in ${dataDir}; stop it or set DATA_DIR to another folder.` +
      (owner.hostname === hostname()
        ? ''
        : ` If no console runs there any more, delete ${lockPath}.`)
    )
  },
  tookOver: (owner: LockOwner, lockPath: string) =>
    `${lockPath} was left by process ${owner.pid} (started ${owner.startedAt}), which no longer runs: this console took it over.`,
  unwritable: (dataDir: string, code: string) =>
    `The console cannot write in DATA_DIR (${dataDir}: ${code}); set DATA_DIR to a folder it can write to.`,
  unreadable: (dataDir: string, lockPath: string) =>
    `${lockPath} is not a console's lock file, so the history in ${dataDir} may be in use; if no console uses it, delete that file.`,
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function readOwner(path: string): LockOwner | null {
  try {
    const owner = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockOwner>
    if (typeof owner.pid !== 'number' || typeof owner.hostname !== 'string') return null
    return { pid: owner.pid, hostname: owner.hostname, startedAt: String(owner.startedAt) }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw error
    return null
  }
}

/**
 * A lock left by a console that is gone: on this machine, by a process that no longer runs, or
 * that is this very process (a container restarted with the same pid). Another machine's lock
 * is never judged: its processes cannot be seen from here.
 */
function isStale(owner: LockOwner): boolean {
  return owner.hostname === hostname() && (owner.pid === process.pid || !isAlive(owner.pid))
}

/**
 * Takes DATA_DIR/console.lock for this process, so two consoles never open one embedded
 * database (PGlite has no lock of its own, and two writers corrupt it). The file is created
 * whole or not at all (written aside, then hard-linked into place, which fails if it exists).
 * A stale lock is taken over, with `log` told. Released by `release()` and on any exit.
 * Throws DataDirLockedError with the sentence to print when another console holds it.
 */
export function lockDataDir(dataDir: string, log: (sentence: string) => void): { release(): void } {
  const folder = resolve(dataDir)
  const lockPath = join(folder, LOCK_FILE)
  const mine: LockOwner = {
    pid: process.pid,
    hostname: hostname(),
    startedAt: new Date().toISOString(),
  }
  const aside = join(folder, `${LOCK_FILE}.${randomUUID()}`)
  try {
    mkdirSync(folder, { recursive: true })
    writeFileSync(aside, JSON.stringify(mine), { mode: 0o600 })
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error'
    throw new DataDirLockedError(LOCK_SENTENCES.unwritable(folder, code))
  }
  try {
    // A few rounds: a stale lock taken over by someone else between our look and our move.
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        linkSync(aside, lockPath)
        return holding(lockPath)
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      }
      let owner: LockOwner | null
      try {
        owner = readOwner(lockPath)
      } catch {
        continue
      }
      if (owner === null) throw new DataDirLockedError(LOCK_SENTENCES.unreadable(folder, lockPath))
      if (!isStale(owner))
        throw new DataDirLockedError(LOCK_SENTENCES.held(owner, folder, lockPath))
      // Moved aside under a name of our own, then checked: if what we moved is not the stale
      // lock we judged (another console took it over meanwhile), it is put back.
      const moved = join(folder, `${LOCK_FILE}.stale-${randomUUID()}`)
      try {
        renameSync(lockPath, moved)
      } catch {
        continue
      }
      const movedOwner = readOwner(moved)
      if (movedOwner?.pid !== owner.pid || movedOwner.startedAt !== owner.startedAt) {
        try {
          linkSync(moved, lockPath)
        } finally {
          unlinkSync(moved)
        }
        continue
      }
      unlinkSync(moved)
      log(LOCK_SENTENCES.tookOver(owner, lockPath))
    }
    throw new DataDirLockedError(LOCK_SENTENCES.unreadable(folder, lockPath))
  } finally {
    unlinkSync(aside)
  }
}

function holding(lockPath: string): { release(): void } {
  let held = true
  const release = () => {
    if (!held) return
    held = false
    process.off('exit', release)
    try {
      // Only our own lock: never one a later console took over after judging ours stale.
      if (readOwner(lockPath)?.pid === process.pid) unlinkSync(lockPath)
    } catch {
      // Already gone.
    }
  }
  // 'exit' runs on process.exit() and on an uncaught error, so no path leaves the lock behind.
  process.on('exit', release)
  return { release }
}

/**
 * lockDataDir for launch.ts: a console that finds the folder in use says so in one sentence
 * and exits 1; a stale lock taken over is said on stderr.
 */
export function lockDataDirOrExit(dataDir: string): { release(): void } {
  try {
    return lockDataDir(dataDir, (sentence) => process.stderr.write(`${sentence}\n`))
  } catch (error) {
    if (!(error instanceof DataDirLockedError)) throw error
    console.error(error.message)
    process.exit(1)
  }
}
