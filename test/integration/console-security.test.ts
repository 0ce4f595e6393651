// Issue 9, "Security", each refusal its own test, in both homes:
//   - AWS: the HTTP Lambda handlers themselves (functions/handlers/http-console*.ts for the console's
//     routes: sign-in, the pages, the minutes and the records parts; http-secretariat-*api.ts for the
//     API's parts, behind a stand-in for the gateway's JWT authorizer
//     (test/support/gateway-jwt-authorizer.ts) whose verified claims they read; http-links.ts for the rest, as the gateway routes
//     them), configured only by the environment the CDK gives them (a Cognito issuer and app client,
//     the managed-login domain, the public base URL), invoked with API Gateway HTTP API (payload 2.0)
//     events. Cognito's keys are
//     served from a loopback JWKS, as Cognito serves them at /.well-known/jwks.json, and its tokens
//     are signed here in Cognito's shape (RS256, `cognito:groups`, `token_use`).
//   - Local: the app as `npm start` builds it, with the local token signer and the local OpenID
//     provider (oidc-provider).
// The console's session is the item the sign-in callback writes (session-store.ts), put in the
// table directly: the sign-in itself is tested in the browser (secretariat-console.test.ts). Every
// refusal also checks that nothing was written.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes, randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload } from 'jose';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useEmbeddedStack } from '../support/embedded-stack.ts';
import { testOccurrence } from '../support/test-occurrence.ts';
import { config } from '../support/planning-fixtures.ts';
import { httpApiEvent } from '../support/http-api-event.ts';
import { localContext } from '../../lib/local-stack/lambda-context.ts';
import { startLocalSecretariatSigner, type LocalSecretariatSigner } from '../../lib/local-stack/local-secretariat-signer.ts';
import { startLocalSignInProvider, type LocalSignInProvider } from '../../lib/local-stack/local-sign-in-provider.ts';
import { createApp } from '../../functions/http/app.ts';
import { consolePaths, feedPaths, secretariatApiPaths, unscopedSecretariatPaths } from '../../lib/constructs/meeting-http-api.ts';
import { countiesOf } from '../../functions/adapters/config/county-registry.ts';
import { createOccurrence } from '../../functions/adapters/dynamodb/occurrence-store.ts';
import { createSession } from '../../functions/adapters/dynamodb/session-store.ts';
import { listRosterChanges } from '../../functions/adapters/dynamodb/roster-store.ts';
import { listActions } from '../../functions/adapters/dynamodb/secretariat-action-store.ts';
import { epochSeconds, newSessionTimes, sessionLimits } from '../../functions/core/access/console-session.ts';
import { resetRuntime } from '../../functions/handlers/runtime.ts';
import { secretariatMinutesApiPaths } from '../../functions/http/secretariat-minutes-api-audience.ts';
import { secretariatCalendarApiPaths } from '../../functions/http/secretariat-calendar-api-audience.ts';
import { secretariatRecordsApiPaths } from '../../functions/http/secretariat-records-api-audience.ts';
import { gatewayJwtAuthorizer, type GatewayVerdict } from '../support/gateway-jwt-authorizer.ts';
import { consolePartPaths, consoleParts } from '../../functions/http/console/console-parts.ts';

const stack = useEmbeddedStack();
const county = config.county.id;
const group = `secretariat-${county}`;
const series = config.series.find((s) => s.id === 'child-protection-case-conference')!;

// What the CDK gives the HTTP function (lib/constructs/meeting-http-api.ts), for a made-up pool.
const cognitoIssuer = 'https://cognito-idp.ap-northeast-1.amazonaws.com/ap-northeast-1_Ab12Cd34E';
const cognitoClientId = '5r2example0client0id0abcd';
const apiOrigin = 'https://a1b2c3d4e5.execute-api.ap-northeast-1.amazonaws.com';
const cognitoKid = 'cognito-key-1';

type Home = {
  name: string;
  /** Origin that browsers use: where Origin headers come from. */
  origin: string;
  request(method: string, path: string, init?: { headers?: Record<string, string>; body?: string }): Promise<Response>;
  /** A token as the home's issuer signs it, of the given groups, with or without `exp`. */
  token(options: { groups?: string[]; withoutExpiry?: boolean; expired?: boolean }): Promise<string>;
};

