// The console as the six Lambda functions AWS runs (functions/handlers/http-console*.ts), each alone:
// every request goes to the one handler API Gateway would pick for it (console-parts.ts, the pages'
// greedy pair for the rest), as an HTTP API (payload 2.0) event, configured only by the environment
// the CDK gives it. Each function serves one page of each of its sections to a signed-in browser (a
// session stored as the sign-in callback stores it, in DynamoDB Local), sends a browser without one
// to …/console/sign-in, and refuses a change without the session's CSRF token, writing nothing. The
// sign-in function signs out (the session deleted, the browser sent to Cognito's logout) and says in
// zh-TW when the sign-in service cannot be reached.
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useEmbeddedStack } from '../support/embedded-stack.ts';
import { config, officeCalendar, testUid } from '../support/planning-fixtures.ts';
import { planSeries } from '../../functions/core/planning/plan-series.ts';
import type { Occurrence } from '../../functions/core/planning/occurrence.ts';
import { Temporal, todayInTaipei } from '../../functions/core/calendar/local-date.ts';
import { httpApiEvent } from '../support/http-api-event.ts';
import { localContext } from '../../lib/local-stack/lambda-context.ts';
import { consolePaths } from '../../lib/constructs/meeting-http-api.ts';
import { createOccurrence } from '../../functions/adapters/dynamodb/occurrence-store.ts';
import { createSession, findActiveSession } from '../../functions/adapters/dynamodb/session-store.ts';
import { listRosterChanges } from '../../functions/adapters/dynamodb/roster-store.ts';
import { listActions } from '../../functions/adapters/dynamodb/secretariat-action-store.ts';
import { newSessionTimes } from '../../functions/core/access/console-session.ts';
import { resetRuntime } from '../../functions/handlers/runtime.ts';
import { consolePartPaths, consoleParts, meetingActionNamesForRoutes } from '../../functions/http/console/console-parts.ts';
import { meetingActionNames } from '../../functions/http/console/meeting-actions.ts';

const stack = useEmbeddedStack();
const county = config.county.id;
const base = `/c/${county}/console`;
const origin = 'https://a1b2c3d4e5.execute-api.ap-northeast-1.amazonaws.com';
const loginDomain = 'https://safetynet-chiayi.auth.ap-northeast-1.amazoncognito.com';
const series = config.series.find((s) => s.id === 'child-protection-case-conference')!;
// The meeting of the month after next in Taipei, or of February when that is January: the series
// meets February to December (activeMonths), so a stored January meeting would be one the planner
// cancels with or without a move, and a preview of its move rightly shows no change. The handlers
// keep the real clock and refuse to move a meeting gone by, so a fixed month (this file had 2027-02)
// would start failing the day CI runs after its meeting.
const slotMonth = (() => {
  const month = todayInTaipei(Temporal.Now.instant()).toPlainYearMonth().add({ months: 2 });
  return month.month === 1 ? month.add({ months: 1 }) : month;
})();
const slotKey = slotMonth.toString();
const meeting = `/meetings/${series.id}/${slotKey}`;

const leader = config.units.flatMap((u) => u.contacts).find((c) => c.id === 'police-wc-leader')!;

/** The meeting as a planning run today creates it (date, chair and venue the series gives). */
function plannedMeeting(): Occurrence {
  const planned = planSeries({
    series,
    calendar: officeCalendar,
    overrides: [],
    stored: [],
    now: Temporal.Now.instant(),
    horizonMonths: config.planningHorizonMonths,
    newUid: testUid,
  }).changes.find((c) => c.kind === 'create' && c.occurrence.slotKey === slotKey);
  if (planned?.kind !== 'create') throw new Error(`the planner gives no ${slotKey} meeting today`);
  if (!planned.occurrence.date.startsWith(`${slotKey}-`))
    throw new Error(`the ${slotKey} meeting is planned on ${planned.occurrence.date}`);
  return planned.occurrence;
}
const planned = plannedMeeting();
const plannedDate = Temporal.PlainDate.from(planned.date);
// Moved to the next working day: a date the move accepts without forcing it.
let movedTo = plannedDate.add({ days: 1 });
while (!officeCalendar.isWorkingDay(movedTo)) movedTo = movedTo.add({ days: 1 });

/** `116年2月24日（星期三）下午2時`, as a notice writes a meeting's time: written out here, not the product's formatter. */
function asNoticed(date: Temporal.PlainDate, start: string): string {
  const [hour, minute] = start.split(':').map(Number) as [number, number];
  const clock = `${hour < 12 ? '上午' : hour === 12 && minute === 0 ? '中午' : '下午'}${hour > 12 ? hour - 12 : hour}時${minute ? `${minute}分` : ''}`;
  return `${date.year - 1911}年${date.month}月${date.day}日（星期${'一二三四五六日'[date.dayOfWeek - 1]}）${clock}`;
}

