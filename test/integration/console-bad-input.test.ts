// Issue 9, "Bad input", in the console itself: each of the six is posted to the action's
// confirmation as the console's form sends it (session cookie, CSRF token, form encoding, the
// calendar file as multipart), and must come back as the form again, 422, with a zh-TW message next
// to the field it is about (the field's own error paragraph, aria-invalid, aria-describedby), what
// was typed kept, and not one item of the table changed (every item compared, before and after).
// The use cases' refusals are tested on their own in secretariat-bad-input.test.ts; this is what
// the officer sees of them.
import { randomBytes } from 'node:crypto';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useEmbeddedStack } from '../support/embedded-stack.ts';
import { tableItems } from '../support/table-items.ts';
import { caseConference, config, officeCalendar, taipeiMorning } from '../support/planning-fixtures.ts';
import { startLocalSecretariatSigner, type LocalSecretariatSigner } from '../../lib/local-stack/local-secretariat-signer.ts';
import { startLocalSignInProvider, type LocalSignInProvider } from '../../lib/local-stack/local-sign-in-provider.ts';
import { createApp } from '../../functions/http/app.ts';
import { countiesOf } from '../../functions/adapters/config/county-registry.ts';
import { createSession } from '../../functions/adapters/dynamodb/session-store.ts';
import { newSessionTimes } from '../../functions/core/access/console-session.ts';
import { planSeriesOccurrences } from '../../functions/use-cases/plan-series-occurrences.ts';

const stack = useEmbeddedStack();
const county = config.county.id;
const consolePath = `/c/${county}/console`;
const origin = 'http://127.0.0.1:3000';
// The app's clock: Monday 9 March 2026, 09:00 in Taipei. It stands still, so a request never
// pushes the session's idle deadline on: the table changes only if the refusal wrote something.
const clock = taipeiMorning('2026-03-09');

let app: Hono;
let signer: LocalSecretariatSigner;
let signIn: LocalSignInProvider;
let cookie: string;
let csrfToken: string;

beforeAll(async () => {
  const { table } = stack();
  // The case conference as the planner leaves it on 9 March: February's meeting held, March's to come.
  await planSeriesOccurrences(table, config, caseConference, officeCalendar, taipeiMorning('2026-02-01'));
  await planSeriesOccurrences(table, config, caseConference, officeCalendar, clock);
  signer = await startLocalSecretariatSigner();
  signIn = await startLocalSignInProvider({ counties: [{ id: county, name: config.county.name.zh }] });
  app = createApp({
    connection: table,
    counties: countiesOf([config]),
    now: () => new Date(clock.epochMilliseconds),
    signingKey: randomBytes(32),
    secretariatAuth: signer.authOptions,
    consoleSignIn: signIn.consoleSignIn,
  });
  await signIn.serveConsole(origin);
  // A session as the sign-in callback stores it.
  const id = randomBytes(32).toString('base64url');
  csrfToken = randomBytes(32).toString('base64url');
  await createSession(table, id, {
    ...newSessionTimes(new Date(clock.epochMilliseconds)),
    subject: 'officer-lin',
    displayName: '林承辦',
    csrfToken,
  });
  cookie = `sn_console=${id}`;
});

afterAll(async () => {
  await signIn?.stop();
  await signer?.stop();
});

/** Posts a console form as the browser does; returns the status and the page. */
async function post(path: string, fields: Record<string, string | File>): Promise<{ status: number; page: string }> {
  const withFile = Object.values(fields).some((v) => typeof v !== 'string');
  const body = withFile ? new FormData() : new URLSearchParams();
  for (const [name, value] of Object.entries({ ...fields, _csrf: csrfToken })) (body as FormData).append(name, value);
  const response = await app.fetch(
    new Request(`${origin}${consolePath}${path}`, {
      method: 'POST',
      headers: { cookie, origin, 'sec-fetch-site': 'same-origin' },
      body,
    }),
  );
  return { status: response.status, page: await response.text() };
}

