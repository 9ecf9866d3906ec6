// The security headers of every response (pages: proxy.ts; the rest: next.config.js): a
// Content-Security-Policy that allows only the portal's own scripts (each page gets a fresh nonce;
// Next puts it on its own scripts) and no framing at all, no MIME sniffing, no full URLs in the Referer to other sites, and HSTS
// when the portal is served over https.

/** The page policy. `dev` allows what `next dev` needs (eval for fast refresh, its websocket). */
export function pagePolicy(nonce: string, dev = false): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // React style attributes and the charts' inline styles; no script can run from a style.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** API answers, files and downloads (set in next.config.js): nothing may frame them. */
export const OTHER_POLICY = "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** The headers every response carries besides its policy (set in next.config.js). */
export const COMMON_HEADERS = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
  "x-frame-options": "DENY",
} as const;

/** HSTS, only when the portal's public address is https (a browser then never tries http again for a year). */
export function transportSecurity(publicUrl: string | undefined): Record<string, string> {
  return publicUrl?.startsWith("https://") ? { "strict-transport-security": "max-age=31536000; includeSubDomains" } : {};
}

export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
