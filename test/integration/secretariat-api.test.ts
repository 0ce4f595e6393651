// The secretariat's JSON API over real HTTP (@hono/node-server on a free port, the app of both
// homes) against DynamoDB Local, signed in with a bearer JWT the local signer mints and the app
// verifies against its JWKS, with the county's group. A preview writes nothing; a task answers
// its audit record; every refusal is {error, field, message (zh-TW)} with 400, 404, 409 or 422 and
// leaves the table exactly as it was.
import { randomBytes } from 'node:crypto';
import { serveApp, type ServedApp } from '../support/serve-app.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useEmbeddedStack } from '../support/embedded-stack.ts';
import { caseConference, config, officeCalendar, taipeiMorning } from '../support/planning-fixtures.ts';
import { tableItems } from '../support/table-items.ts';
import { createApp, secretariatGroup } from '../../functions/http/app.ts';
import { countiesOf } from '../../functions/adapters/config/county-registry.ts';
import { planSeriesOccurrences } from '../../functions/use-cases/plan-series-occurrences.ts';
import { getOccurrence } from '../../functions/adapters/dynamodb/occurrence-store.ts';
import { claim, duePending, failedWrite, record } from '../../functions/adapters/dynamodb/outbox-store.ts';
import { startLocalSecretariatSigner, type LocalSecretariatSigner } from '../../lib/local-stack/local-secretariat-signer.ts';

const stack = useEmbeddedStack();
const now = taipeiMorning('2026-03-09');
const march = `/secretariat/meetings/${caseConference.id}/2026-03`;

let server: ServedApp | undefined;
let baseUrl: string;
let signer: LocalSecretariatSigner;
let token: string;
let clock = now.epochMilliseconds;

beforeAll(async () => {
  const { table } = stack();
  await planSeriesOccurrences(table, config, caseConference, officeCalendar, now);
  signer = await startLocalSecretariatSigner();
  token = await signer.mint({ subject: 'officer-wang', groups: [secretariatGroup(config.county.id)] });
  const app = createApp({
    connection: table,
    counties: countiesOf([config]),
    // A clock that moves on a second at every look, so the audit records sort in the order things happened.
    now: () => new Date((clock += 1000)),
    signingKey: randomBytes(32),
    secretariatAuth: signer.authOptions,
  });
  server = await serveApp(app);
  baseUrl = `${server.origin}/c/${config.county.id}`;
});

afterAll(async () => {
  await server?.close();
  await signer?.stop();
});

