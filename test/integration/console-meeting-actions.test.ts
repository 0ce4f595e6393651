// The console's meeting page and its actions over HTTP, against DynamoDB Local: a signed-in
// session (made as the callback makes one), forms posted as a browser posts them. A preview writes
// nothing; a confirmation writes what the task writes; each refusal re-renders the form with the
// zh-TW message next to its field and leaves the whole table as it was.
import { randomBytes } from 'node:crypto';
import { serveApp, type ServedApp } from '../support/serve-app.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useEmbeddedStack } from '../support/embedded-stack.ts';
import { caseConference, config, officeCalendar, taipeiMorning } from '../support/planning-fixtures.ts';
import { tableItems } from '../support/table-items.ts';
import { testOccurrence } from '../support/test-occurrence.ts';
import { createApp } from '../../functions/http/app.ts';
import { countiesOf } from '../../functions/adapters/config/county-registry.ts';
import { planSeriesOccurrences } from '../../functions/use-cases/plan-series-occurrences.ts';
import { createSession } from '../../functions/adapters/dynamodb/session-store.ts';
import { newSessionTimes } from '../../functions/core/access/console-session.ts';
import { createOccurrence, getOccurrence } from '../../functions/adapters/dynamodb/occurrence-store.ts';
import { listOverrides } from '../../functions/adapters/dynamodb/override-store.ts';
import { listMeetingActions } from '../../functions/adapters/dynamodb/secretariat-action-store.ts';
import { recordRsvp } from '../../functions/adapters/dynamodb/rsvp-store.ts';
import { listOutbox } from '../../functions/adapters/dynamodb/outbox-store.ts';
import { listAudit } from '../../functions/adapters/dynamodb/minutes-store.ts';
import { inProcessDocumentRenderer } from '../../functions/use-cases/documents/in-process-renderer.ts';

const stack = useEmbeddedStack();
// Monday 9 March 2026, 09:00 in Taipei. The March meeting is on Wednesday the 25th.
const now = taipeiMorning('2026-03-09');
let clock = now.epochMilliseconds;
const series = caseConference.id;
const county = config.county.id;

let server: ServedApp | undefined;
let consoleBase: string;
let cookie: string;
const csrf = randomBytes(32).toString('base64url');

beforeAll(async () => {
  const { table } = stack();
  await planSeriesOccurrences(table, config, caseConference, officeCalendar, now);
  // February's meeting, held before today.
  await createOccurrence(table, testOccurrence({ seriesId: series, slotKey: '2026-02', date: '2026-02-25' }));
  const sessionId = randomBytes(32).toString('base64url');
  await createSession(table, sessionId, {
    subject: 'officer-lin',
    displayName: '林承辦',
    csrfToken: csrf,
    ...newSessionTimes(new Date(clock)),
  });
  cookie = `sn_console=${sessionId}`;
  const counties = countiesOf([config]);
  const app = createApp({
    connection: table,
    counties,
    // A second on at every look: audit records sort in the order things happened.
    now: () => new Date((clock += 1000)),
    signingKey: randomBytes(32),
    // Never reached: the session is made here, as the callback would make it.
    consoleSignIn: { issuer: 'http://127.0.0.1:9/oidc', clientId: 'console', jwksUrl: 'http://127.0.0.1:9/oidc/jwks' },
    renderDocument: inProcessDocumentRenderer({ connection: table, counties }),
  });
  server = await serveApp(app);
  consoleBase = `${server.origin}/c/${county}/console`;
});

afterAll(async () => {
  await server?.close();
});

const page = async (path: string) => {
  const response = await fetch(`${consoleBase}${path}`, { headers: { cookie }, redirect: 'manual' });
  return { status: response.status, text: await response.text(), type: response.headers.get('content-type') ?? '' };
};

