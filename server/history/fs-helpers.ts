// The few file-system questions the recorder, its pending records and its start-up check all
// ask, answered once here: whether a file is there, and which system error a failure was. Kept
// apart so each of those modules imports them rather than carrying its own copy.
import { access } from 'node:fs/promises'

export async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  )
}

/** A system error's code (ENOSPC, EROFS, ENOENT…), never its message, which names paths. */
export function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code
}
