/**
 * The history database, loaded on first use: Dexie is ~34 kB gzipped, and the Segments page
 * needs it only once a marketer uploads, opens the confirmation or arrives from History.
 */
export const loadHistoryDb = () => import('./history-db')
