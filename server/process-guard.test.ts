import { EventEmitter } from 'node:events'
import { describe, expect, it } from 'vitest'
import { installProcessGuard, type GuardedProcess } from './process-guard.ts'

function guarded() {
  const target = new EventEmitter()
  const lines: { fields: Record<string, unknown>; message: string }[] = []
  const exits: number[] = []
  installProcessGuard(target as GuardedProcess, {
    log: (fields, message) => lines.push({ fields, message }),
    exit: (code) => exits.push(code),
  })
  return { target, lines, exits }
}

function diskError(code: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code })
}

describe('the process guard', () => {
  it('logs an unhandled rejection in one line without its message, and the console goes on', () => {
    const { target, lines, exits } = guarded()
    target.emit('unhandledRejection', diskError('ENOSPC', 'no space: /data/spool/fan-123.ids'))
    expect(lines).toEqual([
      {
        fields: { kind: 'Error', code: 'ENOSPC' },
        message: 'a failure no one handled was logged and the console goes on',
      },
    ])
    expect(JSON.stringify(lines)).not.toContain('fan-123')
    expect(exits).toEqual([])
  })

  it('survives an uncaught disk error, and stops the process on any other exception', () => {
    const { target, lines, exits } = guarded()
    target.emit('uncaughtException', diskError('EROFS', 'read-only file system'))
    expect(exits).toEqual([])
    target.emit('uncaughtException', new TypeError('x is not a function'))
    expect(exits).toEqual([1])
    expect(lines.map((line) => line.fields)).toEqual([
      { kind: 'Error', code: 'EROFS' },
      { kind: 'TypeError', code: undefined },
    ])
  })
})
