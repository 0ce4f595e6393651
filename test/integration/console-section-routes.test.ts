// The console's section routes over HTTP, on DynamoDB Local, with a session stored as sign-in
// stores it: contacts added, removed and re-added through the roster use cases (and the last
// contact kept, in words); next year's office calendar uploaded as multipart and the series
// re-planned; an upload too large and a post without the CSRF token refused with nothing written;
// the annual plan downloaded behind the session as CSV and XLSX (read back with exceljs) and audited.
import { randomBytes } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useEmbeddedStack } from '../support/embedded-stack.ts';
import { testOccurrence } from '../support/test-occurrence.ts';
import { calendarCsv } from '../support/office-calendar-csv.ts';
import { createApp } from '../../functions/http/app.ts';
import { countiesOf } from '../../functions/adapters/config/county-registry.ts';
import { loadCountyConfigFile } from '../../functions/adapters/config/county-config-file.ts';
import { keys } from '../../functions/adapters/dynamodb/keys.ts';
import { createOccurrence } from '../../functions/adapters/dynamodb/occurrence-store.ts';
import { createSession } from '../../functions/adapters/dynamodb/session-store.ts';
import { readOfficeCalendar } from '../../functions/adapters/dynamodb/calendar-store.ts';
import { getMinutesHead, listViewsAudit } from '../../functions/adapters/dynamodb/minutes-store.ts';
import { saveMinutes } from '../../functions/use-cases/minutes/write-minutes.ts';
import { newSessionTimes } from '../../functions/core/access/console-session.ts';
import { loadCountyView } from '../../functions/use-cases/load-county-view.ts';
import { auditTrail } from '../../functions/use-cases/secretariat/audit-trail.ts';
import { inProcessDocumentRenderer } from '../../functions/use-cases/documents/in-process-renderer.ts';

const stack = useEmbeddedStack();
const config = loadCountyConfigFile();
const county = config.county.id;
const conference = config.series.find((s) => s.id === 'child-protection-case-conference')!;
// Monday 16 November 2026, 09:00 in Taipei (next year's office calendar is due); a second later
// with every post, so the audit trail has an order.
let clock = Date.parse('2026-11-16T01:00:00Z');
const now = () => new Date(clock);
const sessionId = randomBytes(32).toString('base64url');
const csrfToken = randomBytes(32).toString('base64url');
const officerSubject = 'officer-subject-1';
const base = `/c/${county}/console`;

let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  const { table } = stack();
  const counties = countiesOf([config]);
  app = createApp({
    connection: table,
    counties,
    now,
    signingKey: randomBytes(32),
    // Never contacted: these tests bring their own session.
    consoleSignIn: { issuer: 'http://127.0.0.1:9', clientId: 'test-console', jwksUrl: 'http://127.0.0.1:9/jwks' },
    renderDocument: inProcessDocumentRenderer({ connection: table, counties }),
    // Mounts the chair's minutes pages (the link issued here must open them); no bearer token is used.
    secretariatAuth: { issuer: 'http://127.0.0.1:9', audience: 'test-api', jwksUrl: 'http://127.0.0.1:9/jwks' },
  });
  await createSession(table, sessionId, { subject: officerSubject, displayName: '測試承辦人', csrfToken, ...newSessionTimes(now()) });
  await createOccurrence(table, testOccurrence({ seriesId: conference.id, slotKey: '2026-11', date: '2026-11-25' }));
  await createOccurrence(table, testOccurrence({ seriesId: conference.id, slotKey: '2026-12', date: '2026-12-23' }));
});

const cookie = { cookie: `sn_console=${sessionId}` };
const get = (path: string) => app.request(`${base}${path}`, { headers: cookie });
const post = (path: string, fields: Record<string, string>, withToken = true) => {
  clock += 1000;
  return app.request(`${base}${path}`, {
    method: 'POST',
    headers: { ...cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...(withToken ? { _csrf: csrfToken } : {}), ...fields }),
  });
};
const upload = (path: string, file: { name: string; bytes: Uint8Array }, reason: string) => {
  const form = new FormData();
  form.set('_csrf', csrfToken);
  form.set('reason', reason);
  form.set('file', new File([file.bytes], file.name, { type: 'text/csv' }));
  return app.request(`${base}${path}`, { method: 'POST', headers: cookie, body: form });
};

/** pk|sk of a stored item, to compare scans in one order. */
const itemKey = (item: Record<string, unknown>) => `${String(item.pk)}|${String(item.sk)}`;