/** A page's words, as a person reads them. */
const text = (markup: string) => markup.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

type LambdaResult = { statusCode: number; headers?: Record<string, string>; cookies?: string[]; body: string };
type LambdaHandler = (event: unknown, context: unknown) => Promise<LambdaResult>;
const handlerNames = [
  'http-console',
  'http-console-sign-in',
  'http-console-meeting-actions',
  'http-console-minutes',
  'http-console-contacts',
  'http-console-records',
] as const;
type HandlerName = (typeof handlerNames)[number];
let handlers: Record<HandlerName, LambdaHandler>;

// The settings as the CDK gives them. The issuer is a loopback port nothing listens on: no test
// here signs in (the session is stored directly), and the sign-in's discovery fails at once.
const consoleEnv = {
  SECRETARIAT_JWT_ISSUER: 'http://127.0.0.1:9',
  SECRETARIAT_JWT_AUDIENCE: '5r2example0client0id0abcd',
  SECRETARIAT_LOGIN_URL: loginDomain,
  PUBLIC_BASE_URL: origin,
};
const envBefore = new Map<string, string | undefined>();

beforeAll(async () => {
  for (const [name, value] of Object.entries(consoleEnv)) {
    envBefore.set(name, process.env[name]);
    process.env[name] = value;
  }
  resetRuntime();
  // Each handler builds its app once, at import: this file's own instances (the query makes them
  // distinct modules), with this file's table and settings.
  const fresh = async (name: HandlerName) =>
    ((await import(/* @vite-ignore */ `../../functions/handlers/${name}.ts?console-functions`)) as { handler: LambdaHandler }).handler;
  handlers = Object.fromEntries(await Promise.all(handlerNames.map(async (name) => [name, await fresh(name)]))) as Record<
    HandlerName,
    LambdaHandler
  >;
  // As the planner stores it, and invited already: a move sends every invitee the update.
  await createOccurrence(stack().table, { ...planned, invitedSequence: 0 });
});

afterAll(() => {
  for (const [name, value] of envBefore) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  resetRuntime();
});

/** The function API Gateway picks for a path: a part's route if one matches, else the pages' greedy pair. */
function gatewayRoute(path: string): { routeKey: string; handler: HandlerName } {
  const matches = (template: string) => new RegExp(`^${template.replace('{proxy+}', '.*').replace(/\{[A-Za-z]+\}/g, '[^/]+')}$`).test(path);
  for (const part of consoleParts) {
    const template = consolePartPaths(part).find(matches);
    if (template) return { routeKey: `ANY ${template}`, handler: part.handler as HandlerName };
  }
  const template = consolePaths.find(matches);
  if (!template) throw new Error(`no console route for ${path}`);
  return { routeKey: `ANY ${template}`, handler: 'http-console' };
}

async function request(
  method: 'GET' | 'POST',
  path: string,
  init: { cookie?: string; form?: Record<string, string> } = {},
): Promise<LambdaResult & { handler: HandlerName }> {
  const url = new URL(path, origin);
  const { routeKey, handler } = gatewayRoute(url.pathname);
  const event = httpApiEvent({
    method,
    url,
    routeKey,
    cookies: init.cookie ? [init.cookie] : undefined,
    headers: init.form ? { 'content-type': 'application/x-www-form-urlencoded', origin } : {},
    body: init.form ? new URLSearchParams(init.form).toString() : undefined,
  });
  return { ...(await handlers[handler](event, localContext(handler))), handler };
}

/** A session as the sign-in callback stores it. */
async function signedIn(): Promise<{ cookie: string; csrfToken: string; id: string }> {
  const id = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  await createSession(stack().table, id, {
    ...newSessionTimes(new Date()),
    subject: `officer-${randomUUID()}`,
    displayName: '測試承辦人',
    csrfToken,
  });
  return { cookie: `sn_console=${id}`, csrfToken, id };
}

const location = (result: LambdaResult) => result.headers?.location ?? result.headers?.Location;
const header = (result: LambdaResult, name: string) =>
  Object.entries(result.headers ?? {}).find(([key]) => key.toLowerCase() === name)?.[1];

