import { randomUUID } from 'node:crypto'

/** The response body every FanPass endpoint answers with. */
export interface FanPassEnvelope {
  status: number
  correlationId: string
  messages: string[]
  errors: string[]
}

/** Builds a FanPass envelope with a fresh correlation id, e.g. envelope(400, [], ['Missing required fields: tag']). */
export function envelope(status: number, messages: string[], errors: string[]): FanPassEnvelope {
  return { status, correlationId: randomUUID(), messages, errors }
}