/** Everything but the sessions, which each request touches. */
async function tableItems(): Promise<Record<string, unknown>[]> {
  const { table } = stack();
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await table.client.send(new ScanCommand({ TableName: table.tableName, ConsistentRead: true, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items.filter((i) => i.pk !== keys.consoleSessions(county)).sort((a, b) => itemKey(a).localeCompare(itemKey(b)));
}

/** The text of the element with this id, tags stripped. */
function textOf(page: string, id: string): string {
  const match = new RegExp(`id="${id}"[^>]*>([\\s\\S]*?)</`).exec(page);
  return match?.[1]?.replace(/<[^>]+>/g, '').trim() ?? '';
}

describe('the console sections over HTTP', () => {
  it('adds a contact, removes the one before, keeps the last one in words, and re-adds', async () => {
    const { table } = stack();
    const preview = await post('/contacts/police-women-children/add/preview', {
      'contact.name': '新任隊長',
      'contact.email': 'new.leader@police.example.org',
      reason: '人事異動',
    });
    expect(preview.status).toBe(200);
    const previewPage = await preview.text();
    expect(previewPage).toContain('新任隊長');
    expect(previewPage).toContain('確認新增');

    const added = await post('/contacts/police-women-children/add/confirm', {
      'contact.name': '新任隊長',
      'contact.email': 'new.leader@police.example.org',
      reason: '人事異動',
    });
    // Sent on to the contacts page, which says what was done (a reload posts nothing again).
    expect(added.status).toBe(303);
    const location = added.headers.get('location')!;
    expect(location).toMatch(new RegExp(`^${base}/contacts\\?done=[0-9a-f-]{36}$`));
    const banner = await (await app.request(location, { headers: cookie })).text();
    expect(textOf(banner.replace(/<h2>/, '<h2 id="done-task">'), 'done-task')).toBe('新增聯絡人');
    expect(banner).toContain('原因：人事異動');
    const newcomer = (await loadCountyView(table, config)).unit('police-women-children')!.contacts.find((c) => c.name === '新任隊長')!;
    expect(newcomer.email).toBe('new.leader@police.example.org');

    // Sent twice (the back button): the same contact corrected, not a second one.
    await post('/contacts/police-women-children/add/confirm', {
      'contact.name': '新任隊長',
      'contact.email': 'new.leader@police.example.org',
      reason: '人事異動',
    });
    expect((await loadCountyView(table, config)).unit('police-women-children')!.contacts.map((c) => c.name)).toEqual([
      expect.stringContaining('隊長'),
      '新任隊長',
    ]);

    const removed = await post('/contacts/police-women-children/remove/confirm', { contactId: 'police-wc-leader', reason: '已調職' });
    expect(removed.status).toBe(303);
    const before = await tableItems();
    const refused = await post('/contacts/police-women-children/remove/preview', { contactId: newcomer.id, reason: '誤按' });
    expect(refused.status).toBe(409);
    const page = await refused.text();
    expect(textOf(page, 'f-contactId-error')).toContain('唯一的聯絡人');
    expect(page).toContain('aria-invalid="true"');
    expect(await tableItems()).toEqual(before);

    const contacts = await (await get('/contacts')).text();
    expect(contacts).toContain(`readd?contact=police-wc-leader`);
    expect(
      (await post('/contacts/police-women-children/readd/confirm', { contactId: 'police-wc-leader', reason: '調回原單位' })).status,
    ).toBe(303);
    expect((await loadCountyView(table, config)).unit('police-women-children')!.contacts.map((c) => c.id)).toContain('police-wc-leader');

    const trail = await auditTrail(table, config, { person: officerSubject });
    expect(trail.filter((a) => a.task.endsWith('contact')).map((a) => [a.task, a.reason])).toEqual([
      ['add-contact', '人事異動'],
      ['add-contact', '人事異動'],
      ['remove-contact', '已調職'],
      ['readd-contact', '調回原單位'],
    ]);
  });

  it('imports next year\u2019s office calendar uploaded as a file, and says so on the overview no more', async () => {
    const { table } = stack();
    expect(await (await get('/')).text()).toContain('116年辦公日曆尚未匯入');
    const file = { name: '116年中華民國政府行政機關辦公日曆表.csv', bytes: calendarCsv(2027, { '20270101': '開國紀念日' }) };
    const preview = await upload('/office-calendar/import/preview', file, '人事總處公布明年辦公日曆');
    expect(preview.status).toBe(200);
    expect(await preview.text()).toContain('116年（2027）');
    expect((await readOfficeCalendar(table)).calendar.loadedYears()).not.toContain(2027);

    const done = await upload('/office-calendar/import/confirm', file, '人事總處公布明年辦公日曆');
    expect(done.status).toBe(303);
    expect(await (await app.request(done.headers.get('location')!, { headers: cookie })).text()).toContain('匯入辦公日曆');
    expect((await readOfficeCalendar(table)).calendar.loadedYears()).toContain(2027);
    expect((await auditTrail(table, config, { action: 'import-calendar' })).map((a) => a.reason)).toEqual(['人事總處公布明年辦公日曆']);
    expect(await (await get('/')).text()).not.toContain('116年辦公日曆尚未匯入');
  });

  it('refuses an upload larger than a calendar can be, writing nothing', async () => {
    const before = await tableItems();
    const response = await upload(
      '/office-calendar/import/preview',
      { name: 'big.csv', bytes: new Uint8Array(600 * 1024).fill(65) },
      '測試',
    );
    expect(response.status).toBe(413);
    expect(await response.text()).toContain('檔案過大');
    expect(await tableItems()).toEqual(before);
  });

  it('refuses a section\u2019s change without the CSRF token, writing nothing', async () => {
    const before = await tableItems();
    const response = await post('/office-calendar/closures/declare/confirm', { date: '2026-11-30', reason: '颱風停止上班' }, false);
    expect(response.status).toBe(403);
    expect(await tableItems()).toEqual(before);
  });

  it('serves the annual plan as CSV and XLSX behind the session, in the county\u2019s columns, and audits the download', async () => {
    const { table } = stack();
    const signedOut = await app.request(`${base}/plan/download?year=2026&format=csv`);
    expect(signedOut.status).toBe(302);

    const csv = await get('/plan/download?year=2026&format=csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toContain("filename*=UTF-8''");
    const text = new TextDecoder().decode(await csv.arrayBuffer()).replace(/^\uFEFF/, '');
    expect(text.split(/\r?\n/)[0]).toMatch(/^序號,辦理日期,會議名稱,邀請網絡單位,邀請數/);
    expect(text).toContain('11/25(三)');

    const xlsx = await get('/plan/download?year=2026&format=xlsx');
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const cells = workbook.worksheets.flatMap((sheet) => sheet.getSheetValues().flat().map(String));
    expect(cells).toEqual(expect.arrayContaining(['辦理日期', '11/25(三)']));

    const audit = (await listViewsAudit(table)).filter((r) => r.action === 'download-document');
    expect(audit.map((r) => r.document)).toEqual(expect.arrayContaining(['annual-plan-2026.csv', 'annual-plan-2026.xlsx']));
    expect(audit.every((r) => r.actor.kind === 'secretariat' && r.actor.subject === officerSubject)).toBe(true);

    const wrong = await get('/plan/download?year=2026&format=docx');
    expect(wrong.status).toBe(422);
    expect(await wrong.text()).toContain('請選擇 CSV、XLSX 或 PDF');
  });

  it('returns submitted minutes with the reason, and issues and revokes a chair\u2019s link that then stops working', async () => {
    const { table } = stack();
    const october = testOccurrence({ seriesId: conference.id, slotKey: '2026-10', date: '2026-10-28' });
    await createOccurrence(table, october);
    await saveMinutes(
      { table, config, now },
      {
        actor: { kind: 'chair', contactId: 'social-cp-chief', unitId: 'social-child-protection', via: 'test' },
        series: conference,
        occurrence: october,
      },
      {
        expectedVersion: 0,
        submit: true,
        minutes: {
          attendance: conference.invitedUnitIds.map((unitId) => ({ unitId, present: true, names: ['出席者'] })),
          summary: '討論。',
          resolutions: ['持續追蹤。'],
          actionItems: [],
        },
      },
    );
    const at = `/minutes/${conference.id}/2026-10`;
    // Distributing before approval is refused in words, nothing written.
    const before = await tableItems();
    const early = await post(`${at}/distribute/preview`, { reason: '分送' });
    expect(early.status).toBe(409);
    expect(await early.text()).toContain('不能分送');
    expect(await tableItems()).toEqual(before);

    expect((await post(`${at}/return/confirm`, { reason: '出席名單不完整，請補正' })).status).toBe(303);
    expect((await getMinutesHead(table, conference.id, '2026-10'))?.state).toBe('draft');
    const [returned] = await auditTrail(table, config, { action: 'return-minutes' });
    expect(returned?.reason).toBe('出席名單不完整，請補正');

    // The contact named as the notices name them: the unit once, then the title (not 「兒少保護科 兒少保護科 科長」).
    const words = async (response: Response) => (await response.text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    const preview = await words(await post(`${at}/chair-link/issue/preview`, { contactId: 'social-cp-chief', reason: '主持人遺失連結' }));
    expect(preview).toContain('將產生 社會局 兒少保護科 科長（待填） 填寫「115年10月28日（星期三） 強化兒少保護跨網絡合作會議」紀錄的連結');
    const issued = await post(`${at}/chair-link/issue/confirm`, { contactId: 'social-cp-chief', reason: '主持人遺失連結' });
    expect(issued.status).toBe(200);
    const issuedPage = await issued.text();
    expect(issuedPage).toContain('已產生 社會局 兒少保護科 科長（待填） 的紀錄連結');
    const link = /id="chair-link"[^>]*>([^<]+)</.exec(issuedPage)?.[1]?.replaceAll('&amp;', '&');
    expect(link).toMatch(new RegExp(`/c/${county}/`));
    const path = new URL(link!).pathname + new URL(link!).search;
    expect((await app.request(path)).status).toBe(200);

    expect(await words(await post(`${at}/chair-link/revoke/preview`, { contactId: 'social-cp-chief', reason: '連結誤轉寄' }))).toContain(
      '將停用 社會局 兒少保護科 科長（待填） 目前持有的所有紀錄連結',
    );
    expect((await post(`${at}/chair-link/revoke/confirm`, { contactId: 'social-cp-chief', reason: '連結誤轉寄' })).status).toBe(303);
    expect((await app.request(path)).status).toBeGreaterThanOrEqual(400);
    expect((await auditTrail(table, config, { meeting: { seriesId: conference.id, slotKey: '2026-10' } })).map((a) => a.task)).toEqual([
      'return-minutes',
      'issue-chair-link',
      'revoke-chair-link',
    ]);
  });
});
