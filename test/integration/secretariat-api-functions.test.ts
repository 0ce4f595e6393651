// The secretariat's JSON API as the AWS functions serve it (functions/handlers/http-secretariat-api.ts,
// -calendar-api.ts, -records-api.ts and -minutes-api.ts), each driven through its real handler with API Gateway HTTP
// API (payload 2.0) events, as the gateway sends them after its Cognito JWT authorizer: the claims it
// verified in requestContext.authorizer.jwt.claims, every value a string and `cognito:groups` as
// "[a b]". The functions trust those claims and verify no token themselves; what they must still
// refuse is checked here: no claims (a route without the authorizer), another county's group,
// another issuer or app client, an expired `exp`. Each function serves one route of each of its parts,
// and a path the gateway sends elsewhere is not found in it.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { useEmbeddedStack } from '../support/embedded-stack.ts';
import { testOccurrence } from '../support/test-occurrence.ts';
import { config, officeCalendar } from '../support/planning-fixtures.ts';
import { Temporal, todayInTaipei } from '../../functions/core/calendar/local-date.ts';
import { httpApiEvent } from '../support/http-api-event.ts';
import { localContext } from '../../lib/local-stack/lambda-context.ts';
import { createOccurrence } from '../../functions/adapters/dynamodb/occurrence-store.ts';
import { listClosures } from '../../functions/adapters/dynamodb/calendar-store.ts';
import { resetRuntime } from '../../functions/handlers/runtime.ts';
import { tableItems } from '../support/table-items.ts';

const stack = useEmbeddedStack();
const county = config.county.id;
const group = `secretariat-${county}`;
const series = config.series.find((s) => s.id === 'child-protection-case-conference')!;

// What the CDK gives both functions, for a made-up pool.
const issuer = 'https://cognito-idp.ap-northeast-1.amazonaws.com/ap-northeast-1_Ab12Cd34E';
const clientId = '5r2example0client0id0abcd';
const apiOrigin = 'https://a1b2c3d4e5.execute-api.ap-northeast-1.amazonaws.com';

type Result = { statusCode: number; headers?: Record<string, string>; body: string };
type Handler = (event: unknown, context: unknown) => Promise<Result>;
let meetingsApi: Handler;
let calendarApi: Handler;
let recordsApi: Handler;
let minutesApi: Handler;

const envNames = ['SECRETARIAT_JWT_ISSUER', 'SECRETARIAT_JWT_AUDIENCE', 'DOCUMENT_FUNCTION_NAME'] as const;
const envBefore = new Map<string, string | undefined>();

beforeAll(async () => {
  await createOccurrence(stack().table, testOccurrence({ seriesId: series.id, slotKey: '2026-03', date: '2026-03-25' }));
  for (const name of envNames) envBefore.set(name, process.env[name]);
  Object.assign(process.env, {
    SECRETARIAT_JWT_ISSUER: issuer,
    SECRETARIAT_JWT_AUDIENCE: clientId,
    // Only for the document routes to be mounted: no request here renders a document.
    DOCUMENT_FUNCTION_NAME: 'safetynet-documents-not-invoked',
  });
  resetRuntime();
  // Fresh handler modules, built from this file's environment (a worker may have loaded them for another file).
  vi.resetModules();
  const entry = async (module: Promise<unknown>) => ((await module) as { handler: Handler }).handler;
  meetingsApi = await entry(import('../../functions/handlers/http-secretariat-api.ts'));
  calendarApi = await entry(import('../../functions/handlers/http-secretariat-calendar-api.ts'));
  recordsApi = await entry(import('../../functions/handlers/http-secretariat-records-api.ts'));
  minutesApi = await entry(import('../../functions/handlers/http-secretariat-minutes-api.ts'));
});

afterAll(() => {
  for (const [name, value] of envBefore) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  resetRuntime();
  // Later files in this worker load the handlers with their own environment.
  vi.resetModules();
});

const epoch = () => Math.floor(Date.now() / 1000);

// The handlers keep the real clock and refuse a closure or a session on a day gone by, so the dates
// asked for are working days some weeks after today in Taipei: a fixed date (this file had 2027-03-03)
// would start failing the day CI runs after it.
function workingDayAfter(weeks: number): string {
  let day = todayInTaipei(Temporal.Now.instant()).add({ weeks });
  while (!officeCalendar.isWorkingDay(day)) day = day.add({ days: 1 });
  return day.toString();
}
const closureDate = workingDayAfter(12);
const adHocDate = workingDayAfter(13);

/** The claims as the gateway hands them over: strings, an array as "[a b]". */
function gatewayClaims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = epoch();
  return {
    sub: randomUUID(),
    'cognito:groups': `[${group}]`,
    iss: issuer,
    client_id: clientId,
    token_use: 'access',
    scope: 'openid email',
    auth_time: String(now - 5),
    iat: String(now - 5),
    exp: String(now + 3600),
    jti: randomUUID(),
    username: 'officer@chiayi.example.gov.tw',
    ...overrides,
  };
}

