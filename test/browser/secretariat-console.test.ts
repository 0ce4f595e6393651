// The secretariat console, signed in for real: Debian's Chromium against the app on DynamoDB Local
// and the local OpenID provider (oidc-provider) that `npm start` runs, two counties in one table.
// Each refusal is its own test, and each checks what was stored, not only what was shown.
import { randomBytes, createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { serveApp, type ServedApp } from '../support/serve-app.ts';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { injectAxe } from '../support/axe.ts';
import { atEverySize } from '../support/browser-sizes.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useEmbeddedStack } from '../support/embedded-stack.ts';
import { testOccurrence } from '../support/test-occurrence.ts';
import { countyA as A, countyB as B, writeTwoCounties } from '../support/two-counties.ts';
import { createApp } from '../../functions/http/app.ts';
import { forCounty, type MeetingTable } from '../../functions/adapters/dynamodb/meeting-table.ts';
import { keys } from '../../functions/adapters/dynamodb/keys.ts';
import { createOccurrence } from '../../functions/adapters/dynamodb/occurrence-store.ts';
import { recordRsvp } from '../../functions/adapters/dynamodb/rsvp-store.ts';
import { resetRuntime } from '../../functions/handlers/runtime.ts';
import { startLocalSecretariatSigner, type LocalSecretariatSigner } from '../../lib/local-stack/local-secretariat-signer.ts';
import { startLocalSignInProvider, type LocalSignInProvider } from '../../lib/local-stack/local-sign-in-provider.ts';

const stack = useEmbeddedStack();
const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const { folder, counties, remove: removeCounties } = writeTwoCounties('safetynet-console-');
const chiayi = counties.get(A)!;
const series = chiayi.series.find((s) => s.id === 'child-protection-case-conference')!;

// The app's clock: Monday 2 March 2026, 09:00 in Taipei; tests move it to age sessions.
let clock = Date.parse('2026-03-02T01:00:00Z');
const minutes = (n: number) => n * 60_000;

let server: ServedApp | undefined;
let baseUrl: string;
let signIn: LocalSignInProvider;
let signer: LocalSecretariatSigner;
let browser: Browser;
let tableA: MeetingTable;
const outsider = { username: 'no-group-officer', password: 'outsider-password-1' };

const consoleUrl = (county = A) => `${baseUrl}/c/${county}/console/`;
const account = (county: string) => signIn.accounts.find((a) => a.countyId === county)!;

beforeAll(async () => {
  process.env.COUNTY_CONFIG_DIR = folder;
  resetRuntime();
  const { table } = stack();
  tableA = forCounty(table, A);
  await createOccurrence(
    tableA,
    testOccurrence({ seriesId: series.id, slotKey: '2026-03', date: '2026-03-25', chairUnitId: 'police-women-children' }),
  );
  await createOccurrence(tableA, testOccurrence({ seriesId: series.id, slotKey: '2026-04', date: '2026-04-22' }));
  await recordRsvp(tableA, {
    seriesId: series.id,
    slotKey: '2026-03',
    contactId: 'social-cp-chief',
    answer: 'accept',
    sequence: 0,
    source: 'link',
    at: '2026-03-01T02:00:00.000Z',
  });

  signer = await startLocalSecretariatSigner();
  signIn = await startLocalSignInProvider({
    counties: counties.all().map((c) => ({ id: c.county.id, name: c.county.name.zh })),
    extraAccounts: [{ ...outsider, countyId: A, name: '沒有群組的帳號', groups: [] }],
  });
  const app = createApp({
    connection: table,
    counties,
    now: () => new Date(clock),
    signingKey: randomBytes(32),
    secretariatAuth: signer.authOptions,
    consoleSignIn: signIn.consoleSignIn,
  });
  server = await serveApp(app);
  baseUrl = server.origin;
  await signIn.serveConsole(baseUrl);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumFlags });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await signIn?.stop();
  await signer?.stop();
  delete process.env.COUNTY_CONFIG_DIR;
  resetRuntime();
  removeCounties();
});

async function newContext(viewport: { width: number; height: number } = { width: 1366, height: 768 }): Promise<BrowserContext> {
  // bypassCSP in the test browser only: the console's CSP rightly blocks the injected axe-core.
  return browser.newContext({ viewport, locale: 'zh-TW', bypassCSP: true });
}

