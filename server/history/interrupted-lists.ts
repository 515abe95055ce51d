// What a stopped console left behind, finished at the next start: a list its record says is
// still 'storing' (stored from the spool file that survived, or marked lost), and spool files of
// uploads it never recorded. Also storeWholeList, the one rule for storing a list a stop may
// have cut short, which the drain of DATA_DIR/pending applies too. Functions given what they
// need (the store, the folders, when this console started), so the recorder composes them and
// nothing here reaches back into it.
import { readdir, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { errorCode, exists } from './fs-helpers.ts'
import type { HistoryStore, ListBeingStored } from './history-store.ts'
import { spooledList, spoolLineCount } from './spool-blocks.ts'

// Another replica on the same PostgreSQL may be storing a list right now; one older than this
// that no DATA_DIR holds is lost. The embedded database has no other writer: there, any list
// still storing when the console starts is this console's own.
const OTHER_REPLICA_GRACE_MS = 60 * 60 * 1000

/** How a kept list is stored, and where a list the stop cut short is reported. */
export interface ListKeeping {
  keepLists: number
  warn: (fields: Record<string, unknown>, message: string) => void
}

export interface InterruptedListsOptions extends ListKeeping {
  /** Resolves the store, or rejects while the database does not answer. */
  store: () => Promise<HistoryStore>
  spoolDir: string
  pendingDir: string
  /** When this console started: a list or spool file since then is an upload in flight now. */
  startedAt: Date
  /** Whether the store is shared with other consoles (a PostgreSQL server), not embedded in DATA_DIR. */
  sharedStore?: boolean
}

/**
 * Finishes what a killed console left: a list still 'storing' whose spool file survived is
 * stored, one whose file is gone is marked lost; then its abandoned spool files are removed. A
 * list that fails while the database answers is logged and left 'storing' for the next start;
 * a database that does not answer stops the check (the caller logs it).
 */
export async function finishInterruptedLists(options: InterruptedListsOptions): Promise<void> {
  const { startedAt } = options
  const store = await options.store()
  const graceMs = options.sharedStore ? OTHER_REPLICA_GRACE_MS : 0
  const cutoff = startedAt.getTime() - graceMs
  const beingStored = await store.listsBeingStored()
  for (const list of beingStored) {
    // Recorded since this console started (it listens before its start runs): its own
    // storeList is storing that list now. Stored twice, whichever finished first removed the
    // file under the other, and the check stopped there, leaving the lists after it unchecked.
    if (new Date(list.createdAt).getTime() >= startedAt.getTime()) continue
    try {
      await finishList(store, list, cutoff, options)
    } catch (error) {
      // A database that is away fails every list: the check stops, and start() says so. One
      // list that fails on its own (its file unreadable, the database refusing it) must not
      // leave the lists after it unchecked and abandoned spool files counting against the budget.
      const databaseAnswers = await store.ping().then(
        () => true,
        () => false,
      )
      if (!databaseAnswers) throw error
      options.warn(
        { recordId: list.id, code: errorCode(error) },
        'history list left for the next start: it could not be stored or marked lost',
      )
    }
  }
  await removeAbandonedSpools(new Set(beingStored.map((list) => list.id)), options)
}

/** Stores one list from its surviving spool file, or marks it lost when no file holds it. */
async function finishList(
  store: HistoryStore,
  list: ListBeingStored,
  cutoff: number,
  options: InterruptedListsOptions,
): Promise<void> {
  const spoolPath = join(options.spoolDir, `${list.id}.ids`)
  if (await exists(spoolPath)) {
    await storeWholeList(store, list.id, spoolPath, list.userIdCount, options)
    await rm(spoolPath, { force: true })
  } else if (
    // A list in pending/ is stored by the drain; a recent one may be another replica's.
    !(await exists(join(options.pendingDir, `${list.id}.ids`))) &&
    new Date(list.createdAt).getTime() < cutoff
  ) {
    await store.markListLost(list.id)
    options.warn({ recordId: list.id }, 'history list lost when the console stopped')
  }
}

/**
 * Stores a list a stopped console left in DATA_DIR, once its file holds every ID the record
 * counted. A file holding fewer was cut short by the stop (a machine that lost power before
 * the disk had it all): kept, it would be the tag's last version with fans missing, so the
 * list is marked lost instead, and History says so.
 */
export async function storeWholeList(
  store: HistoryStore,
  recordId: string,
  path: string,
  idCount: number | null,
  { keepLists, warn }: ListKeeping,
): Promise<void> {
  // A file already gone (stored, then the stop came before its record left pending/) is left
  // to the store, which skips a list no longer being stored.
  if (!(await exists(path)) || (await spoolLineCount(path)) === idCount) {
    await store.storeIdList(recordId, spooledList(path), keepLists)
    return
  }
  await store.markListLost(recordId)
  warn({ recordId }, 'history list lost when the console stopped: its spool file was cut short')
}

/**
 * Removes what a killed console left in spool/ for an upload it never recorded (killed while
 * the body streamed in): no record will ever claim that file, and left there it would count
 * against SPOOL_BUDGET_BYTES at every start until recording stopped for good. A file written
 * since this console started is an upload in flight now (spool/ is this DATA_DIR's alone).
 */
async function removeAbandonedSpools(
  beingStored: Set<string>,
  { spoolDir, startedAt, warn }: InterruptedListsOptions,
): Promise<void> {
  let removed = 0
  for (const name of await readdir(spoolDir).catch(() => [])) {
    if (!name.endsWith('.ids') || beingStored.has(name.slice(0, -'.ids'.length))) continue
    const path = join(spoolDir, name)
    const info = await stat(path).catch(() => null)
    if (!info?.isFile() || info.mtimeMs >= startedAt.getTime()) continue
    await rm(path, { force: true })
    removed++
  }
  if (removed > 0) {
    warn({ files: removed }, 'spool files of uploads cut off when the console stopped removed')
  }
}
