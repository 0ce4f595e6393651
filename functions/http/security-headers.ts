// The security headers every HTTP function sends with every answer: the Content-Security-Policy the
// pages are written for (no inline script, one same-origin script file, inline styles, forms posting
// to ourselves and to the sign-in service) and the fixed headers Hono's secureHeaders() sets by default.
//
// Written out rather than taken from hono/secure-headers because of size (issue 13, lean Lambdas): the
// middleware was 3.1 KB of every HTTP function, almost all of it options we never set (nonces, report-to,
// permissions policy); the headers themselves are one constant list. What it sets, and that it
// replaces a header a route set itself, as secureHeaders() does by default, is held to secureHeaders()
// as the oracle in test/unit/http/security-headers.test.ts.
import type { MiddlewareHandler } from 'hono';

/** secureHeaders()'s defaults, in its order (Cross-Origin-Embedder-Policy is off by default there too). */
const fixedHeaders: ReadonlyArray<readonly [string, string]> = [
  ['Cross-Origin-Resource-Policy', 'same-origin'],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Origin-Agent-Cluster', '?1'],
  ['Referrer-Policy', 'no-referrer'],
  ['Strict-Transport-Security', 'max-age=15552000; includeSubDomains'],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-DNS-Prefetch-Control', 'off'],
  ['X-Download-Options', 'noopen'],
  ['X-Frame-Options', 'SAMEORIGIN'],
  ['X-Permitted-Cross-Domain-Policies', 'none'],
  ['X-XSS-Protection', '0'],
];

/**
 * The policy of every page. `formActions`: origins a form may post to, or be redirected to after a
 * post, besides our own (Chromium checks form-action on every redirect: signing out posts to us and is
 * redirected to the sign-in service).
 */
export function contentSecurityPolicy(formActions: readonly string[]): string {
  return [
    "default-src 'none'",
    // One same-origin script: the minutes form's row adder (minutes-form-script.ts). No inline script.
    "script-src 'self'",
    "style-src 'unsafe-inline'",
    "img-src 'self'",
    ['form-action', "'self'", ...formActions].join(' '),
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
}

/** Sets the headers on the answer once the route has made it, replacing any it set; drops X-Powered-By. */
export function securityHeaders(formActions: readonly string[]): MiddlewareHandler {
  const headers = [...fixedHeaders, ['Content-Security-Policy', contentSecurityPolicy(formActions)] as const];
  return async (c, next) => {
    await next();
    for (const [name, value] of headers) c.res.headers.set(name, value);
    c.res.headers.delete('X-Powered-By');
  };
}