const post = async (path: string, fields: Record<string, string>, withToken = true) => {
  const body = new URLSearchParams({ ...(withToken ? { _csrf: csrf } : {}), ...fields });
  const response = await fetch(`${consoleBase}${path}`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body,
    redirect: 'manual',
  });
  // A confirmed change sends the browser on (303) to the page that shows it: follow it as a browser does.
  const location = response.headers.get('location');
  if (response.status === 303 && location?.includes('/meetings/')) {
    const shown = await page(location.replace(`/c/${county}/console`, ''));
    return { ...shown, url: location };
  }
  return { status: response.status, text: await response.text(), url: undefined as string | undefined };
};

const march = `/meetings/${series}/2026-03`;

/** The message shown next to a field: in its error element, and the input points at it. */
function fieldError(text: string, field: string): string | undefined {
  const id = `f-${field}`;
  const input = new RegExp(`<(input|select|textarea)[^>]*id="${id}"[^>]*>`).exec(text)?.[0];
  if (!input) throw new Error(`no field ${field} on the page`);
  if (!input.includes('aria-invalid="true"') || !new RegExp(`aria-describedby="[^"]*${id}-error`).test(input)) return undefined;
  return new RegExp(`<p class="field-error" id="${id}-error">([^<]*)</p>`).exec(text)?.[1];
}

/** Everything but the session, whose last-seen time every request moves on. */
const storedData = async () => (await tableItems(stack().table)).filter((item) => item.entity !== 'console-session');

/** A refused post: the form again with the typed values, the message next to `field`, nothing written. */
async function refused(path: string, fields: Record<string, string>, expected: { status: number; field?: string; message: RegExp }) {
  const before = await storedData();
  const answer = await post(path, fields);
  expect(answer.status).toBe(expected.status);
  expect(answer.text).toContain('無法送出，沒有做任何變更');
  if (expected.field) expect(fieldError(answer.text, expected.field)).toMatch(expected.message);
  else expect(answer.text).toMatch(expected.message);
  // What was typed is still there.
  for (const [name, value] of Object.entries(fields)) if (value && name !== 'force') expect(answer.text).toContain(`value="${value}"`);
  expect(await storedData()).toEqual(before);
  return answer.text;
}

