// Runs before the first paint, so a dark system (or a stored Dark choice) never flashes white
// while the app's JavaScript loads. A file rather than an inline script: the console's CSP
// allows scripts from 'self' only. Mantine takes over once React mounts.
// The storage key is colorSchemeStorageKey in src/app/theme.ts.
try {
  const chosen = window.localStorage.getItem('fanpass-console-color-scheme')
  const dark =
    chosen === 'dark' ||
    (chosen !== 'light' && window.matchMedia('(prefers-color-scheme: dark)').matches)
  document.documentElement.setAttribute('data-mantine-color-scheme', dark ? 'dark' : 'light')
} catch {
  // Storage can be blocked by the browser's settings: Mantine then applies the system scheme.
}