/**
 * Saves what the page shows for a person to look at when SCREENSHOT_DIR is set, as
 * test/support/axe.ts does (`console-<name>.png`); nothing otherwise. No test reads them, and the
 * 22 full-page captures were about a tenth of this file's time.
 */
async function keepScreenshot(page: Page, name: string, fullPage = false): Promise<void> {
  const dir = process.env.SCREENSHOT_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `console-${name}.png`), fullPage });
}

let officerSession: Awaited<ReturnType<BrowserContext['storageState']>> | undefined;

/**
 * A context at this size on county A's console overview, signed in as A's officer. The tests that
 * only read pages, before any test moves the clock, share one sign-in as stored state (the first
 * test's, or else the first caller's through the provider's page): each sign-in was a round through
 * the provider, a second or more. Sign-in itself is what the first test checks.
 */
async function officerOnOverview(viewport: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, locale: 'zh-TW', bypassCSP: true, storageState: officerSession });
  const page = await context.newPage();
  if (officerSession) {
    await page.goto(consoleUrl());
  } else {
    await signInAs(page, account(A).username, account(A).password);
    officerSession = await context.storageState();
  }
  return { context, page };
}

/** Signs in through the provider's page; returns on the page the console lands on. */
async function signInAs(page: Page, username: string, password: string, start = consoleUrl()): Promise<void> {
  await page.goto(start);
  await page.waitForURL(/\/interaction\//);
  await page.getByLabel('帳號').fill(username);
  await page.getByLabel('密碼').fill(password);
  await Promise.all([page.waitForURL((url) => url.origin === baseUrl), page.getByRole('button', { name: '登入' }).click()]);
}

async function sessionCookieOf(context: BrowserContext, county = A) {
  const cookie = (await context.cookies(consoleUrl(county))).find((c) => c.name === 'sn_console');
  if (!cookie) throw new Error('no session cookie');
  return cookie;
}

/** Every session and sign-in item of a county, straight from the table. */
async function sessionItems(county: string): Promise<Record<string, unknown>[]> {
  const { table } = stack();
  const { Items } = await table.client.send(
    new QueryCommand({
      TableName: table.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.consoleSessions(county) },
      ConsistentRead: true,
    }),
  );
  return Items ?? [];
}

async function axeViolations(page: Page) {
  await injectAxe(page);
  // Only violations in detail: the passes' nodes were serialized for nothing.
  const result = await page.evaluate<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }>(
    'axe.run(document, { resultTypes: ["violations"], runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } })',
  );
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const get = (url: string, cookie?: string, init: RequestInit = {}) =>
  fetch(url, { redirect: 'manual', ...init, headers: { ...(cookie ? { cookie } : {}), ...(init.headers ?? {}) } });

