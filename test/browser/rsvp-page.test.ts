// The answer page behind an invitation's link, in Debian's Chromium on a phone-sized screen: it
// shows where the meeting is, lets the person name who attends for the unit and add a note, keeps
// what was typed when a field is refused, and passes axe-core's rules with no serious or critical
// violation (the chosen button was 2.55:1 before).
import { randomBytes } from 'node:crypto';
import { serveApp, type ServedApp } from '../support/serve-app.ts';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useEmbeddedStack } from '../support/embedded-stack.ts';
import { contrastRatio, screenshot, seriousViolations } from '../support/axe.ts';
import { testOccurrence } from '../support/test-occurrence.ts';
import { createApp } from '../../functions/http/app.ts';
import { countiesOf } from '../../functions/adapters/config/county-registry.ts';
import { countySigningKey } from '../../functions/core/access/signed-token.ts';
import { loadCountyConfigFile } from '../../functions/adapters/config/county-config-file.ts';
import { createOccurrence } from '../../functions/adapters/dynamodb/occurrence-store.ts';
import { listRsvps } from '../../functions/adapters/dynamodb/rsvp-store.ts';
import { rsvpLinks } from '../../functions/core/rsvp/rsvp-links.ts';

const stack = useEmbeddedStack();
const config = loadCountyConfigFile();
const series = config.series.find((s) => s.id === 'child-protection-case-conference')!;
const deploymentKey = randomBytes(32);
const now = () => new Date('2026-03-09T01:00:00Z');
const march = testOccurrence({ seriesId: series.id, slotKey: '2026-03', date: '2026-03-25', uid: 'rsvp-browser-2026-03@test' });
const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-sync',
  '--no-first-run',
];

let server: ServedApp | undefined;
let browser: Browser;
let baseUrl: string;

const linkFor = (contactId: string) =>
  rsvpLinks({
    baseUrl,
    key: countySigningKey(deploymentKey, config.county.id),
    seriesId: series.id,
    slotKey: march.slotKey,
    contactId,
    sequence: 0,
    meetingStart: new Date('2026-03-25T06:00:00Z'),
    meetingEnd: new Date('2026-03-25T08:00:00Z'),
    now: now(),
  });

const phone = (): Promise<BrowserContext> =>
  browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-TW',
    bypassCSP: true,
  });

beforeAll(async () => {
  await createOccurrence(stack().table, march);
  const app = createApp({ connection: stack().table, counties: countiesOf([config]), now, signingKey: deploymentKey });
  server = await serveApp(app);
  baseUrl = `${server.origin}/c/${config.county.id}`;
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumFlags });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the RSVP page in Chromium', () => {
  it('shows the venue, records who attends for the unit and a note, and meets WCAG AA contrast', async () => {
    const context = await phone();
    const page = await context.newPage();
    expect((await page.goto(linkFor('police-wc-leader').accept))?.status()).toBe(200);
    expect(await page.locator('#venue').innerText()).toContain('日安民雄社會福利服務中心');
    expect(await page.locator('#venue').innerText()).toContain('嘉義縣民雄鄉江厝店29之4號');
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);

    // The chosen answer's button: white on dark blue, at least 4.5:1 (it was white on #0b5, 2.55:1).
    const chosen = page.locator('button.primary');
    expect(await chosen.innerText()).toContain('出席');
    type Styles = { getComputedStyle(element: unknown): { color: string; backgroundColor: string } };
    const [color, background] = await chosen.evaluate((button) => {
      const style = (globalThis as unknown as Styles).getComputedStyle(button);
      return [style.color, style.backgroundColor];
    });
    expect(contrastRatio(color, background)).toBeGreaterThanOrEqual(4.5);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'rsvp-390x844');

    // The optional fields are folded away, so the buttons come first on a phone.
    expect(await page.getByLabel(/出席人員/).isVisible()).toBe(false);
    await page.getByText('由他人代理出席，或留言給承辦人').tap();
    await page.getByLabel(/出席人員/).fill('婦幼隊 副隊長 林小姐');
    await page.getByLabel(/備註/).fill('會晚到 30 分鐘');
    await Promise.all([page.waitForLoadState(), page.getByRole('button', { name: /^出席/ }).tap()]);
    expect(await page.locator('[role=status]').innerText()).toContain('已記錄：出席');
    expect(await page.locator('body').innerText()).toContain('婦幼隊 副隊長 林小姐');
    expect(await seriousViolations(page)).toEqual([]);
    expect((await listRsvps(stack().table, series.id, '2026-03')).find((r) => r.contactId === 'police-wc-leader')).toMatchObject({
      answer: 'accept',
      attendeeName: '婦幼隊 副隊長 林小姐',
      note: '會晚到 30 分鐘',
    });
    await context.close();
  }, 120_000);

  it('keeps what was typed when a field is refused, with the zh-TW problem under the field', async () => {
    const context = await phone();
    const page = await context.newPage();
    await page.goto(linkFor('health-mh-chief').decline);
    await page.getByText('由他人代理出席，或留言給承辦人').tap();
    await page.getByLabel(/出席人員/).fill('陳科員');
    await page.getByLabel(/備註/).fill('當天另有公務');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: /不克出席/ }).tap(),
    ]);
    expect(response.status()).toBe(422);
    await page.waitForLoadState();
    const problem = page.locator('#attendeeName-error');
    expect(await problem.innerText()).toContain('選擇「不克出席」時不需填寫出席人員');
    // The summary at the top names the field and leads to it.
    expect(await page.locator('.error-summary a[href="#attendeeName"]').innerText()).toContain('出席人員：選擇「不克出席」');
    // The message is tied to its field for screen readers, and sits right above it.
    expect(await page.getByLabel(/出席人員/).getAttribute('aria-describedby')).toContain('attendeeName-error');
    expect(await page.getByLabel(/出席人員/).inputValue()).toBe('陳科員');
    expect(await page.getByLabel(/備註/).inputValue()).toBe('當天另有公務');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'rsvp-refused-390x844');
    expect((await listRsvps(stack().table, series.id, '2026-03')).filter((r) => r.contactId === 'health-mh-chief')).toEqual([]);
    await context.close();
  }, 120_000);

  it('has a detector that works: the old chosen button (white on #0b5) is a serious violation', async () => {
    const context = await phone();
    const page = await context.newPage();
    await page.setContent(
      '<!doctype html><html lang="zh-Hant-TW"><head><title>t</title></head><body><main><button style="background:#0b5;color:#fff">出席</button></main></body></html>',
    );
    expect((await seriousViolations(page)).map((v) => v.id)).toContain('color-contrast');
    await context.close();
  }, 120_000);

  it('reads well on a desktop screen too', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-TW', bypassCSP: true });
    const page = await context.newPage();
    await page.goto(linkFor('education-sa-chief').accept);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'rsvp-1366x768');
    await context.close();
  }, 120_000);
});