/** A request as API Gateway passes it on; `claims: null` is a route without the authorizer. */
async function call(
  handler: Handler,
  method: string,
  path: string,
  options: { claims?: Record<string, unknown> | null; body?: unknown } = {},
): Promise<{ status: number; headers: Headers; json: Record<string, unknown> }> {
  const url = new URL(path, apiOrigin);
  const claims = options.claims === undefined ? gatewayClaims() : options.claims;
  const event = httpApiEvent({
    method,
    url,
    routeKey: 'ANY /c/{county}/secretariat/{proxy+}',
    // The gateway passes the token on too; the functions only hash it for the audit trail.
    headers: {
      authorization: 'Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl',
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
    claims,
  });
  const result = await handler(event, localContext('http-secretariat-api'));
  const text = result.body;
  return {
    status: result.statusCode,
    headers: new Headers(result.headers ?? {}),
    json: text.startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : {},
  };
}

const base = `/c/${county}/secretariat`;
const meeting = `${series.id}/2026-03`;

describe('the secretariat API function (meetings and series)', () => {
  it('serves a meeting to the county secretariat, from the claims the gateway verified', async () => {
    const answer = await call(meetingsApi, 'GET', `${base}/meetings/${meeting}`);
    expect(answer.status, JSON.stringify(answer.json)).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store');
  });

  it('previews an ad-hoc session of a series, writing nothing', async () => {
    const before = await tableItems(stack().table);
    const open = config.series.find((s) => s.allowAdHocSessions)!;
    const answer = await call(meetingsApi, 'POST', `${base}/series/${open.id}/sessions/preview`, {
      body: { date: adHocDate, reason: '臨時加開' },
    });
    expect(answer.status, JSON.stringify(answer.json)).toBe(200);
    expect(String(answer.json.summary)).toMatch(/[\u4e00-\u9fff]/);
    expect(await tableItems(stack().table)).toEqual(before);
  });

  it('serves none of the other parts: the gateway sends those paths elsewhere', async () => {
    for (const path of ['minutes-status', `minutes/${meeting}`, 'audit', 'closures/preview', `meetings/${meeting}/minutes/approve`])
      expect((await call(meetingsApi, 'GET', `${base}/${path}`)).status, path).toBe(404);
  });
});

describe('the secretariat calendar API function (closures, office calendar, contacts)', () => {
  it('previews a closure for the county secretariat', async () => {
    const answer = await call(calendarApi, 'POST', `${base}/closures/preview`, { body: { date: closureDate, reason: '颱風停班' } });
    expect(answer.status, JSON.stringify(answer.json)).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store');
  });

  it('previews a new contact of a unit', async () => {
    const unit = config.units.find((u) => u.contacts.length > 0)!;
    const answer = await call(calendarApi, 'POST', `${base}/units/${unit.id}/contacts/preview`, {
      body: { contact: { id: 'new-officer', name: '測試 新聯絡人', email: 'new.officer@example.org' }, reason: '新任' },
    });
    expect(answer.status, JSON.stringify(answer.json)).toBe(200);
  });

  it('refuses another county’s secretariat with 403 and writes nothing', async () => {
    const before = await listClosures(stack().table);
    const answer = await call(calendarApi, 'POST', `${base}/closures`, {
      claims: gatewayClaims({ 'cognito:groups': '[secretariat-other-county]' }),
      body: { date: closureDate, reason: '颱風停班' },
    });
    expect(answer.status).toBe(403);
    expect(answer.json.message).toBe('此帳號不是本縣市的幕僚（secretariat）群組成員');
    expect(await listClosures(stack().table)).toEqual(before);
  });

  it('serves none of the other parts', async () => {
    for (const path of [`meetings/${meeting}`, 'audit', 'minutes-status'])
      expect((await call(calendarApi, 'GET', `${base}/${path}`)).status, path).toBe(404);
  });
});

describe('the secretariat records API function (notices, audit, follow-up, held replies, feeds)', () => {
  it.each([
    ['the audit trail', 'audit'],
    ['the follow-up list', 'follow-up'],
    ['notices that could not be sent', 'notices/problems'],
    ['held replies', 'held-replies'],
    ['calendar feeds', 'feeds'],
  ])('serves %s to the county secretariat, from the claims the gateway verified', async (_, path) => {
    const answer = await call(recordsApi, 'GET', `${base}/${path}`);
    expect(answer.status, JSON.stringify(answer.json)).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store');
  });

  it('serves none of the other parts', async () => {
    for (const path of [`meetings/${meeting}`, 'closures/preview', 'minutes-status'])
      expect((await call(recordsApi, 'GET', `${base}/${path}`)).status, path).toBe(404);
  });
});

describe('the secretariat minutes API function', () => {
  it.each([
    ['a meeting’s minutes', `minutes/${meeting}`],
    ['the minutes status', 'minutes-status'],
    ['open action items', 'action-items'],
    ['what is overdue', 'overdue'],
    ['the notice settings', 'documents/notice-settings'],
  ])('serves %s to the county secretariat, from the claims the gateway verified', async (_, path) => {
    const answer = await call(minutesApi, 'GET', `${base}/${path}`);
    expect(answer.status, JSON.stringify(answer.json)).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store');
  });

  it('revokes a contact’s links for the secretariat', async () => {
    const contact = config.units.find((u) => u.contacts.length > 0)!.contacts[0]!;
    const answer = await call(minutesApi, 'POST', `${base}/contacts/${contact.id}/revoke-links`);
    expect(answer.status, JSON.stringify(answer.json)).toBe(200);
    expect(answer.json).toEqual({ contactId: contact.id, linkVersion: 1 });
  });

  it('decides on a meeting’s minutes: with none written yet, a zh-TW refusal from the use case, not a missing route', async () => {
    const answer = await call(minutesApi, 'POST', `${base}/meetings/${meeting}/minutes/approve`, { body: { reason: '核定' } });
    expect(answer.status).toBe(404);
    expect(answer.json).toMatchObject({ error: 'no-minutes', message: `${series.name.zh} 2026-03-25 的會議還沒有人填寫紀錄` });
  });

  it('serves none of the other parts', async () => {
    for (const path of ['audit', `meetings/${meeting}`, 'closures/preview'])
      expect((await call(minutesApi, 'GET', `${base}/${path}`)).status, path).toBe(404);
  });
});

describe.each([
  ['meetings', () => meetingsApi, `meetings/${meeting}`],
  ['calendar', () => calendarApi, 'closures/preview'],
  ['records', () => recordsApi, 'follow-up'],
  ['minutes', () => minutesApi, 'minutes-status'],
])('the %s function refuses what the gateway would not, or could not, have checked', (_, handler, path) => {
  // The calendar part only takes changes: its previews write nothing.
  const method = path === 'closures/preview' ? 'POST' : 'GET';
  const body = method === 'POST' ? { body: { date: closureDate, reason: '颱風停班' } } : {};
  it('takes the group as the gateway writes it ("[a b]") and as a JSON array', async () => {
    const both = `[secretariat-other-county ${group}]`;
    expect((await call(handler(), method, `${base}/${path}`, { ...body, claims: gatewayClaims({ 'cognito:groups': both }) })).status).toBe(
      200,
    );
    const array = gatewayClaims({ 'cognito:groups': ['secretariat-other-county', group], exp: epoch() + 600 });
    expect((await call(handler(), method, `${base}/${path}`, { ...body, claims: array })).status).toBe(200);
  });

  it('answers a request without verified claims 401 with a zh-TW refusal and a Bearer challenge: a route without the authorizer is not open', async () => {
    const answer = await call(handler(), method, `${base}/${path}`, { ...body, claims: null });
    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer realm="secretariat", error="invalid_request"/);
    expect(answer.json.message).toMatch(/^請以本縣市幕僚帳號登入，並以 Authorization: Bearer <權杖> 傳送（/);
  });

  it('tells a person whose sign-in expired, in zh-TW, to sign in again', async () => {
    const answer = await call(handler(), method, `${base}/${path}`, { ...body, claims: gatewayClaims({ exp: String(epoch() - 1) }) });
    expect(answer.status).toBe(401);
    expect(answer.json.message).toBe('權杖無效或已過期，請重新登入取得（the token is not valid or has expired）');
  });

  it.each([
    ['another county’s group', { 'cognito:groups': '[secretariat-other-county]' }, 403],
    ['no group at all', { 'cognito:groups': undefined }, 403],
    ['an expired exp', { exp: String(epoch() - 60) }, 401],
    ['no exp', { exp: undefined }, 401],
    ['another issuer', { iss: 'https://cognito-idp.ap-northeast-1.amazonaws.com/ap-northeast-1_Other' }, 401],
    ['another app client', { client_id: 'another-client' }, 401],
    ['a refresh token', { token_use: 'refresh' }, 401],
    ['no subject', { sub: undefined }, 401],
  ])('refuses claims with %s', async (_, overrides, status) => {
    const claims = Object.fromEntries(Object.entries(gatewayClaims(overrides)).filter(([, v]) => v !== undefined));
    const answer = await call(handler(), method, `${base}/${path}`, { ...body, claims });
    expect(answer.status).toBe(status);
    expect(String(answer.json.message)).toMatch(/[\u4e00-\u9fff]/);
  });
});
