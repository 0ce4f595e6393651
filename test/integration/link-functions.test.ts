// The links in units' mail as the two Lambda functions AWS runs them (issue 13 §5): http-links
// (the $default route: RSVP, the 開會通知單 link, the front door) and http-chair-minutes (the
// chair's minutes form, its JSON API and script, the invitees' read page). Each request goes to the
// real handler the gateway would pick, as an HTTP API (payload 2.0) event, against DynamoDB Local,
// with the signing key the handlers read at cold start. Then every refusal of the chair's JSON API,
// one by one: the machine's code as before, and a zh-TW message a person can act on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useEmbeddedStack } from '../support/embedded-stack.ts';
import { testOccurrence } from '../support/test-occurrence.ts';
import { httpApiEvent } from '../support/http-api-event.ts';
import { localContext } from '../../lib/local-stack/lambda-context.ts';
import { chairMinutesPaths } from '../../lib/constructs/http-functions.ts';
import { loadCountyConfigFile } from '../../functions/adapters/config/county-config-file.ts';
import { createOccurrence } from '../../functions/adapters/dynamodb/occurrence-store.ts';
import { revokeLinks } from '../../functions/adapters/dynamodb/link-version-store.ts';
import { countySigningKey, signToken } from '../../functions/core/access/signed-token.ts';
import { rsvpLinks } from '../../functions/core/rsvp/rsvp-links.ts';
import { todayInTaipei, Temporal } from '../../functions/core/calendar/local-date.ts';
import { maxMinutesBodyBytes, type MinutesContent } from '../../functions/core/minutes/minutes-schema.ts';
import { signMinutesLink, type MinutesRole } from '../../functions/use-cases/minutes/minutes-links.ts';
import { resetRuntime } from '../../functions/handlers/runtime.ts';

const stack = useEmbeddedStack();
const config = loadCountyConfigFile();
const county = config.county.id;
const seriesId = 'child-protection-case-conference';
const series = config.series.find((s) => s.id === seriesId)!;
const origin = 'https://a1b2c3d4e5.execute-api.ap-northeast-1.amazonaws.com';

const chair = 'social-cp-chief'; // 社會局 兒少保護科, the chair unit of the meetings below
const invitee = 'health-mh-chief'; // 衛生局 心理健康科, invited
const notInvited = 'labour-youth-chief'; // 勞青處, not invited to the case conference
const revokedChair = 'social-cp-officer'; // the chair unit's officer, whose links are revoked below

// The handlers keep the real clock: the meetings are placed around today in Taipei.
const today = todayInTaipei(Temporal.Now.instant());
const day = (days: number) => today.add({ days }).toString();
const held = testOccurrence({ seriesId, slotKey: 'held', date: day(-3), chairUnitId: 'social-child-protection' });
const heldToo = testOccurrence({ seriesId, slotKey: 'held-too', date: day(-10), chairUnitId: 'social-child-protection' });
const upcoming = testOccurrence({ seriesId, slotKey: 'upcoming', date: day(20), chairUnitId: 'social-child-protection' });
const cancelled = testOccurrence({ seriesId, slotKey: 'cancelled', date: day(-5), status: 'cancelled' });

type LambdaResult = { statusCode: number; headers?: Record<string, string>; body: string; isBase64Encoded?: boolean };
type LambdaHandler = (event: unknown, context: unknown) => Promise<LambdaResult>;
type FunctionName = 'http-links' | 'http-chair-minutes';
let handlers: Record<FunctionName, LambdaHandler>;
let signingKey: Uint8Array;

