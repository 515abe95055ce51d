// The console exactly as server/main.ts launches it (config from the environment, the history
// store, the recorder), for tests that need it as a process of its own. It serves a one-line page
// instead of dist/, so such a test needs no build.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { launchConsole, readConfigOrExit } from '../launch.ts'

const root = mkdtempSync(join(tmpdir(), 'fanpass-console-page-'))
writeFileSync(join(root, 'index.html'), '<!doctype html><title>FanPass Console</title>')
await launchConsole(readConfigOrExit(), { kind: 'static', root })