let jwks: Server;
let cognitoKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
let signer: LocalSecretariatSigner;
let signIn: LocalSignInProvider;
let localApp: Hono;
type LambdaHandler = (
  event: unknown,
  context: unknown,
) => Promise<{
  statusCode: number;
  headers?: Record<string, string>;
  cookies?: string[];
  body: string;
}>;
type ConsoleFunction =
  'console' | 'console-sign-in' | 'console-meeting-actions' | 'console-minutes' | 'console-contacts' | 'console-records';
type ApiFunction = 'secretariat-api' | 'secretariat-minutes-api' | 'secretariat-calendar-api' | 'secretariat-records-api';
let lambdaHandlers: Record<'links' | 'feeds' | ApiFunction | ConsoleFunction, LambdaHandler>;
/** API Gateway's JWT authorizer in front of the API functions, which read the claims it verified. */
let gatewayAuthorizer: (authorization: string | undefined) => Promise<GatewayVerdict>;

/** The console's routes: its parts' (console-parts.ts) before the pages' greedy pair, as the gateway picks the most specific. */
const consoleRoutes: Array<{ template: string; handler: ConsoleFunction }> = [
  ...consoleParts.flatMap((part) =>
    consolePartPaths(part).map((template) => ({ template, handler: part.handler.replace(/^http-/, '') as ConsoleFunction })),
  ),
  ...consolePaths.map((template) => ({ template, handler: 'console' as const })),
];

/**
 * The route API Gateway matches (lib/constructs/meeting-http-api.ts), and the function it integrates.
 * A greedy variable also matches nothing after the slash: /c/<county>/console/, the console's home,
 * is the ".../console/{proxy+}" route's.
 */
function gatewayRoute(path: string): { routeKey: string; handler: keyof typeof lambdaHandlers } {
  const matches = (template: string) => new RegExp(`^${template.replace('{proxy+}', '.*').replace(/\{[A-Za-z]+\}/g, '[^/]+')}$`).test(path);
  const consoleRoute = consoleRoutes.find(({ template }) => matches(template));
  if (consoleRoute) return { routeKey: `ANY ${consoleRoute.template}`, handler: consoleRoute.handler };
  const feeds = feedPaths.find(matches);
  if (feeds) return { routeKey: `GET ${feeds}`, handler: 'feeds' };
  // The API's parts, each more specific than its greedy pair.
  for (const [handler, paths] of [
    ['secretariat-minutes-api', secretariatMinutesApiPaths],
    ['secretariat-calendar-api', secretariatCalendarApiPaths],
    ['secretariat-records-api', secretariatRecordsApiPaths],
  ] as const) {
    const part = paths.find(matches);
    if (part) return { routeKey: `ANY ${part}`, handler };
  }
  const api = [...secretariatApiPaths, ...unscopedSecretariatPaths].find(matches);
  if (api) return { routeKey: `ANY ${api}`, handler: 'secretariat-api' };
  return { routeKey: '$default', handler: 'links' };
}