beforeAll(async () => {
  for (const occurrence of [held, heldToo, upcoming, cancelled]) expect(await createOccurrence(stack().table, occurrence)).toBe(true);
  await revokeLinks(stack().table, revokedChair, 'test', new Date().toISOString());
  // The key each handler reads at cold start (LINK_SIGNING_KEY, set by the embedded stack).
  signingKey = countySigningKey(Buffer.from(process.env.LINK_SIGNING_KEY!, 'hex'), county);
  resetRuntime();
  // This file's own instances (the query makes them distinct modules), built with this file's table.
  const fresh = async (name: FunctionName) =>
    ((await import(/* @vite-ignore */ `../../functions/handlers/${name}.ts?link-functions`)) as { handler: LambdaHandler }).handler;
  handlers = { 'http-links': await fresh('http-links'), 'http-chair-minutes': await fresh('http-chair-minutes') };
});

afterAll(() => resetRuntime());

/**
 * The gateway's choice by the stack's own routes (lib/constructs/http-functions.ts): the chair's
 * paths have routes of their own, more specific than $default; everything else here is $default's.
 */
function route(method: string, path: string): { routeKey: string; name: FunctionName } {
  const pattern = (template: string) => new RegExp(`^${template.replace('{county}', '[^/]+').replace('{proxy+}', '.+')}$`);
  const page = chairMinutesPaths.pages.find((template) => pattern(template).test(path));
  if (page) return { routeKey: `ANY ${page}`, name: 'http-chair-minutes' };
  const asset = chairMinutesPaths.assets.find((template) => pattern(template).test(path));
  if (asset) return { routeKey: `${method} ${asset}`, name: 'http-chair-minutes' };
  return { routeKey: '$default', name: 'http-links' };
}

async function invoke(
  method: string,
  path: string,
  body?: { text: string; type: string },
  to?: FunctionName,
): Promise<LambdaResult & { json: Record<string, unknown> }> {
  const url = new URL(path, origin);
  const { routeKey, name } = route(method, url.pathname);
  const event = httpApiEvent({
    method,
    url,
    routeKey,
    headers: body ? { 'content-type': body.type } : {},
    body: body?.text,
  });
  const handler = to ?? name;
  const result = await handlers[handler](event, localContext(handler));
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(result.body) as Record<string, unknown>;
  } catch {
    /* a page */
  }
  return { ...result, json };
}

const header = (result: LambdaResult, name: string) =>
  Object.entries(result.headers ?? {}).find(([key]) => key.toLowerCase() === name)?.[1] ?? '';

function minutesLink(role: MinutesRole, contactId: string, slotKey = held.slotKey, linkVersion = 0, now = new Date()): string {
  return new URL(signMinutesLink({ seriesId, slotKey, contactId, role, linkVersion, now }, signingKey, `${origin}/c/${county}`).url)
    .pathname;
}
const apiOf = (path: string) => path.replace('/minutes/', '/api/minutes/');
const json = (value: unknown) => ({ text: typeof value === 'string' ? value : JSON.stringify(value), type: 'application/json' });

function draft(overrides: Partial<MinutesContent> = {}): MinutesContent {
  return {
    attendance: series.invitedUnitIds.map((unitId) => ({ unitId, present: true, names: ['出席者'] })),
    summary: '本月討論個案 3 案。',
    resolutions: ['衛政提供資源清單。'],
    actionItems: [],
    ...overrides,
  };
}

describe('http-links: RSVP and the front door, nothing of the minutes', () => {
  it('shows the RSVP page of a valid invitation link, with the meeting and a button', async () => {
    const start = new Date(`${upcoming.date}T${upcoming.start}:00+08:00`);
    const links = rsvpLinks({
      baseUrl: `${origin}/c/${county}`,
      key: signingKey,
      seriesId,
      slotKey: upcoming.slotKey,
      contactId: invitee,
      sequence: upcoming.sequence,
      meetingStart: start,
      meetingEnd: new Date(start.getTime() + upcoming.durationMinutes * 60_000),
      now: new Date(),
    });
    const page = await invoke('GET', new URL(links.accept).pathname + new URL(links.accept).search);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(series.name.zh);
    expect(page.body).toContain('<form method="post"');
    expect(header(page, 'cache-control')).toBe('no-store');
    expect(header(page, 'content-security-policy')).toContain("default-src 'none'");
  });

  it('refuses a forged RSVP link with a zh-TW page, and records nothing', async () => {
    const token = signToken(
      { purpose: 'rsvp', seriesId, slotKey: upcoming.slotKey, contactId: invitee, sequence: 0, exp: Math.floor(Date.now() / 1000) + 3600 },
      Buffer.alloc(32, 7),
    );
    const page = await invoke('GET', `/c/${county}/rsvp/${token}`);
    expect(page.statusCode).toBeGreaterThanOrEqual(400);
    expect(page.body).toMatch(/連結無效|無法辨識/);
  });

  it('serves no minutes page, form script or minutes API: those routes are the chair-minutes function', async () => {
    for (const path of [minutesLink('chair', chair), apiOf(minutesLink('chair', chair)), `/c/${county}/assets/minutes-form.js`])
      expect((await invoke('GET', path, undefined, 'http-links')).statusCode, path).toBe(404);
  });
});