type Answer = { status: number; json: Record<string, unknown> };

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const init: RequestInit = { method, headers: { authorization: `Bearer ${token}`, ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' || body instanceof FormData ? body : JSON.stringify(body);
    if (!(body instanceof FormData)) (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${baseUrl}${path}`, init);
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

/** Refused with this status and body, and nothing written. */
async function refused(method: string, path: string, body: unknown, status: number, expected: Record<string, unknown>) {
  const before = await tableItems(stack().table);
  const answer = await call(method, path, body);
  expect(answer).toMatchObject({ status, json: expected });
  expect(String(answer.json.message)).toMatch(/[\u4e00-\u9fff]/);
  expect(await tableItems(stack().table)).toEqual(before);
}

describe('sign-in', () => {
  it('answers 401 without a token and 403 without the county group', async () => {
    const anonymous = await fetch(`${baseUrl}${march}`);
    expect(anonymous.status).toBe(401);
    const outsider = await signer.mint({ subject: 'someone', groups: ['secretariat-tainan-city'] });
    const response = await fetch(`${baseUrl}${march}/move/preview`, {
      method: 'POST',
      headers: { authorization: `Bearer ${outsider}`, 'content-type': 'application/json' },
      body: JSON.stringify({ to: '2026-03-26', reason: '會議室衝突' }),
    });
    expect(response.status).toBe(403);
  });
});

describe('a move', () => {
  it('is previewed without a write: who will be told, and what', async () => {
    const before = await tableItems(stack().table);
    const answer = await call('POST', `${march}/move/preview`, { to: '2026-03-26', reason: '會議室衝突' });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({
      meetings: [{ slotKey: '2026-03', before: { date: '2026-03-25' }, after: { date: '2026-03-26' }, shortNotice: false }],
      shortNotice: false,
    });
    expect((answer.json.told as unknown[]).length).toBe(7);
    expect(answer.json).not.toHaveProperty('notices');
    expect((answer.json.summary as string[]).at(-1)).toMatch(/^將通知：開會通知 7 人/);
    expect(await tableItems(stack().table)).toEqual(before);
  });

  it('refuses 2026-02-30 with 422, naming the field date', async () => {
    await refused('POST', `${march}/move`, { to: '2026-02-30', reason: '會議室衝突' }, 422, {
      error: 'not-a-date',
      field: 'date',
      message: '日期「2026-02-30」不是實際存在的日期',
    });
  });

  it('refuses a day off without confirmation with 422', async () => {
    await refused('POST', `${march}/move`, { to: '2026-03-28', reason: '會議室衝突' }, 422, {
      error: 'day-off-needs-confirmation',
      field: 'date',
    });
  });

  it('refuses an empty reason with 422, naming the field reason', async () => {
    await refused('POST', `${march}/move`, { to: '2026-03-26', reason: '' }, 422, {
      error: 'reason-required',
      field: 'reason',
      message: '請填寫原因，與會者與紀錄都會看到',
    });
  });

  it('refuses a body that is not what the route takes with 400', async () => {
    await refused('POST', `${march}/move`, '{"to": ', 400, { error: 'malformed-json', field: null });
    await refused('POST', `${march}/move`, { reason: '會議室衝突' }, 400, {
      error: 'invalid-body',
      field: 'to',
      message: '請填寫改到的日期（YYYY-MM-DD）',
    });
    await refused('POST', `${march}/move`, { to: '2026-03-26', reason: 'x', when: 'now' }, 400, {
      error: 'invalid-body',
      field: 'when',
      message: '不認得的欄位「when」',
    });
    // A whole object named in words too, not by its key.
    const contacts = '/secretariat/units/social-child-protection/contacts';
    await refused('POST', contacts, { reason: '新進人員' }, 400, {
      error: 'invalid-body',
      field: 'contact',
      message: '請填寫聯絡人資料（代號、姓名、電子郵件）',
    });
    await refused('POST', contacts, { contact: '王小明 wang@example.gov.tw', reason: '新進人員' }, 400, {
      error: 'invalid-body',
      field: 'contact',
      message: '聯絡人資料（代號、姓名、電子郵件）格式不對',
    });
  });

  it('is made on a day off with confirmation, and answers its audit record', async () => {
    const answer = await call('POST', `${march}/move`, { to: '2026-03-28', force: true, reason: '週六加開以配合法院' });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({
      action: {
        task: 'move',
        actor: { subject: 'officer-wang', via: expect.stringMatching(/^jwt:/) as unknown },
        reason: '週六加開以配合法院',
        changes: [{ before: { date: '2026-03-25' }, after: { date: '2026-03-28' } }],
      },
      meetings: [{ slotKey: '2026-03', date: '2026-03-28' }],
    });
    expect(((answer.json.action as { told: unknown[] }).told ?? []).length).toBe(7);
    expect((await getOccurrence(stack().table, caseConference.id, '2026-03'))!.date).toBe('2026-03-28');
  });
});

describe('other tasks', () => {
  it('cancels a meeting, and refuses to cancel it twice with 409', async () => {
    expect((await call('POST', `${march}/cancel`, { reason: '颱風停止上班' })).status).toBe(200);
    await refused('POST', `${march}/cancel`, { reason: '颱風停止上班' }, 409, { error: 'already-cancelled', field: 'occurrence' });
    const back = await call('POST', `${march}/reinstate`, { reason: '颱風轉向' });
    expect(back).toMatchObject({ status: 200, json: { action: { task: 'reinstate' } } });
  });

  it('refuses an unknown contact with 404', async () => {
    await refused('POST', '/secretariat/units/social-child-protection/contacts/no-such-person/remove', { reason: '調職' }, 404, {
      error: 'unknown-contact',
      field: 'contactId',
    });
  });

  it('refuses a malformed calendar upload with 422, naming the line, and imports nothing', async () => {
    const form = new FormData();
    form.set('reason', '116 年辦公日曆公告');
    form.set(
      'file',
      new Blob(['\uFEFF西元日期,星期,是否放假,備註\r\n20270101,五,2,開國紀念日\r\n20270132,六,2,\r\n']),
      '116年辦公日曆表.csv',
    );
    await refused('POST', '/secretariat/office-calendar', form, 422, {
      error: 'invalid-calendar-file',
      field: 'file',
      message: expect.stringMatching(/「116年辦公日曆表\.csv」第 3 行/) as unknown,
    });
  });

  it('lists failed notices in words and resends one', async () => {
    const { table } = stack();
    const [item] = (await duePending(table, new Date(now.epochMilliseconds), 1)).items;
    await record(table, failedWrite(table, (await claim(table, item!, 60))!, 'MessageRejected 400'));
    const problems = await call('GET', '/secretariat/notices/problems');
    const [problem] = problems.json.notices as Array<{ id: string; statusText: string; why: string; person: { name: string } }>;
    expect(problem).toMatchObject({ statusText: '寄送失敗', person: { name: item!.recipient.name } });
    expect(problem!.why).toMatch(/郵件服務拒收/);
    const resent = await call('POST', `/secretariat/notices/${problem!.id}/retry`, { reason: '已驗證寄件網域' });
    expect(resent).toMatchObject({ status: 200, json: { action: { task: 'retry-notice' } } });
  });
});

describe('what the console reads', () => {
  it('gives a meeting with its invitees, answers, notices and history', async () => {
    const answer = await call('GET', march);
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ slotKey: '2026-03', date: '2026-03-28', dateText: '3/28(六)', status: 'scheduled' });
    const units = answer.json.units as Array<{ unitId: string; contacts: Array<{ answerText: string; notices: unknown[] }> }>;
    expect(units.map((u) => u.unitId)).toEqual(caseConference.invitedUnitIds);
    expect(units[0]!.contacts[0]).toMatchObject({ answerText: '未回覆' });
    // And the resend above, if the notice it picked was one of March's.
    expect((answer.json.history as Array<{ task: string }>).map((h) => h.task).slice(0, 3)).toEqual(['move', 'cancel', 'reinstate']);
  });

  it('filters the audit trail by meeting, person and action', async () => {
    const byAction = await call('GET', '/secretariat/audit?action=move');
    expect((byAction.json.audit as Array<{ task: string; taskText: string }>).map((a) => [a.task, a.taskText])).toEqual([
      ['move', '會議改期'],
    ]);
    const byMeeting = await call('GET', `/secretariat/audit?series=${caseConference.id}&slot=2026-03`);
    expect((byMeeting.json.audit as Array<{ task: string }>).map((a) => a.task).slice(0, 3)).toEqual(['move', 'cancel', 'reinstate']);
    const byPerson = await call('GET', '/secretariat/audit?person=officer-wang');
    expect((byPerson.json.audit as unknown[]).length).toBe(4);
    await refused('GET', '/secretariat/audit?action=explode', undefined, 422, { error: 'invalid-input', field: 'action' });
  });

  it('lists open action items and owed follow-up forms', async () => {
    const answer = await call('GET', '/secretariat/follow-up');
    expect(answer).toMatchObject({
      status: 200,
      json: { actionItems: [], followUpForms: [], overdue: { actionItems: 0, followUpForms: 0 } },
    });
  });
});