const homes: Record<'aws' | 'local', Home> = {
  aws: {
    name: 'AWS (the Lambda handler, configured for Cognito)',
    origin: apiOrigin,
    async request(method, path, init = {}) {
      const url = new URL(path, apiOrigin);
      const headers: Record<string, string> = { host: url.host, 'user-agent': 'vitest', ...init.headers };
      const { cookie, ...rest } = headers;
      const route = gatewayRoute(url.pathname);
      // The API's routes are behind the gateway's JWT authorizer: it answers a bad token itself.
      let claims: Record<string, string> | undefined;
      if (route.handler.startsWith('secretariat-')) {
        const verdict = await gatewayAuthorizer(rest.authorization);
        if (!verdict.ok) return verdict.response;
        claims = verdict.claims;
      }
      const event = httpApiEvent({
        method,
        url,
        routeKey: route.routeKey,
        cookies: cookie ? cookie.split(/;\s*/) : undefined,
        headers: rest,
        body: init.body,
        claims,
      });
      const result = await lambdaHandlers[route.handler](event, localContext(`http-${route.handler}`));
      const response = new Headers(result.headers ?? {});
      for (const c of result.cookies ?? []) response.append('set-cookie', c);
      const status = result.statusCode;
      return new Response([204, 301, 302, 303, 304].includes(status) ? null : result.body, { status, headers: response });
    },
    async token({ groups, withoutExpiry, expired }) {
      const now = epochSeconds(new Date());
      const claims: JWTPayload = {
        sub: randomUUID(),
        ...(groups ? { 'cognito:groups': groups } : {}),
        iss: cognitoIssuer,
        client_id: cognitoClientId,
        token_use: 'access',
        scope: 'openid email',
        auth_time: now - 5,
        iat: now - 5,
        jti: randomUUID(),
        username: 'officer@chiayi.example.gov.tw',
        ...(withoutExpiry ? {} : { exp: expired ? now - 60 : now + 3600 }),
      };
      return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: cognitoKid }).sign(cognitoKey);
    },
  },
  local: {
    name: 'local (npm start: the local signer and OpenID provider)',
    origin: 'http://127.0.0.1:3000',
    request: (method, path, init = {}) =>
      Promise.resolve(
        localApp.fetch(
          new Request(new URL(path, 'http://127.0.0.1:3000'), {
            method,
            headers: init.headers ?? {},
            ...(init.body !== undefined ? { body: init.body } : {}),
          }),
        ),
      ),
    async token({ groups, withoutExpiry, expired }) {
      if (expired) return signer.mint({ ...(groups ? { groups } : {}), lifetimeSeconds: -60 });
      return signer.mint({ ...(groups ? { groups } : {}), ...(withoutExpiry ? { withoutExpiry: true } : {}) });
    },
  },
};

beforeAll(async () => {
  const { table } = stack();
  await createOccurrence(table, testOccurrence({ seriesId: series.id, slotKey: '2026-03', date: '2026-03-25' }));

  // Cognito's published keys.
  const pair = await generateKeyPair('RS256', { extractable: true });
  cognitoKey = pair.privateKey;
  const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: cognitoKid, alg: 'RS256', use: 'sig' };
  jwks = createServer((request, response) => {
    if (request.url !== '/.well-known/jwks.json') return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));

  // The Lambda's environment as the CDK sets it; the table and link key are the test stack's.
  Object.assign(process.env, {
    SECRETARIAT_JWT_ISSUER: cognitoIssuer,
    SECRETARIAT_JWT_AUDIENCE: cognitoClientId,
    SECRETARIAT_JWKS_URL: `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`,
    SECRETARIAT_LOGIN_URL: 'https://safetynet-chiayi.auth.ap-northeast-1.amazoncognito.com',
    PUBLIC_BASE_URL: apiOrigin,
  });
  gatewayAuthorizer = gatewayJwtAuthorizer({
    issuer: cognitoIssuer,
    audience: cognitoClientId,
    jwksUrl: process.env.SECRETARIAT_JWKS_URL!,
  });
  resetRuntime();
  const entry = async (module: Promise<unknown>) => ((await module) as { handler: LambdaHandler }).handler;
  lambdaHandlers = {
    links: await entry(import('../../functions/handlers/http-links.ts')),
    feeds: await entry(import('../../functions/handlers/http-feeds.ts')),
    'secretariat-api': await entry(import('../../functions/handlers/http-secretariat-api.ts')),
    'secretariat-minutes-api': await entry(import('../../functions/handlers/http-secretariat-minutes-api.ts')),
    'secretariat-calendar-api': await entry(import('../../functions/handlers/http-secretariat-calendar-api.ts')),
    'secretariat-records-api': await entry(import('../../functions/handlers/http-secretariat-records-api.ts')),
    console: await entry(import('../../functions/handlers/http-console.ts')),
    'console-sign-in': await entry(import('../../functions/handlers/http-console-sign-in.ts')),
    'console-meeting-actions': await entry(import('../../functions/handlers/http-console-meeting-actions.ts')),
    'console-minutes': await entry(import('../../functions/handlers/http-console-minutes.ts')),
    'console-contacts': await entry(import('../../functions/handlers/http-console-contacts.ts')),
    'console-records': await entry(import('../../functions/handlers/http-console-records.ts')),
  };

  signer = await startLocalSecretariatSigner();
  signIn = await startLocalSignInProvider({ counties: [{ id: county, name: config.county.name.zh }] });
  localApp = createApp({
    connection: table,
    counties: countiesOf([config]),
    now: () => new Date(),
    signingKey: randomBytes(32),
    secretariatAuth: signer.authOptions,
    consoleSignIn: signIn.consoleSignIn,
  });
  await signIn.serveConsole('http://127.0.0.1:3000');
});