/** The paragraph the form puts next to a field, and whether the field points at it. */
function fieldError(page: string, field: string): { message: string; invalid: boolean; describedBy: boolean } {
  const id = `f-${field.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  const message = new RegExp(`<p class="field-error" id="${id}-error">([^<]*)</p>`).exec(page)?.[1] ?? '';
  const control = new RegExp(`<(input|select|textarea)[^>]*\\bid="${id}"[^>]*>`).exec(page)?.[0] ?? '';
  return { message, invalid: /aria-invalid="true"/.test(control), describedBy: control.includes(`${id}-error`) };
}

/** Refused at `field` with a zh-TW message matching `message`, and the table exactly as it was. */
async function expectRefusedAtField(path: string, fields: Record<string, string | File>, field: string, message: RegExp) {
  const before = await tableItems(stack().table);
  const { status, page } = await post(path, fields);
  expect(status).toBe(422);
  expect(page).toContain('無法送出，沒有做任何變更');
  const error = fieldError(page, field);
  expect(error.message).toMatch(message);
  expect(error.message).toMatch(/[\u4e00-\u9fff]/);
  expect(error.message).not.toMatch(/--[a-z]|undefined|Error/);
  expect(error.invalid, `${field} is marked invalid`).toBe(true);
  expect(error.describedBy, `${field} points at its message`).toBe(true);
  expect(await tableItems(stack().table)).toEqual(before);
  return page;
}

const move = `/meetings/${caseConference.id}/2026-03/move/confirm`;

describe('the console refuses, next to the field, and writes nothing', () => {
  it('2026-02-30, for a move and for a closure', async () => {
    const page = await expectRefusedAtField(
      move,
      { date: '2026-02-30', start: '', reason: '會議室衝突' },
      'date',
      /2026-02-30.*不是實際存在的日期/,
    );
    // What was typed comes back.
    expect(page).toMatch(/name="reason"[^>]*>會議室衝突<|name="reason"[^>]*value="會議室衝突"|>會議室衝突<\/textarea>/);
    await expectRefusedAtField(
      '/office-calendar/closures/declare/confirm',
      { date: '2026-02-30', reason: '颱風停止上班' },
      'date',
      /不是實際存在的日期/,
    );
  });

  it('a day off without confirmation', async () => {
    // Saturday 28 March 2026.
    await expectRefusedAtField(
      move,
      { date: '2026-03-28', start: '', reason: '會議室衝突' },
      'date',
      /(2026-03-28|115年3月28日（星期六）) ?是放假日.*確認/,
    );
  });

  it('an empty reason', async () => {
    await expectRefusedAtField(move, { date: '2026-03-26', start: '', reason: '   ' }, 'reason', /原因/);
  });

  it('an unknown contact', async () => {
    await expectRefusedAtField(
      '/contacts/police-women-children/remove/confirm',
      { contactId: 'nobody-here', reason: '人事異動' },
      'contactId',
      /沒有聯絡人「nobody-here」/,
    );
  });

  it('a malformed calendar CSV, naming the line', async () => {
    const file = new File(['\uFEFF西元日期,星期,是否放假,備註\r\n20270101,五,2,開國紀念日\r\n20270132,六,2,\r\n'], '116年辦公日曆表.csv', {
      type: 'text/csv',
    });
    await expectRefusedAtField(
      '/office-calendar/import/confirm',
      { file, reason: '116 年辦公日曆公告' },
      'file',
      /第 3 行：「20270132」不是實際存在的日期/,
    );
  });

  it('a meeting that has taken place, in the summary at the top since the form has no field for the meeting', async () => {
    const before = await tableItems(stack().table);
    const { status, page } = await post(`/meetings/${caseConference.id}/2026-02/move/confirm`, {
      date: '2026-03-27',
      start: '',
      reason: '補開',
    });
    expect([404, 409, 422]).toContain(status);
    expect(page).toMatch(/已經開過，不能再修改/);
    expect(await tableItems(stack().table)).toEqual(before);
  });
});