describe('the secretariat console', () => {
  it('signs in end to end: a wrong password is refused, the right one opens the overview', async () => {
    const context = await newContext();
    const page = await context.newPage();
    const before = await sessionItems(A);

    await page.goto(baseUrl);
    // Two counties: the front door lists them (and nothing about meetings).
    expect(await page.locator('body').innerText()).not.toContain(series.name.zh);
    await page.getByRole('link', { name: '嘉義縣' }).click();
    await page.waitForURL(/\/interaction\//);
    expect(new URL(page.url()).origin).toBe(signIn.issuer);
    await keepScreenshot(page, 'sign-in-1366');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('帳號').fill(account(A).username);
    await page.getByLabel('密碼').fill(`${account(A).password}x`);
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: '登入' }).click(),
    ]);
    expect(refused.status()).toBe(401);
    expect(await page.getByRole('alert').innerText()).toContain('帳號或密碼不正確');
    expect(new URL(page.url()).origin).toBe(signIn.issuer);
    expect((await context.cookies(consoleUrl())).filter((c) => c.name.startsWith('sn_'))).toEqual([]);
    expect((await sessionItems(A)).filter((i) => String(i.sk).startsWith('SESSION#'))).toEqual(
      before.filter((i) => String(i.sk).startsWith('SESSION#')),
    );

    await page.getByLabel('密碼').fill(account(A).password);
    await Promise.all([page.waitForURL(consoleUrl()), page.getByRole('button', { name: '登入' }).click()]);
    expect(await page.locator('h1').innerText()).toBe('總覽');
    expect(await page.locator('header').innerText()).toContain('嘉義縣幕僚（本機）');
    const card = page.locator('.card', { hasText: '115年3月25日' });
    expect(await card.innerText()).toContain('警察局');
    expect(await card.innerText()).toMatch(/已回覆 1／\d+ 人（出席 1）/);

    const cookie = await sessionCookieOf(context);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false, path: `/c/${A}/console` });
    const stored = (await sessionItems(A)).find((i) => i.sk === `SESSION#${createHash('sha256').update(cookie.value).digest('base64url')}`);
    expect(stored).toMatchObject({ subject: account(A).subject, displayName: '嘉義縣幕僚（本機）' });
    // The TTL attribute: 30 minutes from now, on the app's clock.
    expect(stored?.expiresAt).toBe(Math.floor(clock / 1000) + 30 * 60);
    // The cookie's value is not stored anywhere in the table.
    expect(JSON.stringify(await sessionItems(A))).not.toContain(cookie.value);
    // The tests that only read pages go on in this session (officerOnOverview).
    officerSession = await context.storageState();
    await context.close();
  });

  it('passes axe-core (no serious or critical violations) and fits 1366×768 and 390×844', async () => {
    // Both sizes at once, each in a context of its own: the pages are only read.
    await atEverySize(
      [
        { width: 1366, height: 768 },
        { width: 390, height: 844 },
      ],
      async (viewport) => {
        const { context, page } = await officerOnOverview(viewport);
        expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(viewport.width);
        await keepScreenshot(page, `home-${viewport.width}`, true);
        expect(await axeViolations(page)).toEqual([]);
        await page.goto(`${consoleUrl()}signed-out`);
        expect(await axeViolations(page)).toEqual([]);
        await page.goto(consoleUrl());
        // The skip link leads to the main landmark.
        await page.keyboard.press('Tab');
        expect(await page.evaluate<string | undefined>('document.activeElement?.textContent')).toBe('跳到主要內容');
        await context.close();
      },
    );
  });

  it('opens every section of the navigation, each passing axe-core and fitting a phone', async () => {
    // Both sizes at once, each in a context of its own: the pages are only read.
    await atEverySize(
      [
        { width: 1366, height: 768 },
        { width: 390, height: 844 },
      ],
      async (viewport) => {
        const { context, page } = await officerOnOverview(viewport);
        const anchors = page.locator('nav[aria-label="幕僚工作台"] a');
        const links: Array<[string, string]> = [];
        for (let n = 0; n < (await anchors.count()); n++)
          links.push([await anchors.nth(n).innerText(), (await anchors.nth(n).getAttribute('href')) ?? '']);
        expect(links.map(([label]) => label)).toEqual([
          '總覽',
          '年度計畫',
          '輪值',
          '聯絡人',
          '會議紀錄',
          '待辦與追蹤',
          '寄送失敗',
          '非受邀者回覆',
          '稽核紀錄',
          '辦公日曆',
        ]);
        for (const [label, href] of links) {
          const response = await page.goto(`${baseUrl}${href}`);
          expect(response?.status(), `${label}`).toBe(200);
          expect(await page.locator('nav a[aria-current="page"]').innerText()).toBe(label);
          expect(await axeViolations(page), `${label} ${viewport.width}`).toEqual([]);
          expect(await page.evaluate<number>('document.documentElement.scrollWidth'), `${label}`).toBeLessThanOrEqual(viewport.width);
          const name = href.split('/console/')[1] || 'home';
          await keepScreenshot(page, `section-${name}-${viewport.width}`, true);
        }
        await context.close();
      },
    );
    // The plan shows the seeded meetings; the audit trail records the secretariat's read of action items.
    const { context, page } = await officerOnOverview({ width: 1366, height: 768 });
    await page.goto(`${consoleUrl()}plan?year=2026`);
    expect(await page.locator('table').first().innerText()).toContain('3/25(三)');
    await page.goto(`${consoleUrl()}follow-up`);
    await page.goto(`${consoleUrl()}audit`);
    // People are named as their sign-in names them (8417b36), not by the sign-in's id.
    expect(await page.locator('table').first().innerText()).toContain(account(A).name);
    await context.close();
  });

  it('sends a page request without a session to sign in, and the JSON API answers 401', async () => {
    const page = await get(`${consoleUrl()}plan`);
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toBe(`/c/${A}/console/sign-in?return=${encodeURIComponent(`/c/${A}/console/plan`)}`);
    const home = await get(consoleUrl());
    expect(home.status).toBe(302);
    const api = await get(`${baseUrl}/c/${A}/secretariat/minutes-status`);
    expect(api.status).toBe(401);
    expect(api.headers.get('www-authenticate')).toMatch(/^Bearer /);
  });

  it('reveals no meeting at / or at a county\u2019s address without a session', async () => {
    const front = await get(`${baseUrl}/`);
    expect(front.status).toBe(200);
    const text = await front.text();
    for (const s of chiayi.series) expect(text).not.toContain(s.name.zh);
    expect(text).not.toContain('2026-03-25');
    const county = await get(`${baseUrl}/c/${A}/`);
    expect(county.status).toBe(302);
    expect(county.headers.get('location')).toBe(`/c/${A}/console/`);
  });

  it('refuses a forged session cookie, and one that has been idle for 30 minutes', async () => {
    const forged = await get(consoleUrl(), `sn_console=${randomBytes(32).toString('base64url')}`);
    expect(forged.status).toBe(302);
    expect(forged.headers.get('location')).toMatch(/\/sign-in\?return=/);
    expect(forged.headers.get('set-cookie')).toMatch(/^sn_console=;.*Max-Age=0/);

    const context = await newContext();
    const page = await context.newPage();
    await signInAs(page, account(A).username, account(A).password);
    const cookie = `sn_console=${(await sessionCookieOf(context)).value}`;
    expect((await get(consoleUrl(), cookie)).status).toBe(200);
    clock += minutes(29);
    expect((await get(consoleUrl(), cookie)).status).toBe(200);
    // 58 minutes after signing in, and still in: each request pushed the idle deadline on.
    clock += minutes(29);
    expect((await get(consoleUrl(), cookie)).status).toBe(200);
    // 30 minutes without a request end it.
    clock += minutes(30);
    const expired = await get(consoleUrl(), cookie);
    expect(expired.status).toBe(302);
    expect(expired.headers.get('location')).toMatch(/\/sign-in/);
    await context.close();
  });

  it('ends a session 12 hours after signing in, however busy', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await signInAs(page, account(A).username, account(A).password);
    const cookie = `sn_console=${(await sessionCookieOf(context)).value}`;
    const signedInAt = clock;
    // Busy on a section that renders in a fraction of the overview's time (one partition against
    // the whole county's meetings: about 100 against 640 ms at load 24): every section is behind
    // the same session check, and these 35 requests were a fifth of this file's time.
    while (clock < signedInAt + minutes(12 * 60 - 20)) {
      clock += minutes(20);
      expect((await get(`${consoleUrl()}failed-notices`, cookie)).status).toBe(200);
    }
    clock = signedInAt + minutes(12 * 60);
    expect((await get(consoleUrl(), cookie)).status).toBe(302);
    await context.close();
  });

  it('refuses a POST without the CSRF token, or from another origin, and changes nothing', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await signInAs(page, account(A).username, account(A).password);
    const value = (await sessionCookieOf(context)).value;
    const cookie = `sn_console=${value}`;
    const token = await page.locator('input[name=_csrf]').first().inputValue();
    const sessionsBefore = await sessionItems(A);
    const form = { 'content-type': 'application/x-www-form-urlencoded' };

    const without = await get(`${consoleUrl()}sign-out`, cookie, { method: 'POST', headers: { ...form, origin: baseUrl }, body: '' });
    expect(without.status).toBe(403);
    expect(await without.text()).toContain('表單已失效');
    const wrong = await get(`${consoleUrl()}sign-out`, cookie, {
      method: 'POST',
      headers: { ...form, origin: baseUrl },
      body: `_csrf=${randomBytes(32).toString('base64url')}`,
    });
    expect(wrong.status).toBe(403);
    const elsewhere = await get(`${consoleUrl()}sign-out`, cookie, {
      method: 'POST',
      headers: { ...form, origin: 'https://attacker.example' },
      body: `_csrf=${encodeURIComponent(token)}`,
    });
    expect(elsewhere.status).toBe(403);
    // Still signed in: sign-out was never performed.
    expect(await sessionItems(A)).toEqual(sessionsBefore);
    expect((await get(consoleUrl(), cookie)).status).toBe(200);
    await context.close();
  });

  it('refuses county A\u2019s session on county B\u2019s console, and A\u2019s account at B\u2019s sign-in', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await signInAs(page, account(A).username, account(A).password);
    const cookie = `sn_console=${(await sessionCookieOf(context)).value}`;
    const onB = await get(consoleUrl(B), cookie);
    expect(onB.status).toBe(302);
    expect(onB.headers.get('location')).toMatch(new RegExp(`^/c/${B}/console/sign-in`));

    // Signed in at the provider as A's officer, B's console gets an ID token without B's group.
    const bSessionsBefore = await sessionItems(B);
    await page.goto(consoleUrl(B));
    await page.waitForURL((url) => url.pathname === `/c/${B}/console/callback`);
    expect(await page.locator('h1').innerText()).toBe('此帳號無法使用本縣市的幕僚工作台');
    expect((await sessionItems(B)).filter((i) => String(i.sk).startsWith('SESSION#'))).toEqual(
      bSessionsBefore.filter((i) => String(i.sk).startsWith('SESSION#')),
    );
    await keepScreenshot(page, 'refused-1366');
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('refuses an account without the secretariat group', async () => {
    const context = await newContext();
    const page = await context.newPage();
    const before = await sessionItems(A);
    await signInAs(page, outsider.username, outsider.password);
    expect(new URL(page.url()).pathname).toBe(`/c/${A}/console/callback`);
    expect(await page.locator('h1').innerText()).toBe('此帳號無法使用本縣市的幕僚工作台');
    expect((await context.cookies(consoleUrl())).filter((c) => c.name.startsWith('sn_'))).toEqual([]);
    // The one-use sign-in item is gone; no session was made.
    expect((await sessionItems(A)).filter((i) => String(i.sk).startsWith('SESSION#'))).toEqual(
      before.filter((i) => String(i.sk).startsWith('SESSION#')),
    );
    await context.close();
  });

  it('refuses API tokens from the local signer without `exp` or without the county group', async () => {
    const url = `${baseUrl}/c/${A}/secretariat/minutes-status`;
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
    expect((await get(url, undefined, { headers: bearer(await signer.mint({ groups: [`secretariat-${A}`] })) })).status).toBe(200);
    expect(
      (await get(url, undefined, { headers: bearer(await signer.mint({ groups: [`secretariat-${A}`], withoutExpiry: true })) })).status,
    ).toBe(401);
    expect((await get(url, undefined, { headers: bearer(await signer.mint()) })).status).toBe(403);
    expect((await get(url, undefined, { headers: bearer(await signer.mint({ groups: [`secretariat-${B}`] })) })).status).toBe(403);
  });

  it('signs out: the session is deleted, the provider\u2019s sign-in ended, and the console asks for the password again', async () => {
    // The page's CSP is enforced here (no bypass): its form-action must let the sign-out's redirect
    // reach the sign-in service, and the provider's page must let the sign-in come back.
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-TW' });
    const page = await context.newPage();
    await signInAs(page, account(A).username, account(A).password);
    const cookie = await sessionCookieOf(context);
    const sk = `SESSION#${createHash('sha256').update(cookie.value).digest('base64url')}`;
    expect((await sessionItems(A)).some((i) => i.sk === sk)).toBe(true);

    const csp = (await page.request.get(consoleUrl())).headers()['content-security-policy'];
    expect(csp).toContain(`form-action 'self' ${signIn.issuer}`);
    await Promise.all([page.waitForURL(`${consoleUrl()}signed-out`), page.getByRole('button', { name: '登出' }).click()]);
    expect(await page.locator('h1').innerText()).toBe('已登出');
    await keepScreenshot(page, 'signed-out-390');
    expect((await sessionItems(A)).some((i) => i.sk === sk)).toBe(false);
    expect((await context.cookies(consoleUrl())).find((c) => c.name === 'sn_console')).toBeUndefined();
    expect((await get(consoleUrl(), `sn_console=${cookie.value}`)).status).toBe(302);

    // The provider's session ended too: signing in again asks for the password.
    await page.getByRole('link', { name: '重新登入' }).click();
    await page.waitForURL(/\/interaction\//);
    expect(await page.getByLabel('密碼').isVisible()).toBe(true);
    await context.close();
  });
});
