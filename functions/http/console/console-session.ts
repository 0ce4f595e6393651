// The console's session on the HTTP side: the cookie, and the middleware every console page and
// form goes through. The session itself is a DynamoDB item under the county
// (adapters/dynamodb/session-store.ts); the cookie holds only a random id. A request without an
// active session of this county is sent to sign in (a GET) or refused (anything that would
// change something); a change without the session's CSRF token is refused, whatever its Origin.
import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { CountyConfig } from '../../core/series/county-config.ts';
import type { MeetingTable } from '../../adapters/dynamodb/meeting-table.ts';
import type { DocumentRenderer } from '../../use-cases/documents/document-request.ts';
import { findActiveSession, touchSession } from '../../adapters/dynamodb/session-store.ts';
import { html } from 'hono/html';
import { consolePage, type ConsolePageFrame, type SignedInOfficer } from './console-layout.ts';
import { isLoopback } from './sign-in-client.ts';

export const sessionCookie = 'sn_console';
export const signInCookie = 'sn_signin';

/** What a console page knows about the request once the session middleware let it through. */
export type ConsoleRequest = ConsolePageFrame & {
  countyId: string;
  officer: SignedInOfficer & { subject: string };
};

export type ConsoleEnv = { Variables: { console: ConsoleRequest } };

/** What a console section module receives: the county's table and configuration, and the clock. */
export type ConsoleSectionDependencies = {
  table: MeetingTable;
  config: CountyConfig;
  now: () => Date;
  /** The county's link-signing key, for chair links; absent where the deployment has none. */
  signingKey?: Uint8Array;
  /** Where the county's links point (…/c/<county>); the request's origin when unset. */
  countyBaseUrl?: string;
  /** Renders documents (the annual plan's downloads); absent when documents are not served. */
  renderDocument?: DocumentRenderer;
};

/** Where the console lives, for links, cookies and redirects. */
export type ConsolePlace = {
  /** Path of the console, no trailing slash: /c/<county>/console, below the public base URL's path. */
  base: string;
  /** The origin browsers reach it at: the public base URL's, or the request's. */
  origin: (c: Context) => string;
  /** Secure cookies everywhere except plain http on a loopback address (npm start). */
  secureCookies: (c: Context) => boolean;
};

export function consolePlace(countyId: string, publicBaseUrl: string | undefined): ConsolePlace {
  const publicBase = publicBaseUrl ? new URL(publicBaseUrl.endsWith('/') ? publicBaseUrl : `${publicBaseUrl}/`) : undefined;
  const base = `${publicBase ? publicBase.pathname : '/'}c/${countyId}/console`;
  const originOf = (c: Context) => publicBase?.origin ?? new URL(c.req.url).origin;
  return {
    base,
    origin: originOf,
    secureCookies: (c) => {
      const url = new URL(originOf(c));
      return !(url.protocol === 'http:' && isLoopback(url.hostname));
    },
  };
}

/** The session cookie: HttpOnly, SameSite=Lax, Secure except on plain loopback, only sent to this county's console. */
export function setSessionCookie(c: Context, place: ConsolePlace, sessionId: string): void {
  setCookie(c, sessionCookie, sessionId, { path: place.base, httpOnly: true, sameSite: 'Lax', secure: place.secureCookies(c) });
}

export function clearSessionCookie(c: Context, place: ConsolePlace): void {
  deleteCookie(c, sessionCookie, { path: place.base, httpOnly: true, sameSite: 'Lax', secure: place.secureCookies(c) });
}

/** A session id as we make them: 32 random bytes, base64url. Anything else is not looked up. */
export const isSessionIdShape = (value: string | undefined): value is string => !!value && /^[A-Za-z0-9_-]{43}$/.test(value);

export type SessionDependencies = { table: MeetingTable; config: CountyConfig; now: () => Date; place: ConsolePlace };

const changes = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function requireConsoleSession(deps: SessionDependencies): MiddlewareHandler<ConsoleEnv> {
  const { table, config, now, place } = deps;
  return async (c, next) => {
    const sessionId = getCookie(c, sessionCookie);
    const session = isSessionIdShape(sessionId) ? await findActiveSession(table, sessionId, now()) : undefined;
    const changing = changes.has(c.req.method);
    if (!session || !sessionId) {
      // A forged, expired or other county's cookie: forget it, and sign in afresh.
      if (sessionId !== undefined) clearSessionCookie(c, place);
      c.header('Cache-Control', 'no-store');
      if (changing) return c.redirect(`${place.base}/sign-in`, 303);
      const url = new URL(c.req.url);
      return c.redirect(`${place.base}/sign-in?return=${encodeURIComponent(url.pathname + url.search)}`, 302);
    }
    const frame: ConsoleRequest = {
      countyId: config.county.id,
      countyName: config.county.name.zh,
      base: place.base,
      officer: { subject: session.subject, displayName: session.displayName, csrfToken: session.csrfToken },
    };
    if (changing && !(sameOrigin(c, place) && (await carriesToken(c, session.csrfToken)))) {
      c.header('Cache-Control', 'no-store');
      return c.html(
        consolePage(frame, {
          title: '表單已失效',
          body: html`<p>這次送出沒有本工作台表單的驗證碼（或已過期），因此沒有做任何變更。請回到上一頁重新整理後再送出一次。</p>`,
        }),
        403,
      );
    }
    await touchSession(table, sessionId, session, now());
    c.set('console', frame);
    // Pages about meetings and people are not kept by browsers or proxies.
    c.header('Cache-Control', 'no-store');
    await next();
  };
}

/**
 * A browser says where a form came from; when it does, it must be the console's own origin. Under
 * the app's `Referrer-Policy: no-referrer` Chromium sends `Origin: null` even for the console's own
 * forms, so "null" says nothing here; Sec-Fetch-Site still tells a cross-site post apart. These are
 * a second line only: the CSRF token is what is required.
 */
function sameOrigin(c: Context, place: ConsolePlace): boolean {
  const origin = c.req.header('origin');
  if (origin !== undefined && origin !== 'null' && origin !== place.origin(c)) return false;
  return c.req.header('sec-fetch-site') !== 'cross-site';
}

/** The form field `_csrf` (or, for scripts on our own pages, the X-CSRF-Token header) equals the session's token. */
async function carriesToken(c: Context, expected: string): Promise<boolean> {
  let sent = c.req.header('x-csrf-token');
  if (sent === undefined) {
    const type = c.req.header('content-type') ?? '';
    if (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data')) {
      try {
        const field = (await c.req.parseBody())._csrf;
        sent = typeof field === 'string' ? field : undefined;
      } catch {
        return false;
      }
    }
  }
  if (sent === undefined) return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
