// The chair fills the minutes form in real Chromium on a phone-sized screen, and submits it. The
// page runs one script, served from the app's own origin (CSP `script-src 'self'`), that adds rows
// without a save; the form works without it. A <script> typed into a resolution is stored and
// shown as text, and never runs: no dialog opens and nothing it would set is set.
// Also here: the page before the meeting day, a refused save that keeps the text with zh-TW
// problems at their fields, the placement panel's attendance member by member with its quorum, and
// axe-core (0 serious or critical violations) on each page, in contexts that bypass the CSP to
// inject it.
import { randomBytes } from 'node:crypto';
import { serveApp, type ServedApp } from '../support/serve-app.ts';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useEmbeddedStack } from '../support/embedded-stack.ts';
import { createApp } from '../../functions/http/app.ts';
import { countiesOf } from '../../functions/adapters/config/county-registry.ts';
import { countySigningKey } from '../../functions/core/access/signed-token.ts';
import { loadCountyConfigFile } from '../../functions/adapters/config/county-config-file.ts';
import { createOccurrence } from '../../functions/adapters/dynamodb/occurrence-store.ts';
import { getMinutesHead, listAudit } from '../../functions/adapters/dynamodb/minutes-store.ts';
import { revokeLinks } from '../../functions/adapters/dynamodb/link-version-store.ts';
import { signMinutesLink } from '../../functions/use-cases/minutes/minutes-links.ts';
import { startLocalSecretariatSigner, type LocalSecretariatSigner } from '../../lib/local-stack/local-secretariat-signer.ts';
import { testOccurrence } from '../support/test-occurrence.ts';
import { screenshot, seriousViolations } from '../support/axe.ts';

const stack = useEmbeddedStack();
const config = loadCountyConfigFile();
const series = config.series.find((s) => s.id === 'child-protection-case-conference')!;
const panel = config.series.find((s) => s.id === 'placement-review-panel')!;
const panelMembers = config.units.find((u) => u.id === 'placement-panel')!.contacts;
/** The deployment's link secret; the county's routes check links signed with the key derived from it. */
const deploymentKey = randomBytes(32);
const signingKey = countySigningKey(deploymentKey, config.county.id);
// Moves 1 ms at every look, so the audit records sort in the order things happened.
let clock = Date.parse('2026-03-26T02:00:00Z');
const now = () => new Date(++clock);
const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const scriptPayload = "<script>window.__pwned = true; alert('xss')</script>";
const imagePayload = '<img src=x onerror="window.__pwned = true; alert(1)">';

const phone = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-TW' } as const;

let server: ServedApp | undefined;
let signer: LocalSecretariatSigner;
let browser: Browser;
let chairLink: string;
let februaryLink: string;
let januaryLink: string;
let aprilLink: string;
let panelLink: string;

beforeAll(async () => {
  const { table } = stack();
  for (const [slotKey, date] of [
    ['2026-01', '2026-01-28'],
    ['2026-02', '2026-02-25'],
    ['2026-03', '2026-03-25'],
    ['2026-04', '2026-04-22'],
  ] as const) {
    await createOccurrence(table, testOccurrence({ seriesId: series.id, slotKey, date, uid: `browser-test-${slotKey}@test` }));
  }
  // The placement panel met on 12 March and meets next on 9 July.
  for (const [slotKey, date] of [
    ['2026-03', '2026-03-12'],
    ['2026-07', '2026-07-09'],
  ] as const) {
    await createOccurrence(
      table,
      testOccurrence({ seriesId: panel.id, slotKey, date, chairUnitId: 'social-child-welfare', uid: `browser-panel-${slotKey}@test` }),
    );
  }
  signer = await startLocalSecretariatSigner();
  const app = createApp({
    connection: table,
    counties: countiesOf([config]),
    now,
    signingKey: deploymentKey,
    secretariatAuth: signer.authOptions,
  });
  server = await serveApp(app);
  const baseUrl = `${server.origin}/c/${config.county.id}`;
  const chairLinkFor = (slotKey: string, seriesId = series.id, contactId = 'social-cp-chief') =>
    signMinutesLink({ seriesId, slotKey, contactId, role: 'chair', linkVersion: 0, now: now() }, signingKey, baseUrl).url;
  chairLink = chairLinkFor('2026-03');
  februaryLink = chairLinkFor('2026-02');
  januaryLink = chairLinkFor('2026-01');
  aprilLink = chairLinkFor('2026-04');
  panelLink = chairLinkFor('2026-03', panel.id, 'social-cw-chief');
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumFlags });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await signer?.stop();
});

