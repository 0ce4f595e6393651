// Which function each real URL reaches in AWS: API Gateway's route selection (gateway-route-selection.ts)
// over the routes of the SYNTHESIZED template, each route followed to the Lambda function its
// integration names. For every audience's pages and actions the function is the one that serves
// them; nothing under /secretariat reaches a function without the JWT authorizer in front of it.
import { describe, expect, it } from 'vitest';
import { consolePartPaths, consoleParts } from '../../functions/http/console/console-parts.ts';
import { secretariatCalendarApiPaths } from '../../functions/http/secretariat-calendar-api-audience.ts';
import { secretariatMinutesApiPaths } from '../../functions/http/secretariat-minutes-api-audience.ts';
import { secretariatRecordsApiPaths } from '../../functions/http/secretariat-records-api-audience.ts';
import { httpFunctionTable, routeKeysOf } from '../../lib/constructs/http-functions.ts';
import { selectRoute } from './gateway-route-selection.ts';
import { c, expected } from './gateway-urls.ts';
import { resourcesOfType, synthesizeCounty } from './synthesize-county.ts';

// The template alone: which routes exist and where each integration leads.
const { stack, template } = synthesizeCounty({ skipBundling: true });
const logicalIdOf = (construct: { node: { defaultChild?: unknown } }) => stack.getLogicalId(construct.node.defaultChild as never);
const json = (value: unknown) => JSON.stringify(value);

type Route = { key: string; handler: string; authorization: string };
const routes: Route[] = (() => {
  const integrations = resourcesOfType(template, 'AWS::ApiGatewayV2::Integration');
  const handlerOfFunction = new Map(Object.entries(stack.httpFunctions).map(([handler, fn]) => [logicalIdOf(fn.function), handler]));
  return Object.values(resourcesOfType(template, 'AWS::ApiGatewayV2::Route')).map((route) => {
    const properties = route.Properties as { RouteKey: string; Target: unknown; AuthorizationType: string };
    const integrationId = Object.keys(integrations).find((id) => json(properties.Target).includes(`"${id}"`));
    const uri = json(integrations[integrationId!]?.Properties?.IntegrationUri);
    const handlers = [...handlerOfFunction].filter(([id]) => uri.includes(`"${id}"`)).map(([, handler]) => handler);
    if (handlers.length !== 1) throw new Error(`${properties.RouteKey}: integration leads to ${handlers.join(', ') || 'no function'}`);
    return { key: properties.RouteKey, handler: handlers[0]!, authorization: properties.AuthorizationType };
  });
})();
const routeKeys = routes.map((route) => route.key);

/** The route and function a request reaches. */
function reach(method: string, path: string): Route {
  const key = selectRoute(routeKeys, method, path);
  const route = routes.find((r) => r.key === key);
  if (!route) throw new Error(`${method} ${path}: no route ${key}`);
  return route;
}

describe("API Gateway's routes as synthesized", () => {
  it('are exactly the routes of the HTTP function table, each to its own function', () => {
    const fromTable = httpFunctionTable.flatMap((spec) => routeKeysOf(spec).map((key) => `${key} → ${spec.handler}`));
    expect(routes.map((r) => `${r.key} → ${r.handler}`).sort()).toEqual(fromTable.sort());
  });

  it("name the console's parts and the minutes API's paths as their audiences do", () => {
    for (const part of consoleParts) {
      const keys = routes.filter((r) => r.handler === part.handler).map((r) => r.key);
      expect(keys.sort(), part.handler).toEqual(
        consolePartPaths(part)
          .map((path) => `ANY ${path}`)
          .sort(),
      );
    }
    for (const [handler, paths] of [
      ['http-secretariat-calendar-api', secretariatCalendarApiPaths],
      ['http-secretariat-records-api', secretariatRecordsApiPaths],
      ['http-secretariat-minutes-api', secretariatMinutesApiPaths],
    ] as const) {
      const keys = routes.filter((r) => r.handler === handler).map((r) => r.key);
      expect(keys.sort(), handler).toEqual(paths.map((path) => `ANY ${path}`).sort());
    }
  });
});

describe('each real URL reaches the function that serves it', () => {
  it('every function of the table has URLs here', () => {
    expect(Object.keys(expected).sort()).toEqual(httpFunctionTable.map((spec) => spec.handler).sort());
  });

  for (const [handler, urls] of Object.entries(expected)) {
    it.each(urls)(`${handler}: %s %s`, (method, path) => {
      expect(reach(method, path).handler).toBe(handler);
    });
  }

  it('…/console/ (the home with a slash) reaches $default under the strict reading of {proxy+}; the links function sends it on to …/console', () => {
    expect(reach('GET', `${c}/console/`).key).toBe('$default');
  });
});

describe('the secretariat is never open', () => {
  // Every path under /secretariat and /c/<county>/secretariat the table's routes suggest, and more.
  const secretariatPaths = [
    '/secretariat',
    '/secretariat/',
    '/secretariat/console',
    '/secretariat/minutes/x/y',
    `${c}/secretariat`,
    `${c}/secretariat/console/sign-in`,
    `${c}/secretariat/feeds/police-bureau/x.ics`,
    `${c}/secretariat/minutes/a/b/c/d`,
    `${c}/secretariat/contacts/x/revoke-links`,
    `${c}/secretariat/contacts/x/revoke-links/more`,
    ...routeKeys
      .filter((key) => key.includes('/secretariat'))
      .map((key) =>
        key
          .split(' ')[1]!
          .replace('{county}', 'chiayi-county')
          .replace(/\{[^}]+\+\}/, 'a/b')
          .replace(/\{[^}]+\}/g, 'x'),
      ),
  ];

  it.each(['GET', 'POST', 'PUT', 'DELETE', 'HEAD'])('%s: every /secretariat path reaches a route behind the JWT authorizer', (method) => {
    for (const path of secretariatPaths) {
      const route = reach(method, path);
      // A path the API has no route for at all would be $default's: only "/c/<county>/secretariat/"
      // with a trailing slash, whose greedy remainder is empty. The links function serves no
      // /secretariat path, so it answers 404 and nothing opens.
      if (path.endsWith('/secretariat/')) continue;
      expect(route.authorization, `${method} ${path} → ${route.key}`).toBe('JWT');
      expect(route.handler, `${method} ${path}`).toMatch(/^http-secretariat-/);
    }
  });
});
