// Signing in and out of one county's console, at /c/<county>/console/: the only part of the
// console with the OpenID client (openid-client, oauth4webapi) and the ID token check (jose). In AWS
// it is a function of its own (http-console-sign-in.ts); the pages behind the session
// (section-routes.ts) are served by others, which send a browser without a session here.
//
// Signing in, in both homes (Cognito managed login in AWS, the local OpenID provider under
// `npm start`):
//   1. GET  sign-in   a state, a nonce and a PKCE verifier are kept server-side (one use, 10
//                     minutes); the state also goes into a cookie bound to this browser; the browser
//                     is sent to the provider's sign-in page.
//   2. GET  callback  the state must match the cookie and a kept sign-in; the code is exchanged
//                     with the verifier; the ID token is checked like any secretariat token
//                     (signature, exp, audience, the county's group); a session is created and
//                     its random id set in an HttpOnly cookie.
//   3. POST sign-out  (with the session and its CSRF token) the session is deleted and the browser
//                     sent to the provider to end its sign-in there too, then back to signed-out.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { getCookie, deleteCookie, setCookie } from 'hono/cookie';
import { html } from 'hono/html';
import * as oidc from 'openid-client';
import type { CountyConfig } from '../../core/series/county-config.ts';
import type { MeetingTable } from '../../adapters/dynamodb/meeting-table.ts';
import { newSessionTimes, epochSeconds, sessionLimits } from '../../core/access/console-session.ts';
import {
  createSession,
  deleteSession,
  findActiveSession,
  saveSignInAttempt,
  takeSignInAttempt,
} from '../../adapters/dynamodb/session-store.ts';
import { secretariatTokenVerifier, type SecretariatAuthOptions } from '../secretariat-token.ts';
import { consolePage, type Markup } from './console-layout.ts';
import {
  clearSessionCookie,
  consolePlace,
  isSessionIdShape,
  requireConsoleSession,
  sessionCookie,
  setSessionCookie,
  signInCookie,
  type ConsoleEnv,
  type ConsolePlace,
} from './console-session.ts';
import { SignInRefused, SignInUnavailable, type ConsoleSignInOptions, type SignInClient } from './sign-in-client.ts';
import { recordConsoleSignIn } from '../../use-cases/console/console-sign-in-audit.ts';

export type ConsoleLogger = {
  info(message: string, attributes: Record<string, unknown>): void;
  warn(message: string, attributes: Record<string, unknown>): void;
};

export type ConsoleSignInDependencies = {
  table: MeetingTable;
  config: CountyConfig;
  now: () => Date;
  signIn: ConsoleSignInOptions;
  /** One per deployment: it caches the provider's discovery document. */
  signInClient: SignInClient;
  /** The group the ID token must name: secretariat-<county>. */
  requiredGroup: string;
  publicBaseUrl?: string;
  /** Ids only: never a name or an e-mail address. */
  logger?: ConsoleLogger;
};

