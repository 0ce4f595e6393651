// What the HTTP functions share (http-links.ts, http-console.ts, http-secretariat-api.ts and their
// parts): each builds its app once per container, during Lambda's init phase, so the county files are
// validated and the link-signing key read from Secrets Manager before the first request rather than
// during someone's click; API Gateway's HTTP API events reach it through the adapter below.
//
// The adapter is hand-written rather than hono/aws-lambda's handle() because of size (issue 13, lean
// Lambdas): handle() was 4.8 KB of every HTTP function, for four event kinds (REST API v1, ALB,
// VPC Lattice, HTTP API v2) of which API Gateway's HTTP API sends one, payload format 2.0; this is
// about 1 KB (hono/aws-lambda is also deprecated, to leave Hono in v5). It does what handle() does
// with a 2.0 event, step for step: the same Request (cookies joined into one Cookie header, non-ASCII
// header values percent-encoded, a base64 body decoded), the same env for the app ({ event,
// requestContext, lambdaContext }: the API functions read the authorizer's claims there), and the
// same result (a body base64-encoded unless its type is text, JSON or XML and it is not compressed,
// Set-Cookie headers as the cookies list). Not done: other event kinds (a 1.0 event is answered 400),
// response streaming, a custom binary test. test/unit/http/http-lambda.test.ts holds it to handle()
// as the oracle (hono stays a dependency).
import type { Context } from 'aws-lambda';
import type { Hono } from 'hono';
import type { APIGatewayProxyResult, LambdaEvent } from 'hono/aws-lambda';

/** What API Gateway's HTTP API sends (payload format 2.0), as hono/aws-lambda types it. */
type APIGatewayProxyEventV2 = Extract<LambdaEvent, { rawPath: string }>;
import { logger } from './runtime.ts';

export type HttpHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyResult>;

export function httpHandler(app: Hono): HttpHandler {
  const serve = serveHttpApi(app);
  return async (event, context) => {
    logger.addContext(context);
    return serve(event, context);
  };
}

/** The app behind API Gateway's HTTP API (payload format 2.0). */
export function serveHttpApi(app: Pick<Hono, 'fetch'>): HttpHandler {
  return async (event, lambdaContext) => {
    let request: Request;
    try {
      request = requestOf(event);
    } catch (error) {
      // As handle(): a request that cannot be built (a 1.0 event, a bad URL or header) is the caller's fault.
      console.error('Error processing request:', error);
      return resultOf(
        error instanceof TypeError
          ? new Response('Invalid request', { status: 400 })
          : new Response('Internal Server Error', { status: 500 }),
      );
    }
    return resultOf(await app.fetch(request, { event, requestContext: event.requestContext, lambdaContext }));
  };
}

function requestOf(event: APIGatewayProxyEventV2): Request {
  const host = event.requestContext && 'domainName' in event.requestContext ? event.requestContext.domainName : event.headers?.host;
  const path = `https://${host}${event.rawPath}`;
  const headers = new Headers();
  if (Array.isArray(event.cookies)) headers.set('Cookie', event.cookies.join('; '));
  for (const [name, value] of Object.entries(event.headers ?? {}))
    // A header value must be ASCII; Hono percent-encodes one that is not rather than fail the request.
    if (value) headers.set(name, /[\u0080-\uffff]/.test(value) ? encodeURIComponent(value) : value);
  const init: RequestInit = { method: event.requestContext.http.method, headers };
  if (event.body) {
    const body = event.isBase64Encoded ? Buffer.from(event.body, 'base64') : new TextEncoder().encode(event.body);
    init.body = body;
    headers.set('content-length', String(body.length));
  }
  return new Request(event.rawQueryString ? `${path}?${event.rawQueryString}` : path, init);
}

/** Hono's test for a body API Gateway must receive base64-encoded: anything but text, JSON and XML. */
const isBinaryType = (type: string) =>
  /^application\/vnd\.(?:apple\.installer|mozilla\.xul)\+xml\s*(?:;|$)/i.test(type) ||
  !/^text\/(?:plain|html|css|javascript|csv)|(?:\/|\+)(?:json|xml)\s*(?:;|$)/i.test(type);

async function resultOf(response: Response): Promise<APIGatewayProxyResult> {
  const type = response.headers.get('content-type');
  const encoding = response.headers.get('content-encoding');
  const isBase64Encoded = (type !== null && isBinaryType(type)) || (!!encoding && !/^identity$/i.test(encoding));
  const body = isBase64Encoded ? Buffer.from(await response.arrayBuffer()).toString('base64') : await response.text();
  const headers: Record<string, string> = {};
  const result: APIGatewayProxyResult = { body, statusCode: response.status, isBase64Encoded, headers };
  if (response.headers.has('set-cookie')) {
    result.cookies = response.headers.getSetCookie();
    response.headers.delete('set-cookie');
  }
  // Headers.forEach joins repeated headers with ", ", as handle() leaves them; Set-Cookie went above.
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return result;
}
