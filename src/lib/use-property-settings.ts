import { useSyncExternalStore } from 'react'
import {
  loadPropertySettings,
  subscribeToPropertySettings,
  type PropertySettings,
} from './property-settings'

/** The settings, kept current when they are saved here or in another tab. */
export function usePropertySettings(): PropertySettings {
  return useSyncExternalStore(subscribeToPropertySettings, loadPropertySettings)
}
