// The HTTP functions' own adapter from API Gateway's HTTP API to the app (functions/handlers/http-lambda.ts)
// answers every payload-format-2.0 event as hono/aws-lambda's handle() does, which stays here as the
// oracle: the same Request reaches the app, with the same env, and the same result goes back.
import { gzipSync } from 'node:zlib';
import type { Context } from 'aws-lambda';
import fc from 'fast-check';
import { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';
import { describe, expect, it } from 'vitest';
import { serveHttpApi, type HttpHandler } from '../../../functions/handlers/http-lambda.ts';
import { httpApiEvent } from '../../support/http-api-event.ts';

type HttpApiEvent = Parameters<HttpHandler>[0];

const lambdaContext = { awsRequestId: 'req-1', functionName: 'http-links' } as Context;

/** Routes that show what the app was given and answer each kind of body the functions send. */
function probeApp(): Hono {
  const app = new Hono();
  app.all('/c/:county/echo/*', async (c) => {
    const env = c.env as { event?: { routeKey?: string }; requestContext?: { requestId?: string }; lambdaContext?: Context };
    const body = new Uint8Array(await c.req.arrayBuffer());
    return c.json({
      method: c.req.method,
      url: c.req.url,
      headers: [...c.req.raw.headers],
      body: Buffer.from(body).toString('hex'),
      routeKey: env.event?.routeKey,
      requestId: env.requestContext?.requestId,
      lambda: env.lambdaContext?.awsRequestId,
    });
  });
  app.get('/page', (c) => c.html('<p>會議紀錄</p>'));
  app.get('/text', (c) => c.text('已收到您的回覆'));
  app.get('/pdf', (c) => c.body(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0xfe]), 200, { 'content-type': 'application/pdf' }));
  app.get('/ics', (c) => c.body('BEGIN:VCALENDAR\r\n', 200, { 'content-type': 'text/calendar; charset=utf-8' }));
  app.get('/odt', (c) => c.body(new Uint8Array([0x50, 0x4b, 3, 4]), 200, { 'content-type': 'application/vnd.oasis.opendocument.text' }));
  app.get('/gzip', (c) => c.body(gzipSync('壓縮'), 200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' }));
  app.get('/identity', (c) => c.body('plain', 200, { 'content-type': 'application/json', 'content-encoding': 'identity' }));
  app.get('/xul', (c) => c.body('<x/>', 200, { 'content-type': 'application/vnd.mozilla.xul+xml' }));
  app.get('/untyped', () => new Response('no type'));
  app.post('/sign-in', (c) => {
    c.header('set-cookie', 'session=abc; HttpOnly; Secure; Path=/', { append: true });
    c.header('set-cookie', 'attempt=; Max-Age=0; Path=/', { append: true });
    c.header('vary', 'Cookie', { append: true });
    c.header('vary', 'Accept', { append: true });
    return c.redirect('/c/chiayi-county/console', 303);
  });
  app.get('/empty', (c) => c.body(null, 204));
  app.get('/throws', () => {
    throw new Error('boom');
  });
  return app;
}

type EventOptions = {
  method?: string;
  path: string;
  query?: string;
  headers?: Record<string, string | undefined>;
  cookies?: string[];
  body?: string;
  isBase64Encoded?: boolean;
  domainName?: string | null;
};

/**
 * The gateway's event with what the adapters must cope with as each case gives it: the headers
 * exactly as listed (only Host by default), the path and query unparsed, the context's domain name
 * absent or not a host, and a fixed request id for the echo route to hand back.
 */
function probeEvent(o: EventOptions): HttpApiEvent {
  const event = httpApiEvent({
    method: o.method ?? 'GET',
    url: { host: 'meetings.example.org', pathname: o.path, search: o.query ? `?${o.query}` : '' },
    routeKey: '$default',
    cookies: o.cookies,
    isBase64Encoded: o.isBase64Encoded,
  });
  const { domainName: _domainName, ...context } = event.requestContext;
  // Cast to hono's event type (which says authentication is null), and a context without domainName
  // (which API Gateway always sends) is one of the cases tried.
  return {
    ...event,
    headers: o.headers ?? { host: 'meetings.example.org' },
    requestContext: {
      ...context,
      ...(o.domainName === null ? {} : { domainName: o.domainName ?? 'meetings.example.org' }),
      requestId: 'gw-1',
    },
    body: o.body ?? null,
  } as unknown as HttpApiEvent;
}

async function both(app: Hono, options: EventOptions) {
  const event = probeEvent(options);
  const ours = await serveHttpApi(app)(structuredClone(event), lambdaContext);
  const hono = await handle(app)(structuredClone(event), lambdaContext);
  return { ours, hono };
}

describe('the HTTP functions’ API Gateway adapter, held to hono/aws-lambda', () => {
  const app = probeApp();

  it.each<[string, EventOptions]>([
    ['an HTML page', { path: '/page' }],
    ['a text answer', { path: '/text' }],
    ['a PDF, base64-encoded', { path: '/pdf' }],
    ['an iCalendar file, as text', { path: '/ics' }],
    ['an ODT document, base64-encoded', { path: '/odt' }],
    ['a compressed body, base64-encoded whatever its type', { path: '/gzip' }],
    ['an identity-encoded body, as text', { path: '/identity' }],
    ['an XUL file, which Hono counts as binary', { path: '/xul' }],
    ['a body without a type', { path: '/untyped' }],
    ['two Set-Cookie headers as the cookies list, a repeated header joined', { method: 'POST', path: '/sign-in' }],
    ['a 204 without a body', { path: '/empty' }],
    ['a route the app does not have', { path: '/nowhere' }],
    ['an error in the app', { path: '/throws' }],
    [
      'a form post with cookies, a query and a non-ASCII header',
      {
        method: 'POST',
        path: '/c/chiayi-county/echo/minutes/abc',
        query: 'lang=zh-TW&q=%E6%9C%83%E8%AD%B0',
        cookies: ['session=abc', 'csrf=xyz'],
        headers: { host: 'meetings.example.org', 'content-type': 'application/x-www-form-urlencoded', 'x-name': '王小明', empty: '' },
        body: 'attendance=%E5%87%BA%E5%B8%AD&note=ok',
      },
    ],
    [
      'a base64-encoded body',
      { method: 'PUT', path: '/c/chiayi-county/echo/x', body: Buffer.from([0, 1, 2, 250, 255]).toString('base64'), isBase64Encoded: true },
    ],
    ['the host from the Host header when the context has no domain name', { path: '/c/x/echo/', domainName: null }],
    ['a host that makes no URL', { path: '/page', domainName: 'bad host' }],
  ])('answers %s as handle() does', async (_label, options) => {
    const { ours, hono } = await both(app, options);
    expect(ours).toEqual(hono);
  });

  it('gives the app the gateway event, its request context and the Lambda context, as handle() does', async () => {
    const { ours } = await both(app, { path: '/c/chiayi-county/echo/a' });
    expect(JSON.parse(ours.body)).toMatchObject({ routeKey: '$default', requestId: 'gw-1', lambda: 'req-1' });
  });

  it('answers any request of the HTTP API as handle() does (property)', async () => {
    const token = fc.stringMatching(/^[A-Za-z0-9._~-]{1,12}$/);
    const headerValue = fc.oneof(fc.stringMatching(/^[ -~]{0,20}$/), fc.constantFrom('嘉義縣', 'é', ''));
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'),
          path: fc.array(token, { maxLength: 4 }).map((parts) => `/c/chiayi-county/echo/${parts.join('/')}`),
          query: fc.oneof(
            fc.constant(''),
            fc.array(fc.tuple(token, token), { maxLength: 3 }).map((p) => p.map(([k, v]) => `${k}=${v}`).join('&')),
          ),
          headers: fc.dictionary(fc.stringMatching(/^x-[a-z]{1,8}$/), headerValue, { maxKeys: 4 }),
          cookies: fc.option(
            fc.array(
              token.map((t) => `${t}=1`),
              { maxLength: 3 },
            ),
            { nil: undefined },
          ),
          body: fc.option(fc.string({ unit: 'grapheme', maxLength: 40 }), { nil: undefined }),
          isBase64Encoded: fc.boolean(),
        }),
        async ({ method, body, isBase64Encoded, headers, ...rest }) => {
          const sendsBody = method !== 'GET' && body !== undefined;
          const options: EventOptions = {
            ...rest,
            method,
            headers: { host: 'meetings.example.org', ...headers },
            ...(sendsBody ? { body: isBase64Encoded ? Buffer.from(body).toString('base64') : body, isBase64Encoded } : {}),
          };
          const { ours, hono } = await both(app, options);
          expect(ours).toEqual(hono);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('answers a REST API (payload 1.0) event 400 rather than guess at it: the HTTP API sends 2.0 only', async () => {
    const v1 = { httpMethod: 'GET', path: '/page', headers: {}, body: null, isBase64Encoded: false, requestContext: {} };
    const result = await serveHttpApi(app)(v1 as never, lambdaContext);
    expect(result).toMatchObject({ statusCode: 400, body: 'Invalid request' });
  });
});
