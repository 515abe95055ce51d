export type SecurityMode = 'built' | 'dev'

/**
 * The headers every console response carries. The built app runs no inline script; Mantine
 * injects its CSS variables in <style> tags, hence style-src 'unsafe-inline'.
 * Vite's dev server is the one exception: its React Refresh preamble is an inline script.
 * e.g. securityHeaders('built')['x-frame-options'] → 'DENY'.
 */
export function securityHeaders(mode: SecurityMode): Record<string, string> {
  const scriptSrc = mode === 'dev' ? "'self' 'unsafe-inline'" : "'self'"
  const directives = [
    "default-src 'self'",
    `script-src ${scriptSrc}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "worker-src 'self' blob:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ]
  return {
    'content-security-policy': directives.join('; '),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
  }
}