/** One page of each section, by the function that must serve it, and a heading only that page has. */
const pages: Array<{ handler: HandlerName; path: string; heading: string }> = [
  { handler: 'http-console', path: '/', heading: '總覽' },
  { handler: 'http-console', path: meeting, heading: series.name.zh },
  { handler: 'http-console', path: '/plan', heading: '會議計畫' },
  { handler: 'http-console', path: '/rotation', heading: '主持輪值' },
  { handler: 'http-console-meeting-actions', path: `${meeting}/move`, heading: '改期：' },
  { handler: 'http-console-meeting-actions', path: `/series/${series.id}/sessions/new`, heading: '新增臨時會議：' },
  { handler: 'http-console-minutes', path: '/minutes', heading: '會議紀錄' },
  { handler: 'http-console-minutes', path: '/follow-up', heading: '待辦' },
  { handler: 'http-console-minutes', path: '/held-replies', heading: '非受邀者' },
  { handler: 'http-console-minutes', path: '/failed-notices', heading: '寄送失敗' },
  { handler: 'http-console-minutes', path: '/audit', heading: '稽核紀錄' },
  { handler: 'http-console-contacts', path: '/contacts', heading: '聯絡人' },
  { handler: 'http-console-records', path: '/office-calendar', heading: '辦公日曆' },
];

