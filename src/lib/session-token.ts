import { useSyncExternalStore } from 'react'

// The token stays in this module's memory. Only when the marketer opts in is it copied to
// sessionStorage (gone when the tab closes); it is never written to localStorage, a URL or a log.
const SESSION_KEY = 'fanpass-console.token'

interface TokenState {
  token: string
  rememberForSession: boolean
  /** Why the last token typed under Connection was not used, e.g. it had a space in it; null if it was. */
  refusal: string | null
  /**
   * Counts the tokens this tab has held: it changes whenever the token does, so what was read
   * with one token (another club's team history) is never shown under the next.
   */
  generation: number
}

const listeners = new Set<() => void>()
let state: TokenState = readInitialState()

function readInitialState(): TokenState {
  const remembered = readSessionStorage()
  return remembered
    ? { token: remembered, rememberForSession: true, refusal: null, generation: 0 }
    : { token: '', rememberForSession: false, refusal: null, generation: 0 }
}

function readSessionStorage(): string | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage.getItem(SESSION_KEY)
  } catch {
    return null
  }
}

function writeSessionStorage(next: TokenState): void {
  try {
    if (next.rememberForSession && next.token !== '')
      sessionStorage.setItem(SESSION_KEY, next.token)
    else sessionStorage.removeItem(SESSION_KEY)
  } catch {
    // Storage can be disabled by browser policy; the token then simply lives in memory.
  }
}

function update(changes: Partial<TokenState>): void {
  const next = { ...state, ...changes }
  if (next.token !== state.token) next.generation = state.generation + 1
  state = next
  writeSessionStorage(next)
  for (const listener of listeners) listener()
}

/** Sets the token; whitespace and a pasted "Bearer " prefix are removed. e.g. " Bearer abc " → "abc" */
export function setToken(raw: string): void {
  update({ token: raw.trim().replace(/^bearer\s+/i, ''), refusal: null })
}

/** Records why a typed token was not used, so every page can say so; the token in use stays. */
export function refuseToken(reason: string): void {
  update({ refusal: reason })
}

export function setRememberForSession(rememberForSession: boolean): void {
  update({ rememberForSession })
}

export function forgetToken(): void {
  update({ token: '', rememberForSession: false, refusal: null })
}

export function getToken(): string {
  return state.token
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

function getSnapshot(): TokenState {
  return state
}

export function useSessionToken(): TokenState {
  return useSyncExternalStore(subscribe, getSnapshot)
}
