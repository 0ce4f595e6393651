// The console's sections as a county officer uses them, in Debian's Chromium, signed in through the
// local OpenID provider `npm start` runs, on DynamoDB Local and the SES emulator:
//   - approve and distribute a meeting's minutes (the stored state, and the mail in the emulator);
//   - see a notice the dispatcher could not send (SES refused it, through test/support/fault-proxy.ts)
//     in words and send it again (requeued, then delivered);
//   - remove a closure declared by mistake (the closure gone, the meeting back on its day);
//   - bad input through the pages, each its own test with the table compared before and after: an
//     unknown contact, a malformed calendar CSV, an empty reason;
//   - axe-core on every page and form of these sections, screenshots at 1366×768 and 390×844;
//   - sign-in and sign-out in the audit trail, filtered on the audit page;
//   - the local provider's login page opened again after its sign-in ended: a page in words.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useEmbeddedStack } from '../support/embedded-stack.ts';
import { testOccurrence } from '../support/test-occurrence.ts';
import { seriousViolations } from '../support/axe.ts';
import { storedEmails } from '../support/ses-store.ts';
import { startFaultProxy } from '../support/fault-proxy.ts';
import { createApp } from '../../functions/http/app.ts';
import { loadCountyConfigFile } from '../../functions/adapters/config/county-config-file.ts';
import { countiesOf } from '../../functions/adapters/config/county-registry.ts';
import { keys } from '../../functions/adapters/dynamodb/keys.ts';
import { createOccurrence, getOccurrence } from '../../functions/adapters/dynamodb/occurrence-store.ts';
import { claim, listOutbox, queueNotice, record, unknownWrite } from '../../functions/adapters/dynamodb/outbox-store.ts';
import { getMinutesHead } from '../../functions/adapters/dynamodb/minutes-store.ts';
import { listClosures, putClosureIfNone } from '../../functions/adapters/dynamodb/calendar-store.ts';
import { saveMinutes } from '../../functions/use-cases/minutes/write-minutes.ts';
import { auditTrail } from '../../functions/use-cases/secretariat/audit-trail.ts';
import { inProcessDocumentRenderer } from '../../functions/use-cases/documents/in-process-renderer.ts';
import { handler as dispatchOutbox } from '../../functions/handlers/dispatch-outbox.ts';
import type { MinutesContent } from '../../functions/core/minutes/minutes-schema.ts';
import { resetRuntime } from '../../functions/handlers/runtime.ts';
import { localContext } from '../../lib/local-stack/lambda-context.ts';
import { startLocalSignInProvider, type LocalSignInProvider } from '../../lib/local-stack/local-sign-in-provider.ts';

const stack = useEmbeddedStack();
const config = loadCountyConfigFile();
const county = config.county.id;
const conference = config.series.find((s) => s.id === 'child-protection-case-conference')!;
const invitees = config.units.filter((u) => conference.invitedUnitIds.includes(u.id)).flatMap((u) => u.contacts);
const screenshots = join(process.cwd(), '.scratch', 'screenshots');
const chromiumFlags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'];
const viewports = [
  { width: 1366, height: 768 },
  { width: 390, height: 844 },
] as const;

// The app's clock: Monday 2 March 2026, 09:00 in Taipei; each confirmation a minute later, so the
// audit trail has an order.
let clock = Date.parse('2026-03-02T01:00:00Z');

let server: ServerType;
let baseUrl: string;
let signIn: LocalSignInProvider;
let browser: Browser;

const consoleUrl = (path = '') => `${baseUrl}/c/${county}/console/${path}`;
const officer = () => signIn.accounts.find((a) => a.countyId === county)!;

/** pk|sk of a stored item, to compare scans in one order. */
const itemKey = (item: Record<string, unknown>) => `${String(item.pk)}|${String(item.sk)}`;

/** Everything in the table except the console's sessions, which every page view touches (idle time). */
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

