// The security headers every HTTP function sends (functions/http/security-headers.ts) are the ones
// Hono's secureHeaders() sent with the options the app used to pass it, which stays here as the oracle.
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, securityHeaders } from '../../../functions/http/security-headers.ts';

/** The options audience-app.ts passed secureHeaders() before the headers were written out. */
function oracle(formActions: readonly string[]) {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'unsafe-inline'"],
      imgSrc: ["'self'"],
      formAction: ["'self'", ...formActions],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
    },
    referrerPolicy: 'no-referrer',
  });
}

function appWith(middleware: ReturnType<typeof securityHeaders>): Hono {
  const app = new Hono();
  app.use(middleware);
  app.get('/page', (c) => c.html('<h1>會議</h1>'));
  app.get('/own-headers', (c) => {
    c.header('X-Powered-By', 'hono');
    c.header('Referrer-Policy', 'origin');
    c.header('Content-Security-Policy', 'default-src *');
    c.header('Cache-Control', 'no-store');
    return c.text('ok');
  });
  app.post('/sign-out', (c) => c.redirect('https://login.example.org/logout', 303));
  app.get('/raw', () => new Response('raw', { headers: { 'x-powered-by': 'x' } }));
  app.get('/throws', () => {
    throw new Error('boom');
  });
  return app;
}

const headersOf = (response: Response) => [...response.headers].sort(([a], [b]) => a.localeCompare(b));

describe('security headers, held to hono/secure-headers', () => {
  it.each([
    ['no other form target', []],
    ['the sign-in service', ['https://safetynet.auth.ap-northeast-1.amazoncognito.com']],
    ['two origins', ['https://a.example.org', 'http://127.0.0.1:4000']],
  ])('sends what secureHeaders() sent, with %s', async (_label, formActions) => {
    const ours = appWith(securityHeaders(formActions));
    const theirs = appWith(oracle(formActions));
    for (const [method, path] of [
      ['GET', '/page'],
      ['GET', '/own-headers'],
      ['POST', '/sign-out'],
      ['GET', '/raw'],
      ['GET', '/missing'],
      ['GET', '/throws'],
    ] as const) {
      const [a, b] = await Promise.all([ours.request(path, { method }), theirs.request(path, { method })]);
      expect(a.status, path).toBe(b.status);
      expect(headersOf(a), path).toEqual(headersOf(b));
    }
  });

  it('lets forms post only to ourselves and the origins named, and no script but our own files', () => {
    expect(contentSecurityPolicy(['https://login.example.org'])).toBe(
      "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self' https://login.example.org; frame-ancestors 'none'; base-uri 'none'",
    );
  });
});
