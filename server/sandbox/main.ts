import { z } from 'zod'
import { buildSandbox } from './build-sandbox.ts'

const portSchema = z.coerce
  .number({ error: 'SANDBOX_PORT must be a whole number from 1 to 65535.' })
  .int('SANDBOX_PORT must be a whole number from 1 to 65535.')
  .min(1, 'SANDBOX_PORT must be a whole number from 1 to 65535.')
  .max(65_535, 'SANDBOX_PORT must be a whole number from 1 to 65535.')

const rawPort = process.env.SANDBOX_PORT?.trim()
const parsedPort = portSchema.safeParse(rawPort ? rawPort : 4010)
if (!parsedPort.success) {
  console.error(parsedPort.error.issues[0]?.message)
  process.exit(1)
}

const sandbox = buildSandbox({
  logger: { level: process.env.LOG_LEVEL ?? 'warn', redact: ['req.headers.authorization'] },
})
await sandbox.listen({ host: '127.0.0.1', port: parsedPort.data })
process.stdout.write(
  `FanPass sandbox on http://127.0.0.1:${parsedPort.data} — nothing leaves this machine. Demo token: GET /__sandbox/token\n`,
)

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  })
}
