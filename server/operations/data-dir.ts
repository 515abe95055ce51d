import { randomUUID } from 'node:crypto'
import { readdir, rm, stat, statfs, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

// Below this much free space a record's JSON and the start of a list no longer fit: not ready.
const MIN_FREE_BYTES = 1024 * 1024

/** The bytes and file count of one folder's files (not recursive); zero when it does not exist. */
export async function folderUsage(dir: string): Promise<{ bytes: number; files: number }> {
  let names: string[]
  try {
    names = await readdir(dir)
  } catch {
    return { bytes: 0, files: 0 }
  }
  let bytes = 0
  let files = 0
  for (const name of names) {
    // A file removed between readdir and stat (a drained record) simply no longer counts.
    const info = await stat(join(dir, name)).catch(() => null)
    if (!info?.isFile()) continue
    bytes += info.size
    files += 1
  }
  return { bytes, files }
}

/** How many pending records and dead-lettered files DATA_DIR holds, for /metrics. */
export async function recordFolderCounts(
  dataDir: string,
): Promise<{ pending: number; deadLettered: number }> {
  const pendingNames = await readdir(join(dataDir, 'pending')).catch(() => [])
  const deadNames = await readdir(join(dataDir, 'dead-letter')).catch(() => [])
  return {
    pending: pendingNames.filter((name) => name.endsWith('.json')).length,
    deadLettered: deadNames.filter((name) => name.endsWith('.json')).length,
  }
}

/** The bytes spool/ and pending/ hold together: what SPOOL_BUDGET_BYTES caps. */
export async function spoolBytes(dataDir: string): Promise<number> {
  const [spool, pending] = await Promise.all([
    folderUsage(join(dataDir, 'spool')),
    folderUsage(join(dataDir, 'pending')),
  ])
  return spool.bytes + pending.bytes
}

/**
 * Whether DATA_DIR can take a record now: enough free space, and a small file can be written
 * and removed (a read-only or removed folder fails here). Resolves with the reason, or null.
 * e.g. a full tmpfs → 'full'.
 */
export async function dataDirProblem(dataDir: string): Promise<'full' | 'unwritable' | null> {
  try {
    const disk = await statfs(dataDir)
    if (disk.bavail * disk.bsize < MIN_FREE_BYTES) return 'full'
  } catch {
    return 'unwritable'
  }
  const probe = join(dataDir, `.ready-${randomUUID()}`)
  try {
    await writeFile(probe, 'ready\n', { mode: 0o600 })
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOSPC' ? 'full' : 'unwritable'
  } finally {
    await rm(probe, { force: true }).catch(() => undefined)
  }
  return null
}
