import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { curlCommand } from './curl-command'

describe('curlCommand', () => {
  const body = JSON.stringify({
    title: "O'Brien's VIPs",
    tag: 'obriens',
    userIds: ['1', '$(rm -rf /)'],
  })
  const command = curlCommand('https://fanpass-api.fanreachdata.io/api/v1/segments', body)

  it('references the token by variable, never by value', () => {
    expect(command).toContain('Authorization: Bearer $FANPASS_TOKEN')
  })

  it('passes the exact body and URL to curl through a real shell', () => {
    // Replace curl with a function that prints its arguments, then let bash parse the command.
    const printed = execFileSync(
      'bash',
      ['-c', `curl() { printf '%s\\n' "$@"; }\nFANPASS_TOKEN=t0k\n${command}`],
      {
        encoding: 'utf8',
      },
    )
    expect(printed.split('\n')).toEqual([
      '-X',
      'POST',
      'https://fanpass-api.fanreachdata.io/api/v1/segments',
      '-H',
      'Authorization: Bearer t0k',
      '-H',
      'Content-Type: application/json',
      '--data-raw',
      body,
      '',
    ])
  })
})