describe("http-chair-minutes: the chair's page, its script and its API", () => {
  it("shows the chair's form for a valid chair link, confidential and under the CSP", async () => {
    const page = await invoke('GET', minutesLink('chair', chair));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('data-minutes-form');
    expect(page.body).toContain(`<script src="/c/${county}/assets/minutes-form.js" defer></script>`);
    expect(header(page, 'cache-control')).toBe('no-store');
    expect(header(page, 'x-robots-tag')).toBe('noindex, nofollow');
    expect(header(page, 'content-security-policy')).toContain("script-src 'self'");
  });

  it('refuses a forged chair link with a zh-TW page that reveals no meeting', async () => {
    const path = minutesLink('chair', chair);
    const [payload, signature] = path.split('/').at(-1)!.split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const forged = `${Buffer.from(JSON.stringify({ ...claims, role: 'chair', contactId: invitee })).toString('base64url')}.${signature}`;
    const page = await invoke('GET', path.replace(/[^/]+$/, forged));
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain('此連結無效');
    expect(page.body).not.toContain(series.name.zh);
  });

  it('tells a link cut short that it does not work, on the page and in the API, in zh-TW', async () => {
    const cut = minutesLink('chair', chair).replace(/\/[^/]+$/, '');
    const page = await invoke('GET', cut);
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain('此連結無效');
    const api = await invoke('GET', apiOf(cut));
    expect({ status: api.statusCode, error: api.json.error }).toEqual({ status: 404, error: 'invalid-link' });
    expect(api.json.message).toMatch(/^此連結無效：不完整/);
  });

  it('serves the form script, cacheable, as JavaScript', async () => {
    const script = await invoke('GET', `/c/${county}/assets/minutes-form.js`);
    expect(script.statusCode).toBe(200);
    expect(header(script, 'content-type')).toMatch(/^text\/javascript/);
    expect(header(script, 'cache-control')).toBe('public, max-age=3600');
    expect(script.body).toContain('form[data-minutes-form]');
  });

  it('saves a draft through the JSON API and reads it back', async () => {
    const api = apiOf(minutesLink('chair', chair, heldToo.slotKey));
    const saved = await invoke('PUT', api, json({ expectedVersion: 0, minutes: draft() }));
    expect(saved.json).toEqual({ state: 'draft', version: 1 });
    expect((await invoke('GET', api)).json).toMatchObject({ state: 'draft', version: 1, role: 'chair' });
  });

  it('serves no RSVP page: that is the links function', async () => {
    expect((await invoke('GET', `/c/${county}/rsvp/anything`, undefined, 'http-chair-minutes')).statusCode).toBe(404);
  });
});