describe('the console as six functions', () => {
  it("routes each page to the function that serves it, and every meeting action's path to the actions function", () => {
    for (const page of pages) expect(gatewayRoute(`${base}${page.path}`).handler, page.path).toBe(page.handler);
    // The gateway's list of actions is data (console-parts.ts): it must name every action the page offers.
    expect([...meetingActionNamesForRoutes].sort()).toEqual(meetingActionNames().sort());
    for (const name of meetingActionNames()) {
      expect(gatewayRoute(`${base}${meeting}/${name}`).handler, name).toBe('http-console-meeting-actions');
      expect(gatewayRoute(`${base}${meeting}/${name}/preview`).handler, name).toBe('http-console-meeting-actions');
    }
    // A meeting's downloads stay with its page.
    expect(gatewayRoute(`${base}${meeting}/sign-in-sheet.pdf`).handler).toBe('http-console');
    for (const path of ['/sign-in', '/callback', '/sign-out', '/signed-out'])
      expect(gatewayRoute(`${base}${path}`).handler, path).toBe('http-console-sign-in');
  });

  it.each(pages)('$handler serves $path to a signed-in browser', async ({ handler, path, heading }) => {
    const { cookie } = await signedIn();
    const page = await request('GET', `${base}${path}`, { cookie });
    expect(page.handler).toBe(handler);
    expect(page.statusCode, page.body.slice(0, 500)).toBe(200);
    const h1 = /<h1>([^<]*)<\/h1>/.exec(page.body)?.[1] ?? '';
    expect(h1).toContain(heading);
    // The layout's navigation leads to every section, whichever function serves it.
    for (const section of ['/plan', '/minutes', '/contacts', '/office-calendar', '/audit'])
      expect(page.body).toContain(`href="${base}${section}"`);
    // The 登出 form posts to the sign-in function, which sends the browser on to Cognito's logout.
    expect(page.body).toContain(`action="${base}/sign-out"`);
    expect(header(page, 'content-security-policy')).toContain(`form-action 'self' ${loginDomain}`);
    expect(header(page, 'cache-control')).toBe('no-store');
  });

  it.each(pages)('$handler sends a browser without a session from $path to sign in', async ({ path }) => {
    const page = await request('GET', `${base}${path}`);
    expect(page.statusCode).toBe(302);
    expect(location(page)).toBe(`${base}/sign-in?return=${encodeURIComponent(`${base}${path}`)}`);
    expect(page.body).not.toContain(series.name.zh);
    // …which is the sign-in function's.
    expect(gatewayRoute(`${base}/sign-in`).handler).toBe('http-console-sign-in');
  });

  it('answers a console address no page has with a 404 page in zh-TW, and sends a browser without a session to sign in first', async () => {
    const { cookie } = await signedIn();
    const missing = await request('GET', `${base}/no-such-page`, { cookie });
    expect(missing.handler).toBe('http-console');
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('<h1>找不到這個頁面</h1>');
    expect(missing.body).toContain(`href="${base}/"`);
    // The same inside a part: an address below its section that does not exist.
    const inPart = await request('GET', `${base}/minutes/no-such-page`, { cookie });
    expect(inPart.handler).toBe('http-console-minutes');
    expect(inPart.statusCode).toBe(404);
    expect(inPart.body).toContain('找不到這個頁面');
    expect((await request('GET', `${base}/no-such-page`)).statusCode).toBe(302);
  });

  it('refuses a change without the CSRF token in the contacts function, writing nothing, and makes it with the token', async () => {
    const { cookie, csrfToken } = await signedIn();
    const writes = async () => ({ roster: await listRosterChanges(stack().table), actions: await listActions(stack().table) });
    const before = await writes();
    const fields = {
      'contact.id': 'new-officer',
      'contact.name': '王小明',
      'contact.email': 'new.officer@example.org',
      reason: '新任承辦人',
    };
    const path = `${base}/contacts/police-women-children/add/confirm`;
    for (const form of [fields, { ...fields, _csrf: randomBytes(32).toString('base64url') }]) {
      const refused = await request('POST', path, { cookie, form });
      expect(refused.handler).toBe('http-console-contacts');
      expect(refused.statusCode).toBe(403);
      expect(refused.body).toContain('表單已失效');
    }
    // Without a session: to sign in, never a change.
    const anonymous = await request('POST', path, { form: { ...fields, _csrf: csrfToken } });
    expect(anonymous.statusCode).toBe(303);
    expect(location(anonymous)).toBe(`${base}/sign-in`);
    expect(await writes()).toEqual(before);

    // The control: with the session's token the contact is added and audited, and the browser sent to the section.
    const added = await request('POST', path, { cookie, form: { ...fields, _csrf: csrfToken } });
    expect(added.statusCode, added.body.slice(0, 800)).toBe(303);
    expect(location(added)).toMatch(new RegExp(`^${base}/contacts\\?done=`));
    const after = await writes();
    expect(after.roster.length).toBe(before.roster.length + 1);
    expect(after.actions.length).toBe(before.actions.length + 1);
  });

  it("previews a meeting's move in the actions function, alone: the planner runs there, and nothing is written", async () => {
    const { cookie, csrfToken } = await signedIn();
    const before = await listActions(stack().table);
    const preview = await request('POST', `${base}${meeting}/move/preview`, {
      cookie,
      form: { _csrf: csrfToken, date: movedTo.toString(), reason: '場地整修' },
    });
    expect(preview.handler).toBe('http-console-meeting-actions');
    expect(preview.statusCode, preview.body.slice(0, 500)).toBe(200);
    expect(/<h1>([^<]*)<\/h1>/.exec(preview.body)?.[1]).toMatch(/^預覽：改期：/);
    expect(preview.body).toContain('尚未做任何變更');
    // The confirmation carries what was asked, to the same function.
    expect(preview.body).toContain(`action="${base}${meeting}/move/confirm"`);
    expect(preview.body).toContain(`name="date" value="${movedTo}"`);
    // What the officer confirms: the meeting moving, and the invitees who will get the update.
    const shown = text(preview.body);
    expect(shown).toContain(`${asNoticed(plannedDate, planned.start)} → ${asNoticed(movedTo, planned.start)}`);
    expect(shown).not.toContain('沒有會議的日期、時間、地點或主持會因此改變');
    const told = /<h2>將通知<\/h2>([\s\S]*?)<h2>/.exec(preview.body)?.[1] ?? '';
    expect(text(told)).toMatch(/開會通知 \d+ 人：/);
    expect(text(told)).toContain(leader.name);
    expect(await listActions(stack().table)).toEqual(before);
  });

  it('signs out in the sign-in function: the session is deleted and the browser sent to Cognito, then back to signed-out', async () => {
    const { cookie, csrfToken, id } = await signedIn();
    const refused = await request('POST', `${base}/sign-out`, { cookie, form: {} });
    expect(refused.statusCode).toBe(403);
    expect(await findActiveSession(stack().table, id, new Date())).toBeDefined();

    const out = await request('POST', `${base}/sign-out`, { cookie, form: { _csrf: csrfToken } });
    expect(out.handler).toBe('http-console-sign-in');
    expect(out.statusCode).toBe(303);
    const logout = new URL(location(out)!);
    expect(logout.origin + logout.pathname).toBe(`${loginDomain}/logout`);
    expect(logout.searchParams.get('logout_uri')).toBe(`${origin}${base}/signed-out`);
    expect(await findActiveSession(stack().table, id, new Date())).toBeUndefined();
    // The session is gone for every function.
    expect((await request('GET', `${base}/minutes`, { cookie })).statusCode).toBe(302);

    const signedOut = await request('GET', `${base}/signed-out`);
    expect(signedOut.statusCode).toBe(200);
    expect(signedOut.body).toContain('<h1>已登出</h1>');
    expect(signedOut.body).toContain(`href="${base}/sign-in"`);
  });

  it('says in zh-TW when the sign-in service cannot be reached', async () => {
    const page = await request('GET', `${base}/sign-in?return=${encodeURIComponent(`${base}/minutes`)}`);
    expect(page.handler).toBe('http-console-sign-in');
    expect(page.statusCode).toBe(503);
    expect(page.body).toContain('<h1>登入服務暫時無法使用</h1>');
  });
});
