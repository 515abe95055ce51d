import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { isDistFresh } from './servers'

// A tree shaped like the repository's, with every file's modification time set by hand.
let root: string

function file(path: string, modifiedAtSeconds: number): void {
  const full = join(root, path)
  mkdirSync(join(full, '..'), { recursive: true })
  writeFileSync(full, path)
  utimesSync(full, modifiedAtSeconds, modifiedAtSeconds)
}

/** Sets every folder under `path` to `modifiedAtSeconds`, as if nothing was added since. */
function settleFolders(path: string, modifiedAtSeconds: number): void {
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.isDirectory()) settleFolders(join(path, entry.name), modifiedAtSeconds)
  }
  utimesSync(path, modifiedAtSeconds, modifiedAtSeconds)
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'fanpass-bench-dist-'))
  file('src/main.tsx', 1_000)
  file('src/features/segments/worker/segment-workspace.ts', 1_000)
  file('index.html', 1_000)
  file('src/lib/unused-helper.ts', 1_000)
  file('package-lock.json', 1_000)
  settleFolders(root, 1_000)
})

afterEach(() => {
  rmSync(root, { recursive: true, force: true })
})

describe('isDistFresh', () => {
  it('is fresh when every built file is newer than every input', () => {
    file('dist/index.html', 2_000)
    file('dist/assets/index.js', 2_000)
    expect(isDistFresh(root)).toBe(true)
  })

  it('is stale when a source file deep in src/ changed after the build', () => {
    file('dist/index.html', 2_000)
    file('src/features/segments/worker/segment-workspace.ts', 3_000)
    expect(isDistFresh(root)).toBe(false)
  })

  it('is stale when a shared contract or the build config changed after the build', () => {
    file('dist/index.html', 2_000)
    file('contracts/history.ts', 3_000)
    expect(isDistFresh(root)).toBe(false)
    file('contracts/history.ts', 1_000)
    file('vite.config.ts', 3_000)
    expect(isDistFresh(root)).toBe(false)
  })

  it('is stale when a source file was deleted after the build', () => {
    file('dist/index.html', 2_000)
    expect(isDistFresh(root)).toBe(true)
    unlinkSync(join(root, 'src/lib/unused-helper.ts'))
    expect(isDistFresh(root)).toBe(false)
  })

  it('is stale when one built file is older than an input, as after an interrupted build', () => {
    file('dist/index.html', 2_000)
    file('dist/assets/old-chunk.js', 500)
    expect(isDistFresh(root)).toBe(false)
  })

  it('is stale when there is no dist/, or an empty one', () => {
    expect(isDistFresh(root)).toBe(false)
    mkdirSync(join(root, 'dist'))
    expect(isDistFresh(root)).toBe(false)
  })
})