describe('the meeting page', () => {
  it('shows when, where, who chairs, every contact with their answer, the notices and the documents', async () => {
    await recordRsvp(stack().table, {
      seriesId: series,
      slotKey: '2026-03',
      contactId: 'police-wc-leader',
      answer: 'accept',
      sequence: 0,
      source: 'link',
      at: '2026-03-05T02:00:00.000Z',
      attendeeName: '陳副隊長',
      note: '由副隊長代理出席',
    });
    const { status, text } = await page(march);
    expect(status).toBe(200);
    expect(text).toContain('115年3月25日（星期三）');
    expect(text).toContain('下午2時');
    expect(text).toContain('陳副隊長');
    expect(text).toContain('由副隊長代理出席');
    expect(text).toContain('未回覆');
    for (const label of ['改期', '變更地點', '主持互換', '代理主持', '停開（取消）', '開會通知單（PDF）', '簽到表（PDF）'])
      expect(text).toContain(label);
    // Names, not ids; ROC dates, not ISO ones.
    expect(text).not.toMatch(/>[^<]*police-wc-leader/);
    expect(text).not.toMatch(/>[^<]*2026-03-25/);
  });

  it('is linked from 總覽 and from the 年度計畫 rows, which also offer 新增臨時會議', async () => {
    const link = `href="/c/${county}/console/meetings/${series}/2026-03"`;
    expect((await page('/')).text).toContain(link);
    const plan = await page('/plan?year=2026');
    expect(plan.text).toContain(link);
    expect(plan.text).toContain(`href="/c/${county}/console/series/placement-review-panel/sessions/new"`);
  });

  it('answers 404 in words for a meeting that does not exist', async () => {
    const { status, text } = await page(`/meetings/${series}/2031-01`);
    expect(status).toBe(404);
    expect(text).toContain('找不到這場會議');
  });

  it('serves the 開會通知單 and the 簽到表 behind the session, each download audited', async () => {
    const before = (await listAudit(stack().table, series, '2026-03')).filter((a) => a.action === 'download-document').length;
    const notice = await fetch(`${consoleBase}${march}/notice.pdf`, { headers: { cookie } });
    expect(notice.status).toBe(200);
    expect(notice.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await notice.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const sheet = await fetch(`${consoleBase}${march}/sign-in-sheet.pdf`, { headers: { cookie } });
    expect(sheet.status).toBe(200);
    const audit = (await listAudit(stack().table, series, '2026-03')).filter((a) => a.action === 'download-document');
    expect(audit.length).toBe(before + 2);
    expect(audit.slice(-2).map((a) => [a.action, a.document, a.actor])).toEqual([
      ['download-document', 'meeting-notice.pdf', { kind: 'secretariat', subject: 'officer-lin', via: 'console' }],
      ['download-document', 'sign-in-sheet.pdf', { kind: 'secretariat', subject: 'officer-lin', via: 'console' }],
    ]);
    // Without a session: sent to sign in, no file.
    const anonymous = await fetch(`${consoleBase}${march}/notice.pdf`, { redirect: 'manual' });
    expect(anonymous.status).toBe(302);
  });
});

describe('move: form, preview, confirmation', () => {
  it('previews without writing, then moves on confirmation and tells the invitees', async () => {
    const form = await page(`${march}/move`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('name="_csrf"');
    expect(form.text).toContain('原因');

    const before = await storedData();
    const preview = await post(`${march}/move/preview`, { date: '2026-03-26', start: '14:00', reason: '會議室衝突' });
    expect(preview.status).toBe(200);
    expect(preview.text).toContain('115年3月25日（星期三）下午2時 → <strong>115年3月26日（星期四）下午2時</strong>');
    expect(preview.text).toContain('將通知');
    expect(preview.text).toContain('確認改期');
    expect(await storedData()).toEqual(before);

    const done = await post(`${march}/move/confirm`, { date: '2026-03-26', start: '14:00', reason: '會議室衝突' });
    expect(done.status).toBe(200);
    // Sent back to the meeting's page, which says what was done; reloading it posts nothing again.
    expect(done.url).toMatch(/\/meetings\/child-protection-case-conference\/2026-03\?done=/);
    expect(done.text).toContain('已完成');
    expect(done.text).toContain('已排入通知');
    const actionsBefore = await listMeetingActions(stack().table, { seriesId: series, slotKey: '2026-03' });
    await page(done.url!.replace(`/c/${county}/console`, ''));
    expect(await listMeetingActions(stack().table, { seriesId: series, slotKey: '2026-03' })).toEqual(actionsBefore);
    expect((await getOccurrence(stack().table, series, '2026-03'))!.date).toBe('2026-03-26');
    const [action] = (await listMeetingActions(stack().table, { seriesId: series, slotKey: '2026-03' })).filter((a) => a.task === 'move');
    expect(action).toMatchObject({ reason: '會議室衝突', actor: { subject: 'officer-lin', via: 'console' } });
    // Everyone invited is queued an update (the meeting was invited already, or will be with the new date).
    const outbox = await listOutbox(stack().table, series, '2026-03');
    expect(outbox.some((n) => n.status === 'pending')).toBe(true);

    const meetingPage = await page(march);
    expect(meetingPage.text).toContain('會議改期');
    expect(meetingPage.text).toContain('原因：會議室衝突');
    expect(meetingPage.text).toContain('115年3月25日（星期三）下午2時 → <strong>115年3月26日（星期四）下午2時</strong>');
    // Named as the sign-in named the officer, not by the sign-in's id.
    expect(meetingPage.text).toContain('由 林承辦（幕僚工作台）');
    expect(action!.actor.name).toBe('林承辦');
  });

  it('flags a change less than three days before the meeting: the notices cannot be on time', async () => {
    const preview = await post('/series/placement-review-panel/sessions/new/preview', { date: '2026-03-10', reason: '緊急個案' });
    expect(preview.status).toBe(200);
    expect(preview.text).toContain('距離會議已不到 3 個工作天');
    // Thursday 12 March from Monday the 9th: three calendar days, but only Tuesday and Wednesday
    // to read the notice in.
    const thursday = await post(`${march}/move/preview`, { date: '2026-03-12', reason: '會議室衝突' });
    expect(thursday.text).toContain('距離會議已不到 3 個工作天');
    // Friday the 13th leaves three working days; the 27th, plenty.
    for (const date of ['2026-03-13', '2026-03-27']) {
      const later = await post(`${march}/move/preview`, { date, reason: '會議室衝突' });
      expect(later.status).toBe(200);
      expect(later.text).not.toContain('個工作天');
    }
  });

  it('refuses a POST without the CSRF token and writes nothing', async () => {
    const before = await storedData();
    const answer = await post(`${march}/move/confirm`, { date: '2026-03-27', reason: '會議室衝突' }, false);
    expect(answer.status).toBe(403);
    expect(await storedData()).toEqual(before);
  });
});

describe('bad input, each refused next to its field with nothing written', () => {
  it('2026-02-30', async () => {
    await refused(
      `${march}/move/preview`,
      { date: '2026-02-30', reason: '會議室衝突' },
      {
        status: 422,
        field: 'date',
        message: /「2026-02-30」不是實際存在的日期/,
      },
    );
    await refused(
      `${march}/move/confirm`,
      { date: '2026-02-30', reason: '會議室衝突' },
      {
        status: 422,
        field: 'date',
        message: /不是實際存在的日期/,
      },
    );
  });

  it('a day off without the confirmation checkbox (Saturday 28 March; 補假 Friday 3 April)', async () => {
    const saturday = await refused(
      `${march}/move/confirm`,
      { date: '2026-03-28', reason: '會議室衝突' },
      {
        status: 422,
        field: 'date',
        message: /^115年3月28日（星期六） 是放假日.*請確認後再送出/,
      },
    );
    // The box that would let it through says so too.
    expect(fieldError(saturday, 'force')).toContain('請勾選這一項');
    await refused(
      `/series/placement-review-panel/sessions/new/confirm`,
      { date: '2026-04-03', reason: '個案需求' },
      {
        status: 422,
        field: 'date',
        message: /放假日（補假）/,
      },
    );
    // With the box ticked, the preview goes through.
    const preview = await post(`${march}/move/preview`, { date: '2026-03-28', force: 'on', reason: '會議室衝突' });
    expect(preview.status).toBe(200);
    expect(preview.text).toContain('115年3月28日（星期六）');
  });

  it('a meeting that has taken place (February 25th, held before today)', async () => {
    await refused(
      `/meetings/${series}/2026-02/cancel/confirm`,
      { reason: '颱風停止上班' },
      { status: 409, message: /115年2月25日（星期三） 的會議已經開過，不能再修改/ },
    );
    await refused(
      `/meetings/${series}/2026-02/move/preview`,
      { date: '2026-03-27', reason: '補開' },
      {
        status: 409,
        message: /已經開過，不能再修改/,
      },
    );
    // Its page says so, and offers no change.
    const { text } = await page(`/meetings/${series}/2026-02`);
    expect(text).toContain('這場會議已經開過');
    expect(text).not.toContain('/2026-02/move"');
  });

  it('an empty reason', async () => {
    await refused(
      `${march}/move/preview`,
      { date: '2026-03-27', reason: '   ' },
      {
        status: 422,
        field: 'reason',
        message: /請填寫原因/,
      },
    );
    await refused(
      `${march}/venue/confirm`,
      { venueId: 'puzi-center', reason: '' },
      {
        status: 422,
        field: 'reason',
        message: /請填寫原因/,
      },
    );
  });

  it('no date at all', async () => {
    await refused(`${march}/move/preview`, { date: '', reason: '會議室衝突' }, { status: 422, field: 'date', message: /請選擇新的日期/ });
  });
});

describe('the other meeting actions', () => {
  const april = `/meetings/${series}/2026-04`;

  it('changes the venue', async () => {
    const venue = config.venues.find((v) => v.id !== 'minxiong-center')!;
    const done = await post(`${april}/venue/confirm`, { venueId: venue.id, reason: '原場地整修' });
    expect(done.status).toBe(200);
    expect(done.text).toContain(venue.name.zh);
    expect((await getOccurrence(stack().table, series, '2026-04'))!.venueId).toBe(venue.id);
  });

  it('appoints an acting chair, and swaps chairs with another meeting', async () => {
    const april0 = (await getOccurrence(stack().table, series, '2026-04'))!;
    const may0 = (await getOccurrence(stack().table, series, '2026-05'))!;
    const other = caseConference.invitedUnitIds.find((u) => u !== april0.chairUnitId && u !== may0.chairUnitId)!;
    expect((await post(`${april}/acting-chair/confirm`, { unitId: other, reason: '輪值單位當日另有勤務' })).status).toBe(200);
    expect((await getOccurrence(stack().table, series, '2026-04'))!.chairUnitId).toBe(other);

    const form = await page(`/meetings/${series}/2026-05/swap`);
    expect(form.text).toContain('value="2026-06"');
    expect((await post(`/meetings/${series}/2026-05/swap/confirm`, { other: '2026-06', reason: '主持單位協調互換' })).status).toBe(200);
    const [may, june] = [await getOccurrence(stack().table, series, '2026-05'), await getOccurrence(stack().table, series, '2026-06')];
    expect(may!.chairUnitId).not.toBe(may0.chairUnitId);
    expect(june!.chairUnitId).toBe(may0.chairUnitId);
  });

  it('cancels and reinstates a meeting', async () => {
    const path = `/meetings/${series}/2026-06`;
    expect((await post(`${path}/cancel/confirm`, { reason: '颱風停止上班' })).status).toBe(200);
    expect((await getOccurrence(stack().table, series, '2026-06'))!.status).toBe('cancelled');
    const cancelledPage = await page(path);
    expect(cancelledPage.text).toContain('恢復召開');
    expect(cancelledPage.text).not.toContain('簽到表（PDF）');
    expect((await post(`${path}/reinstate/confirm`, { reason: '颱風已過，照常開會' })).status).toBe(200);
    expect((await getOccurrence(stack().table, series, '2026-06'))!.status).toBe('scheduled');
  });

  it('adds an ad-hoc session, and its page exists', async () => {
    const done = await post('/series/placement-review-panel/sessions/new/confirm', {
      date: '2026-03-19',
      start: '10:00',
      reason: '個案需求',
    });
    expect(done.status).toBe(200);
    // Sent on to the new session's own page, which says what was done.
    expect(done.url).toMatch(new RegExp(`/c/${county}/console/meetings/placement-review-panel/[^?]+\\?done=`));
    expect(done.text).toContain('加開臨時會議');
    const sessionPage = await page(new URL(done.url!, 'http://x').pathname.replace(`/c/${county}/console`, ''));
    expect(sessionPage.status).toBe(200);
    expect(sessionPage.text).toContain('115年3月19日（星期四）');
    expect(sessionPage.text).toContain('上午10時');
    const overrides = await listOverrides(stack().table, 'placement-review-panel');
    expect(overrides.some((o) => o.adHoc?.date === '2026-03-19')).toBe(true);
  });

  it('keeps both changes when two officers change one meeting at the same moment (a move and a venue)', async () => {
    const april = `/meetings/${series}/2026-04`;
    const [moved, venue] = await Promise.all([
      post(`${april}/move/confirm`, { date: '2026-04-23', reason: '與研習衝突' }),
      post(`${april}/venue/confirm`, { venueId: 'budai-center', reason: '原場地整修' }),
    ]);
    expect([moved.status, venue.status]).toEqual([200, 200]);
    const stored = (await getOccurrence(stack().table, series, '2026-04'))!;
    expect([stored.date, stored.venueId]).toEqual(['2026-04-23', 'budai-center']);
    const tasks = (await listMeetingActions(stack().table, { seriesId: series, slotKey: '2026-04' })).map((a) => a.task);
    expect(tasks).toEqual(expect.arrayContaining(['move', 'venue']));
  });
});
