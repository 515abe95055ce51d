export type PropertyValue = string | number | boolean

export interface StoredSegment {
  tag: string
  title: string
  sourceType: number
  notes: string | null
  userIds: string[]
  updatedAt: string
}

export interface StoredUser {
  id: string
  properties: Record<string, PropertyValue>
  updatedAt: string
}

export type FaultKind = 'status' | 'delay' | 'drop'

export interface RequestLogEntry {
  method: string
  path: string
  /** null when the sandbox dropped the connection without answering. */
  status: number | null
  userIdCount: number
  receivedAt: string
  correlationId: string | null
  fault: FaultKind | null
}

export type ApiPath = '/api/v1/segments' | '/api/v1/update_user'

export interface Fault {
  remaining: number
  status?: number
  retryAfterSeconds?: number
  delayMs?: number
  drop?: boolean
  path?: ApiPath
}

export interface SandboxStore {
  replaceSegment(segment: StoredSegment): void
  getSegment(tag: string): StoredSegment | undefined
  mergeUserProperties(
    userIds: readonly string[],
    properties: Record<string, PropertyValue>,
    at: string,
  ): void
  getUser(id: string): StoredUser | undefined
  /** Every user with stored properties, in the order they were first stored. */
  listUsers(): readonly StoredUser[]
  logRequest(entry: RequestLogEntry): void
  requestLog(): readonly RequestLogEntry[]
  addFault(fault: Fault): void
  pendingFaults(): readonly Fault[]
  /** Consumes one use of the first pending fault that applies to `path`. */
  takeFault(path: ApiPath): Fault | undefined
  clearFaults(): void
  reset(): void
}

// Enough history for any test or demo session without letting a long-running sandbox grow forever.
const MAX_LOG_ENTRIES = 5_000

/** An empty in-memory store; reset() returns it to this state. */
export function createSandboxStore(): SandboxStore {
  const segments = new Map<string, StoredSegment>()
  const users = new Map<string, StoredUser>()
  let log: RequestLogEntry[] = []
  let faults: Fault[] = []

  return {
    replaceSegment(segment) {
      segments.set(segment.tag, segment)
    },
    getSegment: (tag) => segments.get(tag),
    mergeUserProperties(userIds, properties, at) {
      for (const id of userIds) {
        const existing = users.get(id)
        users.set(id, {
          id,
          properties: { ...existing?.properties, ...properties },
          updatedAt: at,
        })
      }
    },
    getUser: (id) => users.get(id),
    listUsers: () => [...users.values()],
    logRequest(entry) {
      log.push(entry)
      if (log.length > MAX_LOG_ENTRIES) log = log.slice(-MAX_LOG_ENTRIES)
    },
    requestLog: () => log,
    addFault(fault) {
      faults.push({ ...fault })
    },
    pendingFaults: () => faults.map((fault) => ({ ...fault })),
    takeFault(path) {
      const fault = faults.find(
        (candidate) => candidate.path === undefined || candidate.path === path,
      )
      if (!fault) return undefined
      fault.remaining -= 1
      if (fault.remaining <= 0) faults = faults.filter((candidate) => candidate !== fault)
      return { ...fault }
    },
    clearFaults() {
      faults = []
    },
    reset() {
      segments.clear()
      users.clear()
      log = []
      faults = []
    },
  }
}