export function signInRoutes(deps: ConsoleSignInDependencies): Hono<ConsoleEnv> {
  const { table, config, now } = deps;
  const place = consolePlace(config.county.id, deps.publicBaseUrl);
  const verification: SecretariatAuthOptions = {
    issuer: deps.signIn.issuer,
    audience: deps.signIn.clientId,
    jwksUrl: deps.signIn.jwksUrl,
    requiredGroup: deps.requiredGroup,
  };
  const verify = secretariatTokenVerifier(verification);
  const frame = { countyName: config.county.name.zh, base: place.base };
  const message = (c: Context, status: 400 | 403 | 503 | 200, title: string, body: Markup) => {
    c.header('Cache-Control', 'no-store');
    return c.html(consolePage(frame, { title, body }), status);
  };
  const signInAgain = html`<p><a class="button" href="${place.base}/sign-in">重新登入</a></p>`;
  /** The provider could not be reached (discovery, token endpoint): try again later, from the start. */
  const unavailable = (c: Context, error: SignInUnavailable) => {
    deps.logger?.warn('console sign-in unavailable', { county: config.county.id, reason: error.message });
    return message(
      c,
      503,
      '登入服務暫時無法使用',
      html`<p>目前無法連上登入服務，請稍候幾分鐘再試。</p>
        ${signInAgain}`,
    );
  };

  const app = new Hono<ConsoleEnv>();

  app.get('/sign-in', async (c) => {
    const returnTo = safeReturn(c.req.query('return'), place);
    const current = getCookie(c, sessionCookie);
    if (isSessionIdShape(current) && (await findActiveSession(table, current, now()))) return c.redirect(returnTo, 302);
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    let destination: URL;
    try {
      destination = await deps.signInClient.authorizationUrl({ redirectUri: callbackUrl(c, place), state, nonce, codeVerifier });
    } catch (error) {
      if (!(error instanceof SignInUnavailable)) throw error;
      return unavailable(c, error);
    }
    await saveSignInAttempt(table, state, {
      codeVerifier,
      nonce,
      returnTo,
      expiresAt: epochSeconds(now()) + sessionLimits.signInSeconds,
    });
    setCookie(c, signInCookie, state, {
      path: `${place.base}/callback`,
      httpOnly: true,
      sameSite: 'Lax',
      secure: place.secureCookies(c),
      maxAge: sessionLimits.signInSeconds,
    });
    c.header('Cache-Control', 'no-store');
    return c.redirect(destination.href, 302);
  });

  app.get('/callback', async (c) => {
    const state = c.req.query('state');
    const boundState = getCookie(c, signInCookie);
    deleteCookie(c, signInCookie, { path: `${place.base}/callback`, httpOnly: true, sameSite: 'Lax', secure: place.secureCookies(c) });
    const notCompleted = (reason: string) => {
      deps.logger?.info('console sign-in not completed', { county: config.county.id, reason });
      return message(
        c,
        400,
        '登入未完成',
        html`<p>這次登入沒有完成或已逾時（登入需在 10 分鐘內完成），請重新登入。</p>
          ${signInAgain}`,
      );
    };
    if (c.req.query('error')) return notCompleted(`provider: ${c.req.query('error')}`);
    if (!state || !boundState || !equal(state, boundState)) return notCompleted('state does not match this browser');
    const attempt = await takeSignInAttempt(table, state, now());
    if (!attempt) return notCompleted('unknown or expired sign-in');

    let idToken: string;
    try {
      const url = new URL(c.req.url);
      idToken = await deps.signInClient.completeSignIn(new URL(`${callbackUrl(c, place)}${url.search}`), {
        state,
        nonce: attempt.nonce,
        codeVerifier: attempt.codeVerifier,
      });
    } catch (error) {
      if (error instanceof SignInRefused) return notCompleted(error.message);
      if (!(error instanceof SignInUnavailable)) throw error;
      return unavailable(c, error);
    }
    const verdict = await verify(idToken);
    if (!verdict.ok) {
      deps.logger?.warn('console sign-in refused', { county: config.county.id, outcome: verdict.outcome, reason: verdict.reason });
      if (verdict.outcome === 'forbidden') {
        const switchAccount = await deps.signInClient.signOutUrl(`${place.origin(c)}${place.base}/signed-out`).catch(() => undefined);
        return message(
          c,
          403,
          '此帳號無法使用本縣市的幕僚工作台',
          html`<p>
              ${`您已登入，但此帳號不是${config.county.name.zh}社會安全網幕僚群組（secretariat-${config.county.id}）的成員。如需使用，請洽系統管理者將帳號加入該群組。`}
            </p>
            ${switchAccount ? html`<p><a href="${switchAccount.href}">登出，改用其他帳號</a></p>` : ''}`,
        );
      }
      if (verdict.outcome === 'unavailable')
        return message(
          c,
          503,
          '登入服務暫時無法使用',
          html`<p>目前無法驗證登入，請稍候幾分鐘再試。</p>
            ${signInAgain}`,
        );
      return notCompleted(verdict.reason);
    }

    const sessionId = randomBytes(32).toString('base64url');
    const claims = verdict.claims;
    const displayName = [claims.name, claims.email, claims['cognito:username'], claims.preferred_username, claims.sub].find(
      (v): v is string => typeof v === 'string' && v.length > 0,
    )!;
    await createSession(table, sessionId, {
      subject: verdict.identity.subject,
      displayName: displayName.slice(0, 100),
      csrfToken: randomBytes(32).toString('base64url'),
      ...newSessionTimes(now()),
    });
    setSessionCookie(c, place, sessionId);
    await recordConsoleSignIn(table, { kind: 'sign-in', subject: verdict.identity.subject, displayName, now: now() });
    deps.logger?.info('console signed in', { county: config.county.id, subject: verdict.identity.subject });
    c.header('Cache-Control', 'no-store');
    return c.redirect(attempt.returnTo, 303);
  });

  app.get('/signed-out', (c) =>
    message(
      c,
      200,
      '已登出',
      html`<p>您已登出${config.county.name.zh}社會安全網會議幕僚工作台。</p>
        ${signInAgain}`,
    ),
  );

  // Signing out needs this county's session and its CSRF token, as every change does.
  app.post('/sign-out', requireConsoleSession({ table, config, now, place }), async (c) => {
    const sessionId = getCookie(c, sessionCookie)!;
    await deleteSession(table, sessionId);
    clearSessionCookie(c, place);
    const { officer } = c.get('console');
    await recordConsoleSignIn(table, { kind: 'sign-out', subject: officer.subject, displayName: officer.displayName, now: now() });
    deps.logger?.info('console signed out', { county: config.county.id, subject: c.get('console').officer.subject });
    const signedOut = `${place.origin(c)}${place.base}/signed-out`;
    try {
      return c.redirect((await deps.signInClient.signOutUrl(signedOut)).href, 303);
    } catch (error) {
      if (!(error instanceof SignInUnavailable)) throw error;
      return c.redirect(signedOut, 303);
    }
  });

  return app;
}

function callbackUrl(c: Context, place: ConsolePlace): string {
  return `${place.origin(c)}${place.base}/callback`;
}

/** Only a page of this county's console: never another site, another county, or the sign-in itself. */
function safeReturn(asked: string | undefined, place: ConsolePlace): string {
  const home = `${place.base}/`;
  if (!asked || !asked.startsWith(home) || asked.includes('//') || asked.includes('\\') || [...asked].some((ch) => ch < ' ')) return home;
  if (asked.startsWith(`${place.base}/sign-in`) || asked.startsWith(`${place.base}/callback`)) return home;
  return asked;
}

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
