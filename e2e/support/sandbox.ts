import type { APIRequestContext } from '@playwright/test'
import type { ApiPath, StoredSegment } from '../../server/sandbox/store.ts'

// The console, in sandbox mode, forwards /__sandbox/* to its sandbox: tests read what FanPass
// received there instead of trusting what the page says.

export type { StoredSegment }

export interface ReceivedRequest {
  method: string
  path: string
  /** null when the sandbox dropped the connection on purpose. */
  status: number | null
  userIdCount: number
  fault: 'status' | 'delay' | 'drop' | null
}

export interface InjectedFault {
  count?: number
  status?: number
  retryAfterSeconds?: number
  delayMs?: number
  drop?: boolean
  path?: ApiPath
}

/** The sandbox FanPass behind the console: what it stores and received, and faults to inject. */
export type Sandbox = ReturnType<typeof sandbox>

export function sandbox(request: APIRequestContext) {
  return {
    async reset() {
      const response = await request.post('/__sandbox/reset')
      if (!response.ok()) throw new Error(`sandbox reset failed: ${response.status()}`)
    },
    async segment(tag: string): Promise<StoredSegment | null> {
      const response = await request.get(`/__sandbox/segments/${encodeURIComponent(tag)}`)
      return response.status() === 404 ? null : ((await response.json()) as StoredSegment)
    },
    async user(id: string): Promise<{ id: string; properties: Record<string, string> } | null> {
      const response = await request.get(`/__sandbox/users/${encodeURIComponent(id)}`)
      return response.status() === 404
        ? null
        : ((await response.json()) as { id: string; properties: Record<string, string> })
    },
    /** Every API request the sandbox received (to `path`, if given), oldest first, never with the token. */
    async requests(path?: InjectedFault['path']): Promise<ReceivedRequest[]> {
      const body = (await (await request.get('/__sandbox/requests')).json()) as {
        requests: ReceivedRequest[]
      }
      return path ? body.requests.filter((entry) => entry.path === path) : body.requests
    },
    async injectFault(fault: InjectedFault) {
      const response = await request.post('/__sandbox/faults', { data: fault })
      if (!response.ok()) throw new Error(`fault injection failed: ${response.status()}`)
    },
    /** Forgets the faults not used up yet: FanPass answers normally again. */
    async clearFaults() {
      const response = await request.delete('/__sandbox/faults')
      if (!response.ok()) throw new Error(`clearing faults failed: ${response.status()}`)
    },
  }
}
