// The chair fills the minutes form in real Chromium on a phone-sized screen, with no script on
// the page, and submits it. A <script> typed into a resolution is stored and shown as text, and
// never runs: no dialog opens and nothing it would set is set.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useEmbeddedStack } from '../support/embedded-stack.ts';
import { createApp } from '../../functions/http/app.ts';
import { countiesOf } from '../../functions/adapters/config/county-registry.ts';
import { countySigningKey } from '../../functions/core/access/signed-token.ts';
import { loadCountyConfigFile } from '../../functions/adapters/config/county-config-file.ts';
import { createOccurrence } from '../../functions/adapters/dynamodb/occurrence-store.ts';
import { getMinutesHead, listAudit } from '../../functions/adapters/dynamodb/minutes-store.ts';
import { signMinutesLink } from '../../functions/use-cases/minutes/minutes-links.ts';
import { startLocalSecretariatSigner, type LocalSecretariatSigner } from '../../lib/local-stack/local-secretariat-signer.ts';
import { testOccurrence } from '../support/test-occurrence.ts';

const stack = useEmbeddedStack();
const config = loadCountyConfigFile();
const series = config.series.find((s) => s.id === 'child-protection-case-conference')!;
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

let server: ServerType;
let signer: LocalSecretariatSigner;
let browser: Browser;
let chairLink: string;
let februaryLink: string;

beforeAll(async () => {
  const { table } = stack();
  for (const [slotKey, date] of [
    ['2026-02', '2026-02-25'],
    ['2026-03', '2026-03-25'],
  ] as const) {
    await createOccurrence(table, testOccurrence({ seriesId: series.id, slotKey, date, uid: `browser-test-${slotKey}@test` }));
  }
  signer = await startLocalSecretariatSigner();
  const app = createApp({
    connection: table,
    counties: countiesOf([config]),
    now,
    signingKey: deploymentKey,
    secretariatAuth: signer.authOptions,
  });
  await new Promise<void>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve());
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/c/${config.county.id}`;
  const chairLinkFor = (slotKey: string) =>
    signMinutesLink(
      { seriesId: series.id, slotKey, contactId: 'social-cp-chief', role: 'chair', linkVersion: 0, now: now() },
      signingKey,
      baseUrl,
    ).url;
  chairLink = chairLinkFor('2026-03');
  februaryLink = chairLinkFor('2026-02');
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumFlags });
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => server?.close(() => resolve()));
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
    expect(await page.locator('h1').innerText()).toContain('強化兒少保護跨網絡合作會議');
    // Fits the phone: nothing wider than the screen, so no sideways scrolling.
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    expect(await page.evaluate<number>('document.scripts.length')).toBe(0);

    for (const [index] of series.invitedUnitIds.entries()) {
      const present = index < 5;
      await page.locator(`input[name="attendance.${index}.present"][value="${present ? 'present' : 'absent'}"]`).check();
      if (present) await page.locator(`textarea[name="attendance.${index}.names"]`).fill(`代表${index + 1}甲\n代表${index + 1}乙`);
    }
    await page.locator('textarea[name="summary"]').fill('本月討論個案三案，分工如決議。');
    await page.locator('textarea[name="resolutions.0"]').fill(scriptPayload);
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
    expect(await page.locator('[role=alert]').innerText()).toContain('actionItems.0.ownerUnitId');
    expect(await page.locator('textarea[name="resolutions.0"]').inputValue()).toBe(scriptPayload);
    expect(await page.locator('textarea[name="actionItems.0.description"]').inputValue()).toBe('尚未指定負責單位');
    expect(await page.evaluate<boolean | undefined>('window.__pwned')).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(await getMinutesHead(stack().table, series.id, '2026-02')).toBeUndefined();
    await context.close();
  }, 60_000);
});
