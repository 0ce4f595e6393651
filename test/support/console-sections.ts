// The console's sections in Debian's Chromium, as a county officer sees them: the app on a local
// port, signed in through the local OpenID provider `npm start` runs, over the file's DynamoDB Local
// table. Shared by test/browser/console-section-flows*.test.ts, which are separate files so that
// vitest's two workers can run the flows and the axe pass side by side.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import type { TestStack } from './embedded-stack.ts';
import { testOccurrence } from './test-occurrence.ts';
import { seriousViolations } from './axe.ts';
import { atEverySize } from './browser-sizes.ts';
import { serveApp, type ServedApp } from './serve-app.ts';
import { createApp } from '../../functions/http/app.ts';
import { loadCountyConfigFile } from '../../functions/adapters/config/county-config-file.ts';
import { countiesOf } from '../../functions/adapters/config/county-registry.ts';
import { createOccurrence } from '../../functions/adapters/dynamodb/occurrence-store.ts';
import { saveMinutes } from '../../functions/use-cases/minutes/write-minutes.ts';
import { inProcessDocumentRenderer } from '../../functions/use-cases/documents/in-process-renderer.ts';
import type { MinutesContent } from '../../functions/core/minutes/minutes-schema.ts';
import { resetRuntime } from '../../functions/handlers/runtime.ts';
import { startLocalSignInProvider, type LocalSignInProvider } from '../../lib/local-stack/local-sign-in-provider.ts';

export const config = loadCountyConfigFile();
export const county = config.county.id;
export const conference = config.series.find((s) => s.id === 'child-protection-case-conference')!;
export const screenshots = join(process.cwd(), '.scratch', 'screenshots');
export const viewports = [
  { width: 1366, height: 768 },
  { width: 390, height: 844 },
] as const;
export type Viewport = { width: number; height: number };

const chromiumFlags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'];

const minutes: MinutesContent = {
  attendance: conference.invitedUnitIds.map((unitId) => ({ unitId, present: true, names: ['出席者'] })),
  summary: '討論個案二案（內容僅限紀錄，不得出現在信中）。',
  resolutions: ['持續追蹤。'],
  actionItems: [],
};

export type ConsoleInBrowser = {
  /** The app's clock (ms since the epoch): Monday 2 March 2026, 09:00 in Taipei unless a test moves it. */
  clock: { now: number };
  baseUrl: () => string;
  consoleUrl: (path?: string) => string;
  signIn: () => LocalSignInProvider;
  officer: () => LocalSignInProvider['accounts'][number];
  browser: () => Browser;
  /** A context signed in once for the file, for tests that need no sign-in of their own. */
  session: () => BrowserContext;
  /** The file's signed-in tab at this size (in the session's context, or one of its own with the session's cookies), for checks that only load pages. */
  tab: (viewport: Viewport) => Promise<Page>;
  /** A new context, signed in through the provider's login page. */
  signedIn: (viewport?: Viewport) => Promise<{ context: BrowserContext; page: Page }>;
};

/**
 * The file's console: the conference held on 25 February with its minutes submitted by the chair,
 * coming on 25 March (chaired by the police's women and children squad) and 22 April.
 */
