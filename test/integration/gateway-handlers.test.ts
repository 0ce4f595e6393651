// Each real URL (test/infra/gateway-urls.ts) to the Lambda handler API Gateway picks for it
// (test/infra/gateway-route-selection.ts over the HTTP function table, which the gateway-routing test
// holds equal to the synthesized template), as an HTTP API (payload 2.0) event, the way AWS delivers
// it: the console's pages with a session, the API's with the claims the JWT authorizer verified. No
// function may answer the router's bare 404: that would be a route reaching a function that does not
// serve it. (Answers about the request itself, a forged link or a meeting that does not exist, are
// the function's own and fine here.)
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useEmbeddedStack } from '../support/embedded-stack.ts';
import { httpApiEvent } from '../support/http-api-event.ts';
import { localContext } from '../../lib/local-stack/lambda-context.ts';
import { httpFunctionTable, routeKeysOf } from '../../lib/constructs/http-functions.ts';
import { createSession } from '../../functions/adapters/dynamodb/session-store.ts';
import { newSessionTimes } from '../../functions/core/access/console-session.ts';
import { resetRuntime } from '../../functions/handlers/runtime.ts';
import { selectRoute } from '../infra/gateway-route-selection.ts';
import { expected, needsDocumentFunction, notFoundByDesign } from '../infra/gateway-urls.ts';

const stack = useEmbeddedStack();
const origin = 'https://a1b2c3d4e5.execute-api.ap-northeast-1.amazonaws.com';
// The settings as the CDK gives them, for a made-up pool: nobody signs in here.
const issuer = 'https://cognito-idp.ap-northeast-1.amazonaws.com/ap-northeast-1_Ab12Cd34E';
const clientId = '5r2example0client0id0abcd';
const settings = {
  SECRETARIAT_JWT_ISSUER: issuer,
  SECRETARIAT_JWT_AUDIENCE: clientId,
  SECRETARIAT_LOGIN_URL: 'https://safetynet-chiayi.auth.ap-northeast-1.amazoncognito.com',
  PUBLIC_BASE_URL: `${origin}/`,
};
const envBefore = new Map<string, string | undefined>();

type LambdaResult = { statusCode: number; headers?: Record<string, string>; body?: string };
type LambdaHandler = (event: unknown, context: unknown) => Promise<LambdaResult>;
const handlers = new Map<string, LambdaHandler>();
const routeKeys = httpFunctionTable.flatMap(routeKeysOf);
const handlerOf = new Map(httpFunctionTable.flatMap((spec) => routeKeysOf(spec).map((key) => [key, spec.handler] as const)));
let cookie: string;

beforeAll(async () => {
  for (const [name, value] of Object.entries(settings)) {
    envBefore.set(name, process.env[name]);
    process.env[name] = value;
  }
  resetRuntime();
  // Each handler builds its app at import with the table of the moment: this file's own instances.
  for (const spec of httpFunctionTable) {
    const module = (await import(/* @vite-ignore */ `../../functions/handlers/${spec.handler}.ts?gateway-handlers`)) as {
      handler: LambdaHandler;
    };
    handlers.set(spec.handler, module.handler);
  }
  const id = randomBytes(32).toString('base64url');
  await createSession(stack().table, id, {
    ...newSessionTimes(new Date()),
    subject: `officer-${randomUUID()}`,
    displayName: '測試承辦人',
    csrfToken: randomBytes(32).toString('base64url'),
  });
  cookie = `sn_console=${id}`;
});

afterAll(() => {
  for (const [name, value] of envBefore) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  resetRuntime();
});

/** The claims API Gateway's JWT authorizer hands over after verifying a secretariat's access token. */
function verifiedClaims(): Record<string, string> {
  const now = Math.floor(Date.now() / 1000);
  return {
    sub: randomUUID(),
    iss: issuer,
    client_id: clientId,
    token_use: 'access',
    scope: 'openid email',
    'cognito:groups': '[secretariat-chiayi-county]',
    auth_time: String(now - 5),
    iat: String(now - 5),
    exp: String(now + 3600),
    username: 'officer@chiayi.example.gov.tw',
  };
}

async function invoke(method: string, path: string): Promise<{ handler: string; result: LambdaResult }> {
  const routeKey = selectRoute(routeKeys, method, path);
  const handler = handlerOf.get(routeKey)!;
  const url = new URL(path, origin);
  const jwt = routeKey !== '$default' && httpFunctionTable.find((spec) => spec.handler === handler)?.access === 'jwt';
  const event = httpApiEvent({
    method,
    url,
    routeKey,
    cookies: [cookie],
    headers: { origin, ...(method === 'POST' ? { 'content-type': 'application/json' } : {}) },
    body: method === 'POST' || method === 'PUT' ? '{}' : undefined,
    claims: jwt ? verifiedClaims() : null,
  });
  return { handler, result: await handlers.get(handler)!(event, localContext(handler)) };
}

describe('every real URL reaches a function that serves it', () => {
  for (const [expectedHandler, urls] of Object.entries(expected)) {
    it.each(urls)(`${expectedHandler}: %s %s`, async (method, path) => {
      const { handler, result } = await invoke(method, path);
      expect(handler).toBe(expectedHandler);
      if (needsDocumentFunction.has(path)) return;
      if (notFoundByDesign.has(path)) return void expect(result.statusCode, `${method} ${path}`).toBe(404);
      const bare404 = result.statusCode === 404 && /^(404 )?Not Found$/.test((result.body ?? '').trim());
      expect(bare404, `${method} ${path} → ${handler}: ${result.statusCode} ${(result.body ?? '').slice(0, 80)}`).toBe(false);
      expect(result.statusCode, `${method} ${path}`).toBeLessThan(500);
    });
  }
});
