/** Every history query starts with this key, so a writer invalidates them all at once. */
export const historyQueryKey = ['history'] as const
