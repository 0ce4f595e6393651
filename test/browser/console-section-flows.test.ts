// The console's sections as a county officer uses them, in Debian's Chromium, signed in through the
// local OpenID provider `npm start` runs, on DynamoDB Local and the SES emulator:
//   - approve and distribute a meeting's minutes (the stored state, and the mail in the emulator);
//   - see a notice the dispatcher could not send (SES refused it, through test/support/fault-proxy.ts)
//     in words and send it again (requeued, then delivered);
//   - remove a closure declared by mistake (the closure gone, the meeting back on its day);
//   - bad input through the pages, each its own test with the table compared before and after: an
//     unknown contact, a malformed calendar CSV, an empty reason;
//   - axe-core on the pages these flows pass through (every page and form of the sections is in
//     console-section-flows-axe.test.ts, which runs beside this file);
//   - sign-in and sign-out in the audit trail, filtered on the audit page;
//   - the local provider's login page opened again after its sign-in ended: a page in words.
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useEmbeddedStack } from '../support/embedded-stack.ts';
import { seriousViolations } from '../support/axe.ts';
import { storedEmails } from '../support/ses-store.ts';
import { startFaultProxy } from '../support/fault-proxy.ts';
import { conference, config, county, screenshot, screenshots, useConsoleInBrowser, viewports } from '../support/console-sections.ts';
import { keys } from '../../functions/adapters/dynamodb/keys.ts';
import { getOccurrence } from '../../functions/adapters/dynamodb/occurrence-store.ts';
import { claim, listOutbox, queueNotice, record, unknownWrite } from '../../functions/adapters/dynamodb/outbox-store.ts';
import { getMinutesHead } from '../../functions/adapters/dynamodb/minutes-store.ts';
import { listClosures, putClosureIfNone } from '../../functions/adapters/dynamodb/calendar-store.ts';
import { auditTrail } from '../../functions/use-cases/secretariat/audit-trail.ts';
import { handler as dispatchOutbox } from '../../functions/handlers/dispatch-outbox.ts';
import { resetRuntime } from '../../functions/handlers/runtime.ts';
import { localContext } from '../../lib/local-stack/lambda-context.ts';

const stack = useEmbeddedStack();
const sections = useConsoleInBrowser(stack);
const { consoleUrl, officer, signedIn } = sections;
const invitees = config.units.filter((u) => conference.invitedUnitIds.includes(u.id)).flatMap((u) => u.contacts);

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

/** Fills the reason, previews, and confirms; returns what the section's page says was done. */
async function previewAndConfirm(page: Page, reason: string): Promise<string> {
  await page.getByLabel(/^原因/).fill(reason);
  await Promise.all([page.waitForURL(/\/preview$/), page.getByRole('button', { name: '預覽變更' }).click()]);
  expect(await page.locator('h1').innerText()).toMatch(/^預覽：/);
  sections.clock.now += 60_000;
  // The confirmation sends the browser on to the section's page, which says what was done.
  await Promise.all([
    page.waitForURL((url) => url.searchParams.has('done')),
    page.locator('form[action$="/confirm"] button[type=submit]').click(),
  ]);
  expect(await page.getByRole('status').innerText()).toContain('已完成');
  return page.getByRole('status').innerText();
}

/** The address of a To header: `"name" <address>` or a bare address. */
const address = (to: string) => /<([^>]+)>/.exec(to)?.[1] ?? to;

/** The dispatcher's round, as the local cron runs it: what is due now goes to the SES emulator. */
async function dispatchRound(): Promise<void> {
  await dispatchOutbox({ scheduledTime: new Date(sections.clock.now).toISOString(), countyId: county }, localContext('dispatch-outbox'));
}

describe('the console sections, end to end', () => {
  it('approves and distributes minutes: stored as distributed, one mail per invitee, no minutes text in them', async () => {
    const page = await sections.session().newPage();
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

    const page = await sections.session().newPage();
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

    const page = await sections.session().newPage();
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
    const page = await sections.session().newPage();
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
    const page = await sections.session().newPage();
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
    const page = await sections.session().newPage();
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
    const page = await sections.session().newPage();
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
    const context = await sections.browser().newContext({ viewport: viewports[1], locale: 'zh-TW', bypassCSP: true });
    const page = await context.newPage();
    const response = await page.goto(`${sections.signIn().issuer}/interaction/bookmarked-long-ago`);
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

  it('warns on the overview of invitees still unanswered three working days before a meeting', async () => {
    // Friday 20 March: the meeting of Wednesday 25 March is three working days away (20, 23, 24 March).
    sections.clock.now = Date.parse('2026-03-20T01:00:00Z');
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