describe('the chair\u2019s minutes form in Chromium on a phone', () => {
  it('is filled in and submitted without JavaScript, and a <script> in a resolution stays text', async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 3,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-TW',
      javaScriptEnabled: true,
    });
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const blockedScripts: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) blockedScripts.push(message.text());
    });

    const opened = await page.goto(chairLink);
    expect(opened?.status()).toBe(200);
    expect(opened?.headers()['content-security-policy']).toContain("default-src 'none'");
    expect(opened?.headers()['content-security-policy']).toContain("script-src 'self'");
    expect(await page.locator('h1').innerText()).toContain('強化兒少保護跨網絡合作會議');
    // Fits the phone: nothing wider than the screen, so no sideways scrolling.
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    // One script, from the app's own origin, and it ran: its add-row buttons are shown.
    expect(await page.evaluate<string[]>('[...document.scripts].map((s) => new URL(s.src).pathname)')).toEqual([
      `/c/${config.county.id}/assets/minutes-form.js`,
    ]);
    await page.getByRole('button', { name: /新增一筆決議/ }).waitFor();

    for (const [index] of series.invitedUnitIds.entries()) {
      const present = index < 5;
      await page.locator(`input[name="attendance.${index}.present"][value="${present ? 'present' : 'absent'}"]`).check();
      if (present) await page.locator(`textarea[name="attendance.${index}.names"]`).fill(`代表${index + 1}甲\n代表${index + 1}乙`);
    }
    await page.locator('textarea[name="summary"]').fill('本月討論個案三案，分工如決議。');
    await page.locator('textarea[name="resolutions.0"]').fill(scriptPayload);
    await page.getByRole('button', { name: /新增一筆決議/ }).tap();
    await page.locator('textarea[name="resolutions.1"]').fill(imagePayload);
    await page.locator('textarea[name="actionItems.0.description"]').fill('警政完成聯合訪視');
    await page.locator('select[name="actionItems.0.ownerUnitId"]').selectOption('police-women-children');
    await page.locator('input[name="actionItems.0.dueDate"]').fill('2026-04-15');

    await Promise.all([page.waitForURL(/saved=draft/), page.getByRole('button', { name: /儲存草稿/ }).tap()]);
    expect(await page.locator('[role=status]').innerText()).toContain('已儲存草稿');
    expect(await page.locator('#state').innerText()).toContain('第1版');
    // The payload comes back into the form as the characters typed.
    expect(await page.locator('textarea[name="resolutions.0"]').inputValue()).toBe(scriptPayload);
    expect(await page.locator('textarea[name="resolutions.1"]').inputValue()).toBe(imagePayload);
    expect(await page.locator('textarea[name="attendance.0.names"]').inputValue()).toBe('代表1甲\n代表1乙');

    await Promise.all([page.waitForURL(/saved=submitted/), page.getByRole('button', { name: /送出紀錄/ }).tap()]);
    expect(await page.locator('#state').innerText()).toContain('已送出');
    // The read-only view shows both payloads literally, as text nodes, and neither ran.
    const resolutions = page.locator('#resolutions li');
    expect(await resolutions.allInnerTexts()).toEqual([scriptPayload, imagePayload]);
    expect(await page.locator('#resolutions script, #resolutions img').count()).toBe(0);
    expect(await page.evaluate<number>('document.scripts.length')).toBe(0);
    expect(await page.evaluate<boolean | undefined>('window.__pwned')).toBeUndefined();
    expect(blockedScripts).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(await page.locator('form').count()).toBe(0);

    const stored = await getMinutesHead(stack().table, series.id, '2026-03');
    expect(stored).toMatchObject({ state: 'submitted', version: 2 });
    expect(stored?.minutes.resolutions).toEqual([scriptPayload, imagePayload]);
    expect(stored?.minutes.attendance).toHaveLength(series.invitedUnitIds.length);
    expect(stored?.minutes.actionItems).toEqual([
      { description: '警政完成聯合訪視', ownerUnitId: 'police-women-children', dueDate: '2026-04-15', status: 'open' },
    ]);
    expect((await listAudit(stack().table, series.id, '2026-03')).map((r) => r.action)).toEqual(['read', 'save', 'read', 'submit', 'read']);

    // The detector works: the same payload on a page that does not escape it runs at once.
    const control = await context.newPage();
    control.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await control.setContent(`<p>${scriptPayload}</p>`);
    expect(await control.evaluate<boolean | undefined>('window.__pwned')).toBe(true);
    expect(dialogs).toEqual(['xss']);
    await context.close();
  }, 90_000);

  it('keeps what the chair typed on the page when a field is refused, and stores nothing', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-TW' });
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(februaryLink);
    await page.locator('textarea[name="resolutions.0"]').fill(scriptPayload);
    // An action item without its owner unit: refused.
    await page.locator('textarea[name="actionItems.0.description"]').fill('尚未指定負責單位');
    await page.locator('input[name="actionItems.0.dueDate"]').fill('2026-03-31');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: /儲存草稿/ }).tap(),
    ]);
    expect(response.status()).toBe(422);
    await page.waitForLoadState();
    const alert = await page.locator('[role=alert]').innerText();
    expect(alert).toContain('待辦事項1 負責單位：請選擇單位。');
    // zh-TW, with no internal id of a field or a unit.
    expect(alert).not.toMatch(/actionItems|ownerUnitId|[a-z]+-[a-z]+-[a-z]+/);
    // The problem sits at its field, and the field points at it.
    expect(await page.locator('#f-actionItems-0-ownerUnitId-error').innerText()).toBe('請選擇單位。');
    expect(await page.locator('select[name="actionItems.0.ownerUnitId"]').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('textarea[name="resolutions.0"]').inputValue()).toBe(scriptPayload);
    expect(await page.locator('textarea[name="actionItems.0.description"]').inputValue()).toBe('尚未指定負責單位');
    expect(await page.locator('input[name="actionItems.0.dueDate"]').inputValue()).toBe('2026-03-31');
    expect(await page.evaluate<boolean | undefined>('window.__pwned')).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(await getMinutesHead(stack().table, series.id, '2026-02')).toBeUndefined();
    await context.close();
  }, 60_000);

  it('before the meeting day says from when the form opens, instead of a form that cannot be saved', async () => {
    const context = await browser.newContext({ ...phone, bypassCSP: true });
    const page = await context.newPage();
    expect((await page.goto(aprilLink))?.status()).toBe(200);
    expect(await page.locator('#not-yet').innerText()).toContain('會議紀錄表單自會議當天 115年4月22日（星期三） 起開放填寫');
    expect(await page.locator('form').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'minutes-not-yet-390x844');
    await context.close();
  }, 60_000);

  it('adds rows for 決議 and 待辦 without a save, and a refused save keeps them with their text', async () => {
    const context = await browser.newContext({ ...phone, bypassCSP: true });
    const page = await context.newPage();
    await page.goto(januaryLink);
    // With the script, one blank row instead of three; more on demand.
    expect(await page.locator('textarea[name^="resolutions."]').count()).toBe(1);
    expect(await page.locator('textarea[name$=".description"]').count()).toBe(1);
    for (let i = 0; i < 4; i++) await page.getByRole('button', { name: /新增一筆決議/ }).tap();
    // The new row is numbered, labelled and focused for typing.
    expect(
      await page
        .getByLabel('決議5')
        .evaluate((e) => e === (e as unknown as { ownerDocument: { activeElement: unknown } }).ownerDocument.activeElement),
    ).toBe(true);
    await page.getByLabel('決議5').fill('第五項決議：下次會議改於布袋中心。');
    for (let i = 0; i < 3; i++) await page.getByRole('button', { name: /新增一項待辦事項/ }).tap();
    await page.getByLabel('待辦事項4').fill('社政彙整各單位回報');
    await page.locator('select[name="actionItems.3.ownerUnitId"]').selectOption('social-child-protection');
    // A date before the meeting: refused.
    await page.locator('input[name="actionItems.3.dueDate"]').fill('2026-01-20');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: /儲存草稿/ }).tap(),
    ]);
    expect(response.status()).toBe(422);
    await page.waitForLoadState();
    // Blank rows are not kept, so the filled ones move up; their text is all there.
    expect(await page.getByLabel('決議1').inputValue()).toBe('第五項決議：下次會議改於布袋中心。');
    expect(await page.getByLabel('待辦事項1').inputValue()).toBe('社政彙整各單位回報');
    expect(await page.locator('#f-actionItems-0-dueDate-error').innerText()).toContain('完成期限不可早於會議當天 115年1月28日（星期三）');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'minutes-refused-390x844');

    await page.locator('input[name="actionItems.0.dueDate"]').fill('2026-02-20');
    await Promise.all([page.waitForURL(/saved=draft/), page.getByRole('button', { name: /儲存草稿/ }).tap()]);
    expect((await getMinutesHead(stack().table, series.id, '2026-01'))?.minutes).toMatchObject({
      resolutions: ['第五項決議：下次會議改於布袋中心。'],
      actionItems: [{ description: '社政彙整各單位回報', ownerUnitId: 'social-child-protection', dueDate: '2026-02-20', status: 'open' }],
    });
    await context.close();
  }, 90_000);

  it('works without JavaScript: no add-row buttons, blank rows instead', async () => {
    const context = await browser.newContext({ ...phone, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(januaryLink);
    expect(await page.getByRole('button', { name: /新增一筆決議/ }).isVisible()).toBe(false);
    await page.locator('textarea[name="resolutions.1"]').fill('無腳本時新增的決議');
    await Promise.all([page.waitForURL(/saved=draft/), page.getByRole('button', { name: /儲存草稿/ }).tap()]);
    expect((await getMinutesHead(stack().table, series.id, '2026-01'))?.minutes.resolutions).toEqual([
      '第五項決議：下次會議改於布袋中心。',
      '無腳本時新增的決議',
    ]);
    await context.close();
  }, 60_000);

  it('records the placement panel\u2019s attendance member by member and shows whether the quorum was met', async () => {
    for (const [name, viewport] of [
      ['390x844', phone],
      ['1366x768', { viewport: { width: 1366, height: 768 }, locale: 'zh-TW' }],
    ] as const) {
      const context = await browser.newContext({ ...viewport, bypassCSP: true });
      const page = await context.newPage();
      await page.goto(panelLink);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `minutes-panel-${name}`);
      await context.close();
    }

    const context = await browser.newContext({ ...phone });
    const page = await context.newPage();
    await page.goto(panelLink);
    const quorum = page.locator('[data-quorum-status]');
    expect(await quorum.innerText()).toBe('出席 0 位／委員 9 位，法定出席人數 5 位：尚有 9 位未勾選');
    await page.locator('input[name="attendance.0.present"][value="present"]').check();
    await page.locator('textarea[name="attendance.0.names"]').fill('兒少福利科 科長');
    const mark = (member: number, present: boolean) =>
      page.locator(`input[name="attendance.1.members.${panelMembers[member]!.id}"][value="${present ? 'present' : 'absent'}"]`).check();
    for (let i = 0; i < 4; i++) await mark(i, true);
    for (let i = 4; i < 8; i++) await mark(i, false);
    // Counted as the chair ticks, before any save.
    expect(await quorum.innerText()).toBe('出席 4 位／委員 9 位，法定出席人數 5 位：尚有 1 位未勾選');
    await mark(4, true);
    expect(await quorum.innerText()).toBe('出席 5 位／委員 9 位，法定出席人數 5 位：已達法定出席人數');

    // Follow-up forms: due the day before the next panel (9 July), owed by the chair unit unless changed.
    expect(await page.locator('input[name="followUp.foster.dueDate"]').inputValue()).toBe('2026-07-08');
    await page.locator('input[name="followUp.foster.formsOwed"]').fill('2');
    await page.locator('input[name="proposals.foster.caseCount"]').fill('2');
    await page.locator('textarea[name="summary"]').fill('審查寄養安置提案 2 案。');

    // Submitting with one member not yet ticked is refused, at the committee, and loses nothing.
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: /送出紀錄/ }).tap(),
    ]);
    expect(refused.status()).toBe(422);
    await page.waitForLoadState();
    expect(await page.locator('#f-attendance-1-members-error').innerText()).toBe('請為每位委員勾選出席或缺席（尚有 1 位未勾選）。');
    expect(await page.locator('[data-quorum-status]').innerText()).toBe('出席 5 位／委員 9 位，法定出席人數 5 位：已達法定出席人數');
    expect(await page.locator('textarea[name="summary"]').inputValue()).toBe('審查寄養安置提案 2 案。');

    await mark(8, false);
    await Promise.all([page.waitForURL(/saved=submitted/), page.getByRole('button', { name: /送出紀錄/ }).tap()]);
    expect(await page.locator('[data-quorum-status]').innerText()).toBe('出席 5 位／委員 9 位，法定出席人數 5 位：已達法定出席人數');
    const stored = (await getMinutesHead(stack().table, panel.id, '2026-03'))!;
    expect(stored.state).toBe('submitted');
    const committee = stored.minutes.attendance.find((a) => a.unitId === 'placement-panel')!;
    expect(committee.members).toEqual(panelMembers.map((m, i) => ({ contactId: m.id, present: i < 5 })));
    expect(committee).toMatchObject({ present: true, names: panelMembers.slice(0, 5).map((m) => m.name) });
    expect(stored.minutes.placementReview?.followUpForms).toEqual([
      { placementType: 'foster', ownerUnitId: 'social-child-welfare', formsOwed: 2, dueDate: '2026-07-08', status: 'owed' },
    ]);
    await context.close();
  }, 120_000);

  it('gives back the text typed when the link stopped working while the chair was typing', async () => {
    const typing = await browser.newContext({ ...phone });
    const form = await typing.newPage();
    const link = signMinutesLink(
      { seriesId: series.id, slotKey: '2026-02', contactId: 'social-cp-officer', role: 'chair', linkVersion: 0, now: now() },
      signingKey,
      new URL(februaryLink).origin + `/c/${config.county.id}`,
    ).url;
    await form.goto(link);
    await form.locator('textarea[name="summary"]').fill('花了半小時寫的摘要，不能不見。');
    await form.locator('textarea[name="resolutions.0"]').fill('決議：下月追蹤。');
    // Meanwhile the secretariat revokes this contact's links (a lost phone).
    await revokeLinks(stack().table, 'social-cp-officer', 'secretariat:test', new Date(clock).toISOString());
    const [response] = await Promise.all([
      form.waitForResponse((r) => r.request().method() === 'POST'),
      form.getByRole('button', { name: /儲存草稿/ }).tap(),
    ]);
    expect(response.status()).toBe(401);
    await form.waitForLoadState();
    expect(await form.locator('[role=alert]').innerText()).toContain('此連結已停用，紀錄尚未儲存');
    expect(await form.getByLabel('會議摘要').inputValue()).toBe('花了半小時寫的摘要，不能不見。');
    expect(await form.getByLabel('決議1').inputValue()).toBe('決議：下月追蹤。');
    expect(await getMinutesHead(stack().table, series.id, '2026-02')).toBeUndefined();
    await typing.close();
  }, 60_000);
});
