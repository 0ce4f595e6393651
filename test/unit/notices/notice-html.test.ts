// The invitation's HTML part as a chair opens it on a phone: Chromium at 390 px, the width of a
// common phone. 出席 and 不克出席 are buttons a thumb can hit (at least 44 px tall), with WCAG AA
// contrast, and nothing runs off the side of the screen (no 300-character link to scroll past).
// With SCREENSHOT_DIR set, the screens are saved as PNGs for a person to look at.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { renderNotice } from '../../../functions/core/invitations/render-notice.ts';
import { contrastRatio, screenshot, seriousViolations } from '../../support/axe.ts';
import { answerLinks, contextFor, documentLink, march, minutesLink } from './notice-fixtures.ts';

const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-sync',
  '--no-first-run',
];

type Styles = { getComputedStyle(element: unknown): { color: string; backgroundColor: string } };

let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumFlags });
});
afterAll(async () => {
  await browser?.close();
});

async function openOnPhone(html: string) {
  // Mail clients show the HTML part without the sender's scripts; so does this page.
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, javaScriptEnabled: true });
  const page = await context.newPage();
  await page.setContent(html, { waitUntil: 'load' });
  return { page, context };
}

describe('the HTML part on a phone', () => {
  it('the invitation: two answer buttons, 44 px or taller, AA contrast, no sideways scrolling', async () => {
    const links = { ...answerLinks(march), document: documentLink };
    const { html, text } = renderNotice('invitation', contextFor(march, { links }));
    const { page, context } = await openOnPhone(html);
    try {
      await screenshot(page, 'notice-invitation-390');
      for (const [label, url] of [
        ['出席', links.accept],
        ['不克出席', links.decline],
        ['Accept', links.accept],
        ['Decline', links.decline],
      ] as const) {
        const button = page.getByRole('link', { name: label, exact: true });
        expect(await button.getAttribute('href'), label).toBe(url);
        const cell = button.locator('xpath=ancestor::td[1]');
        const box = (await cell.boundingBox())!;
        expect(box.height, `${label} is tall enough to tap`).toBeGreaterThanOrEqual(44);
        // The link's text colour on its cell's background: the cell is what Outlook paints.
        const color = await button.evaluate((a) => (globalThis as unknown as Styles).getComputedStyle(a).color);
        const background = await cell.evaluate((td) => (globalThis as unknown as Styles).getComputedStyle(td).backgroundColor);
        expect(contrastRatio(color, background), label).toBeGreaterThanOrEqual(4.5);
      }
      // The raw token URL is in the text part only; the HTML shows words.
      expect(text).toContain(links.accept);
      expect(await page.locator('body').innerText()).not.toContain(links.accept);
      expect(await page.getByRole('link', { name: '開會通知單（PDF）' }).getAttribute('href')).toBe(documentLink);
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("the chair's notice: the minutes form is a button too", async () => {
    const { html } = renderNotice('chair-duty', contextFor(march, { links: { minutes: minutesLink('chair') }, deadline: '2026-04-08' }));
    const { page, context } = await openOnPhone(html);
    try {
      await screenshot(page, 'notice-chair-duty-390');
      const button = page.getByRole('link', { name: '填寫會議紀錄' });
      expect((await button.locator('xpath=ancestor::td[1]').boundingBox())!.height).toBeGreaterThanOrEqual(44);
      expect(await page.locator('body').innerText()).toContain('繳交期限：115年4月8日（星期三）');
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
