// The console's home behind API Gateway (lib/constructs/meeting-http-api.ts): the console function
// has the routes ANY /c/{county}/console and ANY /c/{county}/console/{proxy+}, the links function
// $default. Whether the greedy {proxy+} matches the empty remainder of /c/<county>/console/ (the
// home, where the sign-in returns and the front door leads) cannot be tried here, so both answers
// are: each request goes to the Lambda handler the gateway would pick (http-console.ts,
// http-links.ts), as an HTTP API (payload 2.0) event, and a browser following the redirects must
// reach the home, without a loop, either way.
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useEmbeddedStack } from '../support/embedded-stack.ts';
import { config } from '../support/planning-fixtures.ts';
import { httpApiEvent } from '../support/http-api-event.ts';
import { localContext } from '../../lib/local-stack/lambda-context.ts';
import { consolePaths } from '../../lib/constructs/meeting-http-api.ts';
import { createSession } from '../../functions/adapters/dynamodb/session-store.ts';
import { newSessionTimes } from '../../functions/core/access/console-session.ts';
import { resetRuntime } from '../../functions/handlers/runtime.ts';

const stack = useEmbeddedStack();
const county = config.county.id;
const home = `/c/${county}/console`;
const origin = 'https://a1b2c3d4e5.execute-api.ap-northeast-1.amazonaws.com';

type LambdaResult = { statusCode: number; headers?: Record<string, string>; body: string };
type LambdaHandler = (event: unknown, context: unknown) => Promise<LambdaResult>;
let handlers: Record<'links' | 'console', LambdaHandler>;

// The console's settings as the CDK gives them (a made-up pool: nobody signs in here, the session is stored directly).
const consoleEnv = {
  SECRETARIAT_JWT_ISSUER: 'https://cognito-idp.ap-northeast-1.amazonaws.com/ap-northeast-1_Ab12Cd34E',
  SECRETARIAT_JWT_AUDIENCE: '5r2example0client0id0abcd',
  SECRETARIAT_LOGIN_URL: 'https://safetynet-chiayi.auth.ap-northeast-1.amazoncognito.com',
};
const envBefore = new Map<string, string | undefined>();

beforeAll(async () => {
  for (const [name, value] of Object.entries(consoleEnv)) {
    envBefore.set(name, process.env[name]);
    process.env[name] = value;
  }
  resetRuntime();
  // Each handler builds its app once, at import, with the table of the moment: this file's own
  // instances (the query makes them distinct modules), not those another file in this worker built.
  const fresh = async (name: string) =>
    ((await import(/* @vite-ignore */ `../../functions/handlers/${name}.ts?console-home-route`)) as { handler: LambdaHandler }).handler;
  handlers = { links: await fresh('http-links'), console: await fresh('http-console') };
});

afterAll(() => {
  for (const [name, value] of envBefore) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  resetRuntime();
});

/** The gateway's choice, with or without the greedy variable matching an empty remainder. */
function route(path: string, greedyMatchesEmpty: boolean): { routeKey: string; handler: keyof typeof handlers } {
  const pattern = (template: string) =>
    new RegExp(`^${template.replace('{county}', '[^/]+').replace('{proxy+}', greedyMatchesEmpty ? '.*' : '.+')}$`);
  const consoleRoute = consolePaths.find((template) => pattern(template).test(path));
  return consoleRoute ? { routeKey: `ANY ${consoleRoute}`, handler: 'console' } : { routeKey: '$default', handler: 'links' };
}

async function invoke(handler: keyof typeof handlers, routeKey: string, path: string, cookie?: string): Promise<LambdaResult> {
  const url = new URL(path, origin);
  const event = httpApiEvent({ method: 'GET', url, routeKey, cookies: cookie ? [cookie] : undefined });
  return handlers[handler](event, localContext(`http-${handler}`));
}

/** A session as the sign-in callback stores it. */
async function sessionCookie(): Promise<string> {
  const id = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  await createSession(stack().table, id, {
    ...newSessionTimes(new Date()),
    subject: `officer-${randomUUID()}`,
    displayName: '測試承辦人',
    csrfToken,
  });
  return `sn_console=${id}`;
}

const location = (result: LambdaResult) => result.headers?.location ?? result.headers?.Location;

describe("the console's home behind API Gateway", () => {
  it(`sends ${home}/ to ${home} when the gateway gives it to the links function ($default)`, async () => {
    const sent = await invoke('links', '$default', `${home}/`);
    expect(sent.statusCode).toBe(302);
    expect(location(sent)).toBe(home);
  });

  it('serves the same home at both paths of the console function: the sign-in without a session, 總覽 with one', async () => {
    const cookie = await sessionCookie();
    for (const [routeKey, path] of [
      ['ANY /c/{county}/console', home],
      ['ANY /c/{county}/console/{proxy+}', `${home}/`],
    ] as const) {
      const signIn = await invoke('console', routeKey, path);
      expect(signIn.statusCode, path).toBe(302);
      // Back to the home after signing in; never a redirect between the two forms.
      expect(location(signIn), path).toBe(`${home}/sign-in?return=${encodeURIComponent(`${home}/`)}`);

      const page = await invoke('console', routeKey, path, cookie);
      expect(page.statusCode, path).toBe(200);
      expect(page.body, path).toContain('<h1');
      expect(page.body, path).toContain('總覽');
      expect(page.body, path).toContain('需要處理');
    }
  });

  it.each([true, false])(
    'takes a signed-in browser from the front door and from the sign-in return to the home (greedy {proxy+} matches an empty remainder: %s)',
    async (greedyMatchesEmpty) => {
      const cookie = await sessionCookie();
      for (const start of ['/', `${home}/`, home]) {
        const visited: string[] = [];
        let path = start;
        let result: LambdaResult;
        for (;;) {
          visited.push(path);
          const { routeKey, handler } = route(path, greedyMatchesEmpty);
          result = await invoke(handler, routeKey, path, cookie);
          if (result.statusCode !== 302) break;
          expect(visited.length, visited.join(' → ')).toBeLessThan(5);
          path = location(result)!;
        }
        expect(result.statusCode, visited.join(' → ')).toBe(200);
        expect(result.body, visited.join(' → ')).toContain('需要處理');
      }
    },
  );
});