async function signedIn(viewport: { width: number; height: number } = viewports[0]): Promise<{ context: BrowserContext; page: Page }> {
  // bypassCSP in the test browser only: the console's CSP rightly blocks the injected axe-core.
  const context = await browser.newContext({ viewport, locale: 'zh-TW', bypassCSP: true });
  const page = await context.newPage();
  await page.goto(consoleUrl());
  await page.waitForURL(/\/interaction\//);
  await page.getByLabel('帳號').fill(officer().username);
  await page.getByLabel('密碼').fill(officer().password);
  await Promise.all([page.waitForURL((url) => url.origin === baseUrl), page.getByRole('button', { name: '登入' }).click()]);
  return { context, page };
}

/** Fills the reason, previews, and confirms; returns what the section's page says was done. */
async function previewAndConfirm(page: Page, reason: string): Promise<string> {
  await page.getByLabel(/^原因/).fill(reason);
  await Promise.all([page.waitForURL(/\/preview$/), page.getByRole('button', { name: '預覽變更' }).click()]);
  expect(await page.locator('h1').innerText()).toMatch(/^預覽：/);
  clock += 60_000;
  // The confirmation sends the browser on to the section's page, which says what was done.
  await Promise.all([
    page.waitForURL((url) => url.searchParams.has('done')),
    page.locator('form[action$="/confirm"] button[type=submit]').click(),
  ]);
  expect(await page.getByRole('status').innerText()).toContain('已完成');
  return page.getByRole('status').innerText();
}

/**
 * A full-page screenshot for a person to look at. Chromium sometimes cannot capture one while the
 * machine is busy (other engineers' browsers): tried again once before the test gives up.
 */
async function screenshot(page: Page, file: string): Promise<void> {
  try {
    await page.screenshot({ path: join(screenshots, file), fullPage: true });
  } catch {
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(screenshots, file), fullPage: true });
  }
}

