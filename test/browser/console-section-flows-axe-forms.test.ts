// axe-core on every form of the console's sections, blank, previewed, confirmed and refused, at
// 1366×768 and 390×844, signed in as a county officer in Debian's Chromium: no serious or critical
// violation, nothing wider than the screen, and a screenshot of each for a person to look at
// (.scratch/screenshots). The lists are in console-section-flows-axe-pages.test.ts: two files, so
// vitest's two workers share the pass.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useEmbeddedStack } from '../support/embedded-stack.ts';
import { checkPage, conference, county, useConsoleInBrowser } from '../support/console-sections.ts';

const sections = useConsoleInBrowser(useEmbeddedStack());

describe('the console sections pass axe-core and fit a phone: the forms', () => {
  const forms: Array<[path: string, name: string, prepare?: (page: Page) => Promise<void>]> = [
    ['contacts/social-child-protection/add', 'contact-add'],
    ['contacts/social-child-protection/remove?contact=social-cp-officer', 'contact-remove'],
    ['contacts/social-child-protection/readd', 'contact-readd'],
    [`minutes/${conference.id}/2026-02/distribute`, 'minutes-distribute'],
    [`minutes/${conference.id}/2026-02/chair-link/issue`, 'chair-link-issue'],
    [`minutes/${conference.id}/2026-02/chair-link/revoke`, 'chair-link-revoke'],
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
  for (const [path, name, prepare] of forms) it(name, () => checkPage(sections, sections.consoleUrl(path), name, prepare));
});