export function useConsoleInBrowser(stack: () => TestStack): ConsoleInBrowser {
  const clock = { now: Date.parse('2026-03-02T01:00:00Z') };
  let served: ServedApp | undefined;
  let signIn: LocalSignInProvider | undefined;
  let browser: Browser | undefined;
  let session: BrowserContext | undefined;
  const tabs = new Map<number, Page>();
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the console is not started');
    return value;
  };
  const consoleUrl = (path = '') => `${started(served).origin}/c/${county}/console/${path}`;
  const officer = () => started(signIn).accounts.find((a) => a.countyId === county)!;

  async function signedIn(viewport: Viewport = viewports[0]): Promise<{ context: BrowserContext; page: Page }> {
    // bypassCSP in the test browser only: the console's CSP rightly blocks the injected axe-core.
    const context = await started(browser).newContext({ viewport, locale: 'zh-TW', bypassCSP: true });
    const page = await context.newPage();
    const origin = started(served).origin;
    await page.goto(consoleUrl());
    await page.waitForURL(/\/interaction\//);
    await page.getByLabel('帳號').fill(officer().username);
    await page.getByLabel('密碼').fill(officer().password);
    await Promise.all([page.waitForURL((url) => url.origin === origin), page.getByRole('button', { name: '登入' }).click()]);
    return { context, page };
  }

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    const { table } = stack();
    const february = testOccurrence({ seriesId: conference.id, slotKey: '2026-02', date: '2026-02-25' });
    await createOccurrence(table, february);
    await createOccurrence(
      table,
      testOccurrence({ seriesId: conference.id, slotKey: '2026-03', date: '2026-03-25', chairUnitId: 'police-women-children' }),
    );
    await createOccurrence(table, testOccurrence({ seriesId: conference.id, slotKey: '2026-04', date: '2026-04-22' }));
    await saveMinutes(
      { table, config, now: () => new Date(clock.now) },
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
      now: () => new Date(clock.now),
      signingKey: randomBytes(32),
      consoleSignIn: signIn.consoleSignIn,
      renderDocument: inProcessDocumentRenderer({ connection: table, counties }),
    });
    served = await serveApp(app);
    await signIn.serveConsole(served.origin);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumFlags });
    session = (await signedIn()).context;
  });

  async function tab(viewport: Viewport): Promise<Page> {
    let page = tabs.get(viewport.width);
    if (!page) {
      // At the session's own size, a tab of the session's context: a context less to start.
      const context =
        viewport.width === viewports[0].width && viewport.height === viewports[0].height
          ? started(session)
          : await started(browser).newContext({
              viewport,
              locale: 'zh-TW',
              bypassCSP: true,
              storageState: await started(session).storageState(),
            });
      page = await context.newPage();
      tabs.set(viewport.width, page);
    }
    return page;
  }

  afterAll(async () => {
    for (const page of tabs.values()) if (page.context() !== session) await page.context().close();
    await session?.close();
    await browser?.close();
    await served?.close();
    await signIn?.stop();
    resetRuntime();
  });

  return {
    clock,
    baseUrl: () => started(served).origin,
    consoleUrl,
    signIn: () => started(signIn),
    officer,
    browser: () => started(browser),
    session: () => started(session),
    tab,
    signedIn,
  };
}

/**
 * A full-page screenshot for a person to look at. Chromium sometimes cannot capture one while the
 * machine is busy (other engineers' browsers): tried again once before the test gives up.
 */
export async function screenshot(page: Page, file: string): Promise<void> {
  try {
    await page.screenshot({ path: join(screenshots, file), fullPage: true });
  } catch {
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(screenshots, file), fullPage: true });
  }
}

/**
 * The page at both sizes: no serious or critical axe violation, nothing wider than the screen, a
 * screenshot each. Each size has one tab for the file, signed in, that goes from page to page: a new
 * browser context per page cost a renderer process and a second or two each, and a fresh document
 * is all a check needs. A page that is only loaded is checked at both sizes at once; one that
 * `prepare` fills in and posts, one size after the other, as two people posting at once would race.
 */
export async function checkPage(
  sections: ConsoleInBrowser,
  url: string,
  name: string,
  prepare?: (page: Page) => Promise<void>,
): Promise<void> {
  if (prepare) {
    for (const viewport of viewports) await checkAtSize(sections, viewport, url, name, prepare);
  } else {
    await atEverySize(viewports, (viewport) => checkAtSize(sections, viewport, url, name));
  }
}

async function checkAtSize(
  sections: ConsoleInBrowser,
  viewport: Viewport,
  url: string,
  name: string,
  prepare?: (page: Page) => Promise<void>,
): Promise<void> {
  const page = await sections.tab(viewport);
  const response = await page.goto(url);
  expect(response?.status(), `${name} answered`).toBeLessThan(500);
  if (prepare) await prepare(page);
  await screenshot(page, `sections-${name}-${viewport.width}.png`);
  expect(await page.evaluate<number>('document.documentElement.scrollWidth'), `${name} at ${viewport.width}px`).toBeLessThanOrEqual(
    viewport.width,
  );
  const violations = await seriousViolations(page);
  expect(violations.map((v) => `${name} ${viewport.width}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}