/** The page at both sizes: no serious or critical axe violation, nothing wider than the screen, a screenshot each. */
async function checkPage(url: string, name: string, prepare?: (page: Page) => Promise<void>): Promise<void> {
  for (const viewport of viewports) {
    const context = await browser.newContext({ viewport, locale: 'zh-TW', bypassCSP: true, storageState: await session!.storageState() });
    const page = await context.newPage();
    const response = await page.goto(url);
    expect(response?.status(), `${name} answered`).toBeLessThan(500);
    if (prepare) await prepare(page);
    await screenshot(page, `sections-${name}-${viewport.width}.png`);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth'), `${name} at ${viewport.width}px`).toBeLessThanOrEqual(
      viewport.width,
    );
    const violations = await seriousViolations(page);
    expect(violations.map((v) => `${name} ${viewport.width}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await context.close();
  }
}

let session: BrowserContext | undefined;

const minutes: MinutesContent = {
  attendance: conference.invitedUnitIds.map((unitId) => ({ unitId, present: true, names: ['出席者'] })),
  summary: '討論個案二案（內容僅限紀錄，不得出現在信中）。',
  resolutions: ['持續追蹤。'],
  actionItems: [],
};

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  const { table } = stack();
  // Held on 25 February, its minutes submitted by the chair; coming on 25 March and 22 April.
  const february = testOccurrence({ seriesId: conference.id, slotKey: '2026-02', date: '2026-02-25' });
  await createOccurrence(table, february);
  await createOccurrence(
    table,
    testOccurrence({ seriesId: conference.id, slotKey: '2026-03', date: '2026-03-25', chairUnitId: 'police-women-children' }),
  );
  await createOccurrence(table, testOccurrence({ seriesId: conference.id, slotKey: '2026-04', date: '2026-04-22' }));
  await saveMinutes(
    { table, config, now: () => new Date(clock) },
    {
      actor: { kind: 'chair', contactId: 'social-cp-chief', unitId: 'social-child-protection', via: 'test' },
      series: conference,
      occurrence: february,
    },
    { expectedVersion: 0, minutes, submit: true },
  );

  signIn = await startLocalSignInProvider({ counties: [{ id: county, name: config.county.name.zh }] });
  const counties = countiesOf([config]);
  const app = createApp({
    connection: table,
    counties,
    now: () => new Date(clock),
    signingKey: randomBytes(32),
    consoleSignIn: signIn.consoleSignIn,
    renderDocument: inProcessDocumentRenderer({ connection: table, counties }),
  });
  await new Promise<void>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve());
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await signIn.serveConsole(baseUrl);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumFlags });
  session = (await signedIn()).context;
});

afterAll(async () => {
  await session?.close();
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await signIn?.stop();
  resetRuntime();
});

/** The address of a To header: `"name" <address>` or a bare address. */
const address = (to: string) => /<([^>]+)>/.exec(to)?.[1] ?? to;

/** The dispatcher's round, as the local cron runs it: what is due now goes to the SES emulator. */
async function dispatchRound(): Promise<void> {
  await dispatchOutbox({ scheduledTime: new Date(clock).toISOString(), countyId: county }, localContext('dispatch-outbox'));
}

describe('the console sections, end to end', () => {
  it('approves and distributes minutes: stored as distributed, one mail per invitee, no minutes text in them', async () => {
    const page = await session!.newPage();
    await page.goto(consoleUrl('minutes'));
    const row = page.locator('tr', { hasText: '2/25(三)' });
    expect(await row.innerText()).toContain('已送出，待幕僚核定');
    await Promise.all([page.waitForURL(/\/approve$/), row.getByRole('link', { name: /^核定/ }).click()]);
    await page.screenshot({ path: join(screenshots, 'sections-minutes-approve-form-1366.png'), fullPage: true });
    expect(await previewAndConfirm(page, '內容無誤')).toContain('核定會議紀錄');
    expect((await getMinutesHead(stack().table, conference.id, '2026-02'))?.state).toBe('approved');

    await page.goto(consoleUrl('minutes'));
    await Promise.all([
      page.waitForURL(/\/distribute$/),
      page.locator('tr', { hasText: '2/25(三)' }).getByRole('link', { name: /^分送/ }).click(),
    ]);
    const done = await previewAndConfirm(page, '依規定分送');
    // The minutes page after the confirmation: what was done on top, the list below; a reload posts nothing.
    await screenshot(page, 'sections-minutes-distributed-1366.png');
    expect(await seriousViolations(page)).toEqual([]);
    expect(done).toContain(`會議紀錄分送通知 ${invitees.length} 人`);
    expect((await getMinutesHead(stack().table, conference.id, '2026-02'))?.state).toBe('distributed');
    const trail = await auditTrail(stack().table, config, { meeting: { seriesId: conference.id, slotKey: '2026-02' } });
    expect(trail.map((a) => [a.task, a.reason, a.actor.subject])).toEqual([
      ['approve-minutes', '內容無誤', officer().subject],
      ['distribute-minutes', '依規定分送', officer().subject],
    ]);

    await dispatchRound();
    const mail = (await storedEmails(stack().sesEndpoint)).filter((e) => e.subject.includes('會議紀錄'));
    expect(mail.flatMap((e) => e.destination.to.map(address)).sort()).toEqual(invitees.map((c) => c.email).sort());
    for (const e of mail) {
      expect(`${e.body.text ?? ''}${e.body.html ?? ''}`).not.toContain('討論個案');
      expect(`${e.body.text ?? ''}`).toContain(conference.name.zh);
    }
    await page.close();
  });

  it('shows a failed notice in words and sends it again: requeued, then delivered by the next round', async () => {
    const { table } = stack();
    const chief = config.units.find((u) => u.id === 'social-child-protection')!.contacts.find((c) => c.id === 'social-cp-chief')!;
    await queueNotice(table, {
      seriesId: conference.id,
      slotKey: '2026-03',
      kind: 'invitation',
      variant: 'main',
      sequence: 0,
      recipient: { contactId: chief.id, unitId: 'social-child-protection', name: `社會局 兒少保護科 ${chief.name}`, email: chief.email },
      dueAt: '2026-02-20T00:00:00.000Z',
    });
    // A real round of the dispatcher, through a proxy in front of the SES emulator that refuses this
    // address as SES does an unverified one (400 MessageRejected): the notice is set aside as failed.
    const proxy = await startFaultProxy({ upstream: stack().sesEndpoint, rejectRecipients: [chief.email] });
    const direct = process.env.SES_ENDPOINT;
    try {
      process.env.SES_ENDPOINT = proxy.endpoint;
      resetRuntime();
      await dispatchRound();
    } finally {
      process.env.SES_ENDPOINT = direct;
      resetRuntime();
      await proxy.stop();
    }
    expect(proxy.records().map((r) => [r.recipient, r.outcome])).toEqual([[chief.email, 'rejected']]);
    const item = (await listOutbox(table, conference.id, '2026-03')).find((i) => i.recipient.contactId === chief.id)!;
    expect(item).toMatchObject({ status: 'failed', attempts: 1 });

    const page = await session!.newPage();
    await page.goto(consoleUrl('failed-notices'));
    const row = page.locator('tr', { hasText: chief.name });
    const text = await row.innerText();
    expect(text).toContain('3/25(三)');
    expect(text).toContain(conference.name.zh);
    expect(text).toContain('寄送失敗');
    expect(text).toContain('尚未通過驗證');
    await page.screenshot({ path: join(screenshots, 'sections-failed-notices-row-1366.png'), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    await Promise.all([page.waitForURL(/\/retry$/), row.getByRole('link', { name: /^重新寄送/ }).click()]);
    await page.screenshot({ path: join(screenshots, 'sections-failed-notice-retry-1366.png'), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    expect(await previewAndConfirm(page, 'SES 已移出沙箱')).toContain('重新寄送通知');
    const after = (await listOutbox(table, conference.id, '2026-03')).find((i) => i.sk === item.sk)!;
    expect(after.status).toBe('pending');

    await page.goto(consoleUrl('failed-notices'));
    expect(await page.locator('main').innerText()).toContain('所有通知都已寄出');
    await dispatchRound();
    const sent = (await storedEmails(stack().sesEndpoint)).filter(
      (e) => e.destination.to.map(address).includes(chief.email) && /開會通知/.test(e.subject),
    );
    expect(sent).toHaveLength(1);
    const audit = await auditTrail(table, config, { action: 'retry-notice' });
    expect(audit.map((a) => [a.reason, a.told?.map((t) => t.contactId)])).toEqual([['SES 已移出沙箱', [chief.id]]]);
    await page.close();
  });

  it('resends a notice of unknown outcome only once the officer confirms it did not arrive', async () => {
    const { table } = stack();
    const squad = config.units.find((u) => u.id === 'police-women-children')!.contacts[0]!;
    await queueNotice(table, {
      seriesId: conference.id,
      slotKey: '2026-04',
      kind: 'invitation',
      variant: 'main',
      sequence: 0,
      recipient: { contactId: squad.id, unitId: 'police-women-children', name: `警察局 婦幼警察隊 ${squad.name}`, email: squad.email },
      dueAt: '2026-02-20T00:00:00.000Z',
    });
    const item = (await listOutbox(table, conference.id, '2026-04')).find((i) => i.recipient.contactId === squad.id)!;
    expect(await record(table, unknownWrite(table, (await claim(table, item, 60))!, 'TimeoutError: socket hang up'))).toBe(true);

    const page = await session!.newPage();
    await page.goto(consoleUrl('failed-notices'));
    const row = page.locator('tr', { hasText: squad.name });
    expect(await row.innerText()).toContain('結果不明');
    await Promise.all([page.waitForURL(/\/retry$/), row.getByRole('link', { name: /^重新寄送/ }).click()]);
    const before = await tableItems();
    await page.getByLabel(/^原因/).fill('對方說沒收到');
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/preview')),
      page.getByRole('button', { name: '預覽變更' }).click(),
    ]);
    expect(refused.status()).toBe(422);
    expect(await page.locator('#f-confirmNotReceived-error').innerText()).toContain('請先向收件人確認沒有收到');
    expect(await tableItems()).toEqual(before);
    await page.screenshot({ path: join(screenshots, 'sections-failed-notice-unknown-1366.png'), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel('我已向收件人確認，他沒有收到這封通知').check();
    expect(await previewAndConfirm(page, '對方說沒收到')).toContain('重新寄送通知');
    expect((await listOutbox(table, conference.id, '2026-04')).find((i) => i.sk === item.sk)?.status).toBe('pending');
    await page.close();
  });

  it('refuses removing an unknown contact next to the field, and writes nothing', async () => {
    const page = await session!.newPage();
    await page.goto(consoleUrl('contacts/social-child-protection/remove'));
    const before = await tableItems();
    // A stale page or a crafted post: a contact the unit does not have.
    await page
      .locator('select[name=contactId]')
      .evaluate(
        (select) =>
          void (select as unknown as { insertAdjacentHTML(where: string, html: string): void }).insertAdjacentHTML(
            'beforeend',
            '<option value="no-such-contact" selected>已不在名單的人</option>',
          ),
      );
    await page.getByLabel(/^原因/).fill('人事異動');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/preview')),
      page.getByRole('button', { name: '預覽變更' }).click(),
    ]);
    expect(response.status()).toBe(422);
    const error = await page.locator('#f-contactId-error').innerText();
    expect(error).toMatch(/聯絡人/);
    expect(await page.locator('#f-contactId').getAttribute('aria-invalid')).toBe('true');
    expect(await tableItems()).toEqual(before);
    await page.close();
  });

  it('refuses a malformed calendar CSV with the line and the reason in zh-TW, and writes nothing', async () => {
    const page = await session!.newPage();
    await page.goto(consoleUrl('office-calendar/import'));
    const before = await tableItems();
    const csv = '\uFEFF西元日期,星期,是否放假,備註\r\n20270101,五,2,開國紀念日\r\n20270132,六,2,\r\n';
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: '115年中華民國政府行政機關辦公日曆表.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByLabel(/^原因/).fill('匯入明年辦公日曆');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/preview')),
      page.getByRole('button', { name: '預覽變更' }).click(),
    ]);
    expect(response.status()).toBe(422);
    const error = await page.locator('#f-file-error').innerText();
    expect(error).toContain('未匯入');
    expect(error).toMatch(/第\s*\d+\s*行/);
    await page.screenshot({ path: join(screenshots, 'sections-calendar-malformed-1366.png'), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    expect(await tableItems()).toEqual(before);
    await page.close();
  });

  it('refuses a closure without a reason next to the reason field, and writes nothing', async () => {
    const page = await session!.newPage();
    await page.goto(consoleUrl('office-calendar/closures/declare'));
    const before = await tableItems();
    await page.getByLabel(/^停止上班的日期/).fill('2026-03-25');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/preview')),
      page.getByRole('button', { name: '預覽變更' }).click(),
    ]);
    expect(response.status()).toBe(422);
    expect(await page.locator('#f-reason-error').innerText()).toMatch(/請填寫.*原因/);
    // What was typed is kept.
    expect(await page.locator('#f-date').inputValue()).toBe('2026-03-25');
    expect(await tableItems()).toEqual(before);
    await page.close();
  });

  it('removes a closure declared by mistake: the closure gone, the audit with its reason', async () => {
    const { table } = stack();
    // Entered by hand for the wrong day (as an older version or a slip of the CLI would).
    await putClosureIfNone(table, { date: '2026-03-24', reason: '颱風停止上班' }, 'test', '2026-03-01T01:00:00.000Z');
    const page = await session!.newPage();
    await page.goto(consoleUrl('office-calendar'));
    const row = page.locator('tr', { hasText: '115年3月24日' });
    expect(await row.innerText()).toContain('颱風停止上班');
    await Promise.all([page.waitForURL(/closures\/remove/), row.getByRole('link', { name: /^移除/ }).click()]);
    expect(await page.locator('#f-date').inputValue()).toBe('2026-03-24');
    const done = await previewAndConfirm(page, '登錄日期錯誤，應為嘉義市');
    expect(done).toContain('移除停止上班');
    expect((await listClosures(table)).closures.map((c) => c.date)).not.toContain('2026-03-24');
    expect((await getOccurrence(table, conference.id, '2026-03'))?.date).toBe('2026-03-25');
    const audit = await auditTrail(table, config, { action: 'remove-closure' });
    expect(audit.map((a) => a.reason)).toEqual(['登錄日期錯誤，應為嘉義市']);
    await page.goto(consoleUrl('office-calendar'));
    expect(await page.locator('main').innerText()).not.toContain('115年3月24日');
    await page.close();
  });

  it('keeps sign-in and sign-out in the audit trail, and the audit page filters by person and action', async () => {
    const { context, page } = await signedIn();
    await page.goto(consoleUrl(`audit?action=sign-in&person=${officer().subject}`));
    const rows = page.locator('table').first().locator('tbody tr');
    expect(await rows.count()).toBeGreaterThanOrEqual(2);
    expect(await rows.first().innerText()).toContain('登入幕僚工作台');
    expect(await rows.first().innerText()).toContain(officer().name);
    expect(await page.locator('#action').inputValue()).toBe('sign-in');

    await page.goto(consoleUrl('audit?action=no-such-action'));
    expect(await page.locator('#action-problem').innerText()).toContain('沒有「no-such-action」這種操作');

    await Promise.all([page.waitForURL(/signed-out/), page.getByRole('button', { name: '登出' }).click()]);
    const trail = await auditTrail(stack().table, config, { action: 'sign-out' });
    expect(trail.at(-1)).toMatchObject({ task: 'sign-out', actor: { subject: officer().subject, via: 'console', name: officer().name } });
    // Who and when only: nothing of the session or the token.
    expect(JSON.stringify(trail)).not.toMatch(/eyJ|sn_console/);
    await context.close();
  });

  it('answers a login page opened after its sign-in ended with a page in words and the way back', async () => {
    const context = await browser.newContext({ viewport: viewports[1], locale: 'zh-TW', bypassCSP: true });
    const page = await context.newPage();
    const response = await page.goto(`${signIn.issuer}/interaction/bookmarked-long-ago`);
    expect(response?.status()).toBe(400);
    expect(await page.locator('h1').innerText()).toBe('這個登入頁已失效');
    const back = page.getByRole('link', { name: /重新登入/ });
    expect(await back.getAttribute('href')).toBe(consoleUrl('sign-in'));
    await page.screenshot({ path: join(screenshots, 'sections-login-expired-390.png') });
    expect(await seriousViolations(page)).toEqual([]);
    await Promise.all([page.waitForURL(/\/interaction\//), back.click()]);
    expect(await page.getByLabel('帳號').count()).toBe(1);
    await context.close();
  });

  it('passes axe-core on every page and form of these sections, at 1366×768 and 390×844', async () => {
    const pages: Array<[string, string, ((page: Page) => Promise<void>)?]> = [
      ['', 'home'],
      ['plan', 'plan'],
      ['contacts', 'contacts'],
      ['contacts/social-child-protection/add', 'contact-add'],
      ['contacts/social-child-protection/remove?contact=social-cp-officer', 'contact-remove'],
      ['contacts/social-child-protection/readd', 'contact-readd'],
      ['minutes', 'minutes'],
      [`minutes/${conference.id}/2026-02/distribute`, 'minutes-distribute'],
      [`minutes/${conference.id}/2026-02/chair-link/issue`, 'chair-link-issue'],
      [`minutes/${conference.id}/2026-02/chair-link/revoke`, 'chair-link-revoke'],
      ['follow-up', 'follow-up'],
      ['failed-notices', 'failed-notices'],
      ['audit', 'audit'],
      [`audit?meeting=${conference.id}/2026-02`, 'audit-meeting'],
      ['office-calendar', 'office-calendar'],
      ['office-calendar/import', 'calendar-import'],
      ['office-calendar/closures/declare', 'closure-declare'],
      ['office-calendar/closures/remove', 'closure-remove'],
      [
        'contacts/social-child-protection/add',
        'contact-add-preview',
        async (page) => {
          await page.getByLabel(/^姓名/).fill('林社工');
          await page.getByLabel(/^電子郵件/).fill('lin.worker@example.org');
          await page.getByLabel(/^原因/).fill('新進人員');
          await Promise.all([page.waitForURL(/\/preview$/), page.getByRole('button', { name: '預覽變更' }).click()]);
        },
      ],
      [`minutes/${conference.id}/2026-02/approve`, 'minutes-approve'],
      [
        `minutes/${conference.id}/2026-02/chair-link/issue`,
        'chair-link-issued',
        async (page) => {
          await page.getByLabel(/^原因/).fill('主持人遺失連結');
          await Promise.all([page.waitForURL(/\/preview$/), page.getByRole('button', { name: '預覽變更' }).click()]);
          await Promise.all([page.waitForURL(/\/confirm$/), page.getByRole('button', { name: '產生連結' }).click()]);
          expect(await page.getByLabel(/主持人紀錄連結/).inputValue()).toContain(`/c/${county}/`);
        },
      ],
      [
        'office-calendar/closures/declare',
        'closure-declare-refused',
        async (page) => {
          await page.getByLabel(/^停止上班的日期/).fill('2026-02-30');
          await Promise.all([
            page.waitForResponse((r) => r.url().endsWith('/preview')),
            page.getByRole('button', { name: '預覽變更' }).click(),
          ]);
        },
      ],
    ];
    for (const [path, name, prepare] of pages) await checkPage(consoleUrl(path), name, prepare);
  });

  it('warns on the overview of invitees still unanswered three working days before a meeting', async () => {
    // Friday 20 March: the meeting of Wednesday 25 March is three working days away (20, 23, 24 March).
    clock = Date.parse('2026-03-20T01:00:00Z');
    for (const viewport of viewports) {
      const { context, page } = await signedIn(viewport);
      const alert = page.locator('.alert', { hasText: '仍有受邀者未回覆' });
      const text = await alert.innerText();
      expect(text).toContain(`3/25(三) 下午2時 ${conference.name.zh}`);
      expect(text).not.toContain('4/22(三)');
      await alert.locator('summary').first().click();
      expect(await alert.locator('details').first().innerText()).toMatch(/（待填）/);
      await page.screenshot({ path: join(screenshots, `sections-home-unanswered-${viewport.width}.png`), fullPage: true });
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(viewport.width);
      expect(await seriousViolations(page)).toEqual([]);
      await context.close();
    }
  });
});