afterAll(async () => {
  for (const name of ['SECRETARIAT_JWT_ISSUER', 'SECRETARIAT_JWT_AUDIENCE', 'SECRETARIAT_JWKS_URL', 'SECRETARIAT_LOGIN_URL'])
    delete process.env[name];
  resetRuntime();
  await new Promise<void>((resolve) => (jwks ? jwks.close(() => resolve()) : resolve()));
  await signIn?.stop();
  await signer?.stop();
});

const consolePath = `/c/${county}/console`;
const apiPath = `/c/${county}/secretariat/minutes-status`;

/** A session as the sign-in callback stores it, with its cookie value and CSRF token. */
async function session(times = newSessionTimes(new Date())) {
  const id = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  await createSession(stack().table, id, { ...times, subject: `officer-${randomUUID()}`, displayName: '測試承辦人', csrfToken });
  return { cookie: `sn_console=${id}`, csrfToken };
}

/** What a confirmed 新增聯絡人 would write: the roster and the audit trail. */
async function writes() {
  return { roster: await listRosterChanges(stack().table), audit: await listActions(stack().table) };
}

describe.each(Object.keys(homes) as Array<keyof typeof homes>)('in the %s home', (which) => {
  const home = homes[which];

  it('sends a console page without a session to sign in', async () => {
    for (const path of [`${consolePath}/`, `${consolePath}/plan`, `${consolePath}/contacts`]) {
      const page = await home.request('GET', path);
      expect(page.status, path).toBe(302);
      expect(page.headers.get('location')).toBe(`${consolePath}/sign-in?return=${encodeURIComponent(path)}`);
      expect(await page.text()).not.toContain(series.name.zh);
    }
  });

  it('answers the JSON API without a token with 401 and a Bearer challenge', async () => {
    const api = await home.request('GET', apiPath);
    expect(api.status).toBe(401);
    expect(api.headers.get('www-authenticate')).toMatch(/^Bearer /);
    // The control: a token of the county's group is let in.
    expect(
      (await home.request('GET', apiPath, { headers: { authorization: `Bearer ${await home.token({ groups: [group] })}` } })).status,
    ).toBe(200);
  });

  it('refuses a forged session cookie and forgets it', async () => {
    const forged = await home.request('GET', `${consolePath}/`, {
      headers: { cookie: `sn_console=${randomBytes(32).toString('base64url')}` },
    });
    expect(forged.status).toBe(302);
    expect(forged.headers.get('location')).toMatch(/\/console\/sign-in\?return=/);
    expect(forged.headers.get('set-cookie')).toMatch(/^sn_console=;.*Max-Age=0/);
    // The control: a stored session's cookie opens the page.
    const { cookie } = await session();
    expect((await home.request('GET', `${consolePath}/`, { headers: { cookie } })).status).toBe(200);
  });

  it('refuses a session idle for 30 minutes', async () => {
    const now = epochSeconds(new Date());
    const lastSeenAt = now - sessionLimits.idleSeconds - 5;
    const { cookie } = await session({ createdAt: now - 3600, lastSeenAt, expiresAt: lastSeenAt + sessionLimits.idleSeconds });
    const expired = await home.request('GET', `${consolePath}/`, { headers: { cookie } });
    expect(expired.status).toBe(302);
    expect(expired.headers.get('location')).toMatch(/\/console\/sign-in/);
  });

  it('refuses a session 12 hours after signing in, used a minute ago', async () => {
    const now = epochSeconds(new Date());
    const { cookie } = await session({
      createdAt: now - sessionLimits.maxSeconds - 1,
      lastSeenAt: now - 60,
      // As if the item had been written without the 12-hour cap: the check must not trust it.
      expiresAt: now + sessionLimits.idleSeconds - 60,
    });
    expect((await home.request('GET', `${consolePath}/`, { headers: { cookie } })).status).toBe(302);
  });

  it('refuses a state-changing POST without the CSRF token, or with another, and writes nothing', async () => {
    const { cookie, csrfToken } = await session();
    const path = `${consolePath}/contacts/police-women-children/add/confirm`;
    const form = (extra: string) =>
      `contact.name=${encodeURIComponent('測試 新聯絡人')}&contact.email=new.contact.${which}%40example.org&contact.id=new-contact-${which}&reason=${encodeURIComponent('新任')}${extra}`;
    const headers = { cookie, 'content-type': 'application/x-www-form-urlencoded', origin: home.origin, 'sec-fetch-site': 'same-origin' };
    const before = await writes();

    const without = await home.request('POST', path, { headers, body: form('') });
    expect(without.status).toBe(403);
    expect(await without.text()).toContain('表單已失效');
    const other = await home.request('POST', path, { headers, body: form(`&_csrf=${randomBytes(32).toString('base64url')}`) });
    expect(other.status).toBe(403);
    // From another site, even with the right token.
    const crossSite = await home.request('POST', path, {
      headers: { ...headers, origin: 'https://attacker.example', 'sec-fetch-site': 'cross-site' },
      body: form(`&_csrf=${encodeURIComponent(csrfToken)}`),
    });
    expect(crossSite.status).toBe(403);
    expect(await writes()).toEqual(before);

    // The control: the same post with the session's token adds the contact, audited.
    const done = await home.request('POST', path, { headers, body: form(`&_csrf=${encodeURIComponent(csrfToken)}`) });
    // Confirmed: back to the section's page (303), so a reload posts nothing again.
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toContain(`${consolePath}/contacts`);
    const after = await writes();
    expect(after.roster.map((r) => r.contact.id)).toContain(`new-contact-${which}`);
    expect(after.audit.length).toBe(before.audit.length + 1);
  });

  it('refuses an API token without `exp` (401), which the JWT library alone would accept', async () => {
    const token = await home.token({ groups: [group], withoutExpiry: true });
    const response = await home.request('GET', apiPath, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(401);
  });

  it('refuses an expired API token (401)', async () => {
    const token = await home.token({ groups: [group], expired: true });
    expect((await home.request('GET', apiPath, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
  });

  it('refuses an API token without the county group, or with another county\u2019s (403)', async () => {
    for (const groups of [undefined, [], ['secretariat-tainan-city'], ['secretariat']]) {
      const token = await home.token(groups ? { groups } : {});
      const response = await home.request('GET', apiPath, { headers: { authorization: `Bearer ${token}` } });
      expect(response.status, JSON.stringify(groups)).toBe(403);
      expect(JSON.stringify(await response.json())).not.toContain(series.id);
    }
  });

  it('reveals no meeting at / or at the county\u2019s address without a session', async () => {
    for (const path of ['/', `/c/${county}/`, `/c/${county}`]) {
      const response = await home.request('GET', path);
      expect([200, 302, 404], path).toContain(response.status);
      const text = await response.text();
      for (const s of config.series) expect(text, path).not.toContain(s.name.zh);
      expect(text).not.toMatch(/115年3月25日|2026-03-25|3\/25/);
      if (response.status === 302) expect(response.headers.get('location'), path).toMatch(new RegExp(`^/c/${county}/console/`));
    }
  });
});

describe('in the AWS home', () => {
  it('sets the session cookie Secure, HttpOnly, SameSite=Lax and only for the county\u2019s console when it forgets one', async () => {
    const response = await homes.aws.request('GET', `${consolePath}/`, {
      headers: { cookie: `sn_console=${randomBytes(32).toString('base64url')}` },
    });
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toContain(`Path=${consolePath}`);
  });
});