describe("the chair's JSON API refuses in zh-TW, naming the field or the reason", () => {
  const chairApi = () => apiOf(minutesLink('chair', chair));
  const cjk = /[\u4e00-\u9fff]/;

  function expectRefusal(result: { statusCode: number; json: Record<string, unknown> }, status: number, code: string, message: RegExp) {
    expect({ status: result.statusCode, error: result.json.error }).toEqual({ status, error: code });
    const text = String(result.json.message);
    expect(text).toMatch(cjk);
    expect(text).toMatch(message);
    // No sentence of English left over from the use cases or zod.
    expect(text).not.toMatch(/\b(the|this|must|only|cannot|not|is|are)\b/i);
    for (const line of (result.json.problems as string[] | undefined) ?? []) {
      expect(line).toMatch(cjk);
      expect(line).not.toMatch(/\b(the|this|must|Invalid|expected|received)\b/);
    }
  }

  it('a link whose signature does not verify (invalid-link)', async () => {
    const forged = chairApi().replace(/[^.]+$/, 'AAAA');
    expectRefusal(await invoke('PUT', forged, json({ expectedVersion: 0, minutes: draft() })), 404, 'invalid-link', /此連結無效/);
  });

  it('an expired link (expired-link)', async () => {
    const old = apiOf(minutesLink('chair', chair, held.slotKey, 0, new Date(Date.now() - 91 * 86_400_000)));
    expectRefusal(await invoke('GET', old), 401, 'expired-link', /已過期.*幕僚/);
  });

  it('a revoked link (revoked-link)', async () => {
    expectRefusal(await invoke('GET', apiOf(minutesLink('chair', revokedChair, held.slotKey, 0))), 401, 'revoked-link', /已停用/);
  });

  it('an RSVP link at a minutes address (wrong-purpose)', async () => {
    const token = signToken(
      { purpose: 'rsvp', seriesId, slotKey: held.slotKey, contactId: chair, sequence: 0, exp: Math.floor(Date.now() / 1000) + 3600 },
      signingKey,
    );
    expectRefusal(
      await invoke('GET', `/c/${county}/api/minutes/${seriesId}/${held.slotKey}/${token}`),
      403,
      'wrong-purpose',
      /不是會議紀錄連結/,
    );
  });

  it("another meeting's link (wrong-occurrence)", async () => {
    const other = minutesLink('chair', chair, upcoming.slotKey).split('/').at(-1)!;
    expectRefusal(await invoke('GET', chairApi().replace(/[^/]+$/, other)), 403, 'wrong-occurrence', /另一場會議/);
  });

  it('a meeting that is not in the table (not-found)', async () => {
    expectRefusal(await invoke('GET', apiOf(minutesLink('chair', chair, 'no-such-slot'))), 404, 'not-found', /找不到這場會議/);
  });

  it("an invitee's read link used to write (not-chair)", async () => {
    const reader = apiOf(minutesLink('invitee', invitee));
    expectRefusal(await invoke('PUT', reader, json({ expectedVersion: 0, minutes: draft() })), 403, 'not-chair', /僅供閱覽/);
  });

  it('a chair link for a contact of a unit that does not chair (not-chair)', async () => {
    expectRefusal(await invoke('GET', apiOf(minutesLink('chair', invitee))), 403, 'not-chair', /不是本場會議的主持單位/);
  });

  it('a read link for a unit that is not invited (not-invited)', async () => {
    expectRefusal(await invoke('GET', apiOf(minutesLink('invitee', notInvited))), 403, 'not-invited', /未受邀/);
  });

  it('minutes an invitee asks for before they are distributed (not-distributed)', async () => {
    expectRefusal(await invoke('GET', apiOf(minutesLink('invitee', invitee))), 404, 'not-distributed', /尚未分送/);
  });

  it('a cancelled meeting (meeting-cancelled)', async () => {
    const api = apiOf(minutesLink('chair', chair, cancelled.slotKey));
    expectRefusal(await invoke('PUT', api, json({ expectedVersion: 0, minutes: draft() })), 409, 'meeting-cancelled', /已取消/);
  });

  it('a meeting not held yet, naming its day in the ROC calendar (meeting-not-held)', async () => {
    const api = apiOf(minutesLink('chair', chair, upcoming.slotKey));
    const refused = await invoke('PUT', api, json({ expectedVersion: 0, minutes: draft() }));
    expectRefusal(refused, 409, 'meeting-not-held', /會議當天 \d+年\d+月\d+日.*起才能填寫紀錄/);
  });

  it('a save from a version that is not the current one (version-conflict)', async () => {
    const refused = await invoke('PUT', chairApi(), json({ expectedVersion: 4, minutes: draft() }));
    expectRefusal(refused, 409, 'version-conflict', /紀錄目前是第 0 版，不是第 4 版/);
    expect(refused.json.currentVersion).toBe(0);
  });

  it('fields over their limits, of the wrong type, missing or unknown (invalid-minutes), each named', async () => {
    const minutes = draft({ summary: '紀'.repeat(4001) }) as Record<string, unknown>;
    minutes.resolutions = [42];
    delete minutes.actionItems;
    const refused = await invoke('PUT', chairApi(), json({ expectedVersion: 0, minutes, state: 'approved' }));
    expectRefusal(refused, 422, 'invalid-minutes', /內容不符會議紀錄格式，有 4 處需修正/);
    expect(refused.json.problems).toEqual(
      expect.arrayContaining([
        '會議摘要（minutes.summary）：此欄最多 4000 個字，請精簡。',
        '決議1（minutes.resolutions.0）：型別不符（須為文字）。',
        '待辦事項（minutes.actionItems）：此欄必填。',
        expect.stringMatching(/^不認得的欄位：state/),
      ]),
    );
  });

  it('minutes submitted without what a submission needs (invalid-minutes), in the form’s words', async () => {
    // A draft may leave out the summary and a unit's attendance; a submission may not.
    const incomplete = draft({ summary: '', attendance: draft().attendance.slice(1) });
    const refused = await invoke('PUT', chairApi(), json({ expectedVersion: 0, minutes: incomplete }));
    expect(refused.json).toEqual({ state: 'draft', version: 1 });
    const submit = await invoke('POST', `${chairApi()}/submit`, json({ expectedVersion: 1 }));
    expectRefusal(submit, 422, 'invalid-minutes', /尚未完成.*才能送出/);
    expect(submit.json.problems).toEqual([
      `出席情形（minutes.attendance）：請勾選出席或缺席。（單位代號 ${series.invitedUnitIds[0]}）`,
      '會議摘要（minutes.summary）：送出前請填寫會議摘要。',
    ]);
  });

  it('a step the minutes are past (not-allowed-now)', async () => {
    expect((await invoke('PUT', chairApi(), json({ expectedVersion: 1, minutes: draft() }))).json).toEqual({ state: 'draft', version: 2 });
    expect((await invoke('POST', `${chairApi()}/submit`, json({ expectedVersion: 2 }))).json).toEqual({ state: 'submitted', version: 3 });
    const again = await invoke('PUT', chairApi(), json({ expectedVersion: 3, minutes: draft() }));
    expectRefusal(again, 409, 'not-allowed-now', /紀錄已送出，須由幕僚退回/);
    const resubmit = await invoke('POST', `${chairApi()}/submit`, json({ expectedVersion: 3 }));
    expectRefusal(resubmit, 409, 'not-allowed-now', /會議紀錄目前為「已送出，待幕僚核定」，無法送出/);
  });

  it('a body that is too large, not JSON, or not sent as JSON', async () => {
    const huge = json({ expectedVersion: 3, minutes: draft({ summary: '紀'.repeat(maxMinutesBodyBytes / 3 + 10) }) });
    expectRefusal(await invoke('PUT', chairApi(), huge), 413, 'too-large', /超過上限 64 KB/);
    expectRefusal(await invoke('PUT', chairApi(), json('{"expectedVersion": 3, "minutes": {')), 400, 'malformed-json', /不是有效的 JSON/);
    expectRefusal(
      await invoke('PUT', chairApi(), { text: 'summary=x', type: 'application/x-www-form-urlencoded' }),
      415,
      'unsupported-media-type',
      /Content-Type: application\/json/,
    );
  });
});
