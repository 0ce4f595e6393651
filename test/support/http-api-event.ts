// An API Gateway HTTP API (payload 2.0) event, as AWS hands it to an HTTP function. The tests that
// drive the real Lambda handlers the way the gateway does each wrote this shape out by hand; one
// builder keeps them sending the same event, and a change in what the gateway sends is made once.
import { randomUUID } from 'node:crypto';
import type {
  APIGatewayEventRequestContextJWTAuthorizer,
  APIGatewayEventRequestContextV2,
  APIGatewayProxyEventV2WithRequestContext,
} from 'aws-lambda';

/** The event; `authorizer` only on a route behind the JWT authorizer, with the claims it verified. */
export type HttpApiEvent = APIGatewayProxyEventV2WithRequestContext<
  APIGatewayEventRequestContextV2 & { authorizer?: APIGatewayEventRequestContextJWTAuthorizer }
>;

type JwtClaims = APIGatewayEventRequestContextJWTAuthorizer['jwt']['claims'];

export type HttpApiRequest = {
  method: string;
  /** The URL the browser asked for (only its host, path and query are read). */
  url: Pick<URL, 'host' | 'pathname' | 'search'>;
  /** The route the gateway matched, e.g. `ANY /c/{county}/console/{proxy+}` or `$default`. */
  routeKey: string;
  /** Beside `host` and `user-agent`, which every request has. */
  headers?: Record<string, string | undefined>;
  /** The gateway moves the Cookie header here, one entry a cookie. */
  cookies?: string[] | undefined;
  body?: string | undefined;
  isBase64Encoded?: boolean;
  /** What the JWT authorizer verified. The gateway sends every claim as a string; a test may send other shapes to see them refused. */
  claims?: Record<string, unknown> | null | undefined;
};

export function httpApiEvent(request: HttpApiRequest): HttpApiEvent {
  const { method, url, routeKey, claims } = request;
  return {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    ...(request.cookies ? { cookies: request.cookies } : {}),
    headers: { host: url.host, 'user-agent': 'vitest', ...request.headers },
    requestContext: {
      accountId: '123456789012',
      apiId: 'a1b2c3d4e5',
      ...(claims ? { authorizer: { jwt: { claims: claims as JwtClaims, scopes: null } } } : {}),
      domainName: url.host,
      domainPrefix: 'a1b2c3d4e5',
      http: { method, path: url.pathname, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'vitest' },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
    ...(request.body !== undefined ? { body: request.body } : {}),
    isBase64Encoded: request.isBase64Encoded ?? false,
  };
}
