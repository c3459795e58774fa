/**
 * The Content-Security-Policy of every page of the app: nothing but the app's own files, no
 * remote origin, no inline script, no plugin, no framing. Sent as a header by the Electron
 * protocol handler and the web harness, and repeated in renderer/index.html.
 */
export const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
