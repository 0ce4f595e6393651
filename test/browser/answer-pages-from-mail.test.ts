// Issue 10, "Browser", as people meet these pages: by tapping the link in a mail they received,
// on a phone (390×844) in Debian's Chromium. The planner and dispatcher run as the cron does
// (runCronCycle) into the SES emulator, and each page is opened from the link in that mail:
//   - the squad leader's accept link: the venue, 代理出席 and a note, AA contrast, recorded;
//   - the pages a person meets when the answer cannot be taken (removed from the roster, a link
//     altered by a mail gateway, the meeting over): zh-TW, axe-clean, fitting the phone, nothing stored;
//   - the chair's minutes link from the chair-duty notice, opened before the meeting day: when the
//     form opens, and no form that cannot be saved;
//   - the read link in the minutes-distribution notice: the approved minutes, axe-clean.
// axe-core runs with the page's CSP bypassed in the test browser only.
import { serveApp, type ServedApp } from '../support/serve-app.ts';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useEmbeddedStack } from '../support/embedded-stack.ts';
import { contrastRatio, screenshot, seriousViolations } from '../support/axe.ts';
import { clearStore, storedEmails, type StoredEmail } from '../support/ses-store.ts';
import { caseConference, config, taipeiMorning } from '../support/planning-fixtures.ts';
import { runCronCycle } from '../../lib/local-stack/cron-cycle.ts';
import { startLocalSecretariatSigner, type LocalSecretariatSigner } from '../../lib/local-stack/local-secretariat-signer.ts';
import { createApp } from '../../functions/http/app.ts';
import { countiesOf } from '../../functions/adapters/config/county-registry.ts';
import { getOccurrence } from '../../functions/adapters/dynamodb/occurrence-store.ts';
import { listRsvps } from '../../functions/adapters/dynamodb/rsvp-store.ts';
import { getMinutesHead } from '../../functions/adapters/dynamodb/minutes-store.ts';
import { removeContact } from '../../functions/use-cases/secretariat/tasks.ts';
import { secretariatAccess } from '../../functions/use-cases/minutes/minutes-access.ts';
import { changeMinutesState, saveMinutes } from '../../functions/use-cases/minutes/write-minutes.ts';
import { distributeMinutes } from '../../functions/use-cases/minutes/distribute-minutes.ts';

const stack = useEmbeddedStack();
const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-sync',
  '--no-first-run',
];
const contactOf = (id: string) => config.units.flatMap((u) => u.contacts).find((c) => c.id === id)!;
const leader = contactOf('police-wc-leader');
const officer = contactOf('social-cp-officer');

// The app's clock: Monday 9 March 2026, 09:00 in Taipei, 16 days before the March case conference.
let clock = taipeiMorning('2026-03-09');
const cycle = () => runCronCycle(new Date(clock.epochMilliseconds));

let server: ServedApp | undefined;
let origin: string;
let browser: Browser;
let signer: LocalSecretariatSigner;
let firstMail: StoredEmail[];

/** Mail to one address about the March case conference whose subject matches. */
function mailTo(mail: StoredEmail[], address: string, subject: RegExp): StoredEmail {
  const found = mail.filter(
    (e) => e.destination.to.join().includes(address) && e.subject.includes(caseConference.name.zh) && subject.test(e.subject),
  );
  if (found.length === 0)
    throw new Error(`no mail ${subject} to ${address}; sent: ${mail.map((e) => `${e.destination.to.join()} ${e.subject}`).join(' | ')}`);
  return found[0]!;
}

/** A link of the mail's text part, pointed at this test's server instead of PUBLIC_BASE_URL. */
function linkIn(email: StoredEmail, path: RegExp): string {
  const links = (email.body.text ?? '').match(/https?:\/\/[^\s<>"）)]+/g) ?? [];
  const link = links.find((l) => path.test(new URL(l).pathname + new URL(l).search));
  if (!link) throw new Error(`no link ${path} in "${email.subject}": ${links.join(' ')}`);
  const url = new URL(link);
  return `${origin}${url.pathname}${url.search}`;
}

/** The link of an HTML-part anchor whose href matches, with its text, pointed at this test's server. */
function buttonIn(email: StoredEmail, href: RegExp): { href: string; label: string } {
  const anchors = [...(email.body.html ?? '').matchAll(/<a\b[^>]*href="([^"]+)"[^>]*>([\s\S]*?)<\/a>/g)];
  const found = anchors.find(([, link]) => href.test(link!.replaceAll('&amp;', '&')));
  if (!found) throw new Error(`no <a href=${href}> in the HTML of "${email.subject}"`);
  const url = new URL(found[1]!.replaceAll('&amp;', '&'));
  return { href: `${origin}${url.pathname}${url.search}`, label: found[2]!.replace(/<[^>]+>/g, '').trim() };
}

const phone = (): Promise<BrowserContext> =>
  browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-TW',
    bypassCSP: true,
  });

/** What a person on a phone would reject outright: English-only text, sideways scrolling, axe findings. */
async function expectReadableOnPhone(page: Page, name: string) {
  expect(await page.locator('html').getAttribute('lang')).toMatch(/^zh/);
  expect(await page.locator('h1').first().innerText()).toMatch(/[\u4e00-\u9fff]/);
  expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, name);
}

beforeAll(async () => {
  // The minutes routes are served beside the secretariat's API, as in every home.
  signer = await startLocalSecretariatSigner();
  const app = createApp({
    secretariatAuth: signer.authOptions,
    connection: stack().table,
    counties: countiesOf([config]),
    now: () => new Date(clock.epochMilliseconds),
    // The dispatcher signs the links in the mail with the deployment's key (useEmbeddedStack's LINK_SIGNING_KEY).
    signingKey: Buffer.from(process.env.LINK_SIGNING_KEY!, 'hex'),
  });
  server = await serveApp(app);
  origin = server.origin;
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumFlags });
  await cycle();
  firstMail = await storedEmails(stack().sesEndpoint);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await signer?.stop();
});

describe('the answer page, opened from the invitation on a phone', () => {
  it('shows the venue, offers 代理出席 and a note, meets AA contrast, and records them', async () => {
    const invitation = mailTo(firstMail, leader.email, /開會通知/);
    const context = await phone();
    const page = await context.newPage();
    // In Outlook the squad leader taps the 出席 button of the HTML part; its link is the text part's.
    const button = buttonIn(invitation, /answer=accept/);
    expect(button.label).toContain('出席');
    expect(button.href).toBe(linkIn(invitation, /\/rsvp\/.*answer=accept/));
    expect((await page.goto(button.href))?.status()).toBe(200);
    const venue = config.venues.find((v) => v.id === caseConference.venueId)!;
    expect(await page.locator('#venue').innerText()).toContain(venue.name.zh);
    await expectReadableOnPhone(page, 'mail-rsvp-390x844');
    for (const button of await page.locator('button').all()) {
      type Styles = { getComputedStyle(element: unknown): { color: string; backgroundColor: string } };
      const [color, background] = await button.evaluate((b) => {
        const style = (globalThis as unknown as Styles).getComputedStyle(b);
        return [style.color, style.backgroundColor];
      });
      if (background !== 'rgba(0, 0, 0, 0)') expect(contrastRatio(color, background), await button.innerText()).toBeGreaterThanOrEqual(4.5);
    }

    await page.getByText('由他人代理出席').tap();
    await page.getByLabel(/出席人員/).fill('婦幼隊 偵查員 陳小姐');
    await page.getByLabel(/備註/).fill('隊長另有勤務，由偵查員代理');
    await Promise.all([page.waitForLoadState(), page.getByRole('button', { name: /^出席/ }).tap()]);
    expect(await page.locator('[role=status]').innerText()).toContain('已記錄：出席');
    await expectReadableOnPhone(page, 'mail-rsvp-recorded-390x844');
    expect((await listRsvps(stack().table, caseConference.id, '2026-03')).find((r) => r.contactId === leader.id)).toMatchObject({
      answer: 'accept',
      source: 'link',
      attendeeName: '婦幼隊 偵查員 陳小姐',
      note: '隊長另有勤務，由偵查員代理',
    });
    await context.close();
  });
});

describe('when an answer cannot be taken', () => {
  it('tells a contact removed from the roster, in zh-TW, and records nothing', async () => {
    const link = linkIn(mailTo(firstMail, officer.email, /開會通知/), /\/rsvp\/.*answer=accept/);
    await removeContact(
      { table: stack().table, config, actor: { id: 'secretariat:officer-lin' }, now: clock },
      { unitId: 'social-child-protection', contactId: officer.id, reason: '人事異動' },
    );
    const context = await phone();
    const page = await context.newPage();
    expect((await page.goto(link))?.status()).toBe(403);
    expect(await page.locator('body').innerText()).toContain('不在邀請名單中');
    expect(await page.locator('form').count()).toBe(0);
    await expectReadableOnPhone(page, 'mail-rsvp-removed-390x844');
    expect((await listRsvps(stack().table, caseConference.id, '2026-03')).find((r) => r.contactId === officer.id)).toBeUndefined();
    await context.close();
  });

  it('tells someone whose link was altered on the way, in zh-TW, and records nothing', async () => {
    const link = new URL(linkIn(mailTo(firstMail, contactOf('health-mh-chief').email, /開會通知/), /\/rsvp\/.*answer=accept/));
    // A mail gateway that rewrote one character of the token.
    const token = link.pathname.split('/').pop()!;
    link.pathname = link.pathname.replace(token, token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA'));
    const context = await phone();
    const page = await context.newPage();
    const status = (await page.goto(link.toString()))?.status() ?? 0;
    expect(status).toBeGreaterThanOrEqual(400);
    expect(await page.locator('form').count()).toBe(0);
    await expectReadableOnPhone(page, 'mail-rsvp-altered-390x844');
    expect((await listRsvps(stack().table, caseConference.id, '2026-03')).find((r) => r.contactId === 'health-mh-chief')).toBeUndefined();
    await context.close();
  });
});

describe('the chair\u2019s minutes link in the chair-duty notice', () => {
  it('before the meeting day says from when the form opens, and shows no form', async () => {
    const march = (await getOccurrence(stack().table, caseConference.id, '2026-03'))!;
    const chair = config.units.find((u) => u.id === march.chairUnitId)!.contacts[0]!;
    const notice = mailTo(firstMail, chair.email, /主持/);
    const context = await phone();
    const page = await context.newPage();
    expect((await page.goto(linkIn(notice, /\/minutes\//)))?.status()).toBe(200);
    expect(await page.locator('#not-yet').innerText()).toContain('115年3月25日');
    expect(await page.locator('form').count()).toBe(0);
    await expectReadableOnPhone(page, 'mail-minutes-not-yet-390x844');
    await context.close();
  });
});

describe('the read link in the minutes-distribution notice', () => {
  it('shows the approved minutes to an invited unit, readable on a phone', async () => {
    clock = taipeiMorning('2026-03-26');
    const context = { table: stack().table, config, now: () => new Date(clock.epochMilliseconds) };
    const access = await secretariatAccess(
      context,
      { kind: 'secretariat', subject: 'officer-lin', via: 'jwt:test' },
      caseConference.id,
      '2026-03',
    );
    await saveMinutes(context, access, {
      expectedVersion: 0,
      minutes: {
        attendance: caseConference.invitedUnitIds.map((unitId, i) => ({ unitId, present: i < 4, names: i < 4 ? [`代表${i + 1}`] : [] })),
        summary: '本月提報個案 2 案，分工如決議。',
        resolutions: ['請警政與社政於下次會議前完成聯合訪視。'],
        actionItems: [{ description: '完成聯合訪視', ownerUnitId: 'police-women-children', dueDate: '2026-04-15', status: 'open' }],
      },
    });
    await changeMinutesState(context, access, 'submit', 1);
    await changeMinutesState(context, access, 'approve', 2);
    await distributeMinutes(context, access, 3);
    expect((await getMinutesHead(stack().table, caseConference.id, '2026-03'))?.state).toBe('distributed');
    await clearStore(stack().sesEndpoint);
    await cycle();
    const notice = mailTo(await storedEmails(stack().sesEndpoint), leader.email, /會議紀錄/);

    const browserContext = await phone();
    const page = await browserContext.newPage();
    expect((await page.goto(linkIn(notice, /\/minutes\//)))?.status()).toBe(200);
    const body = await page.locator('body').innerText();
    expect(body).toContain('請警政與社政於下次會議前完成聯合訪視。');
    expect(await page.locator('form').count()).toBe(0);
    // The action item's state (待辦) stays on one line, as wide as its heading, not one character a line.
    const status = page.locator('td', { hasText: /^待辦$/ }).first();
    // Line boxes of the cell's text: 2 when the two characters are broken apart.
    const lines = await status.evaluate((cell) => {
      type Doc = { createRange(): { selectNodeContents(n: unknown): void; getClientRects(): { length: number } } };
      const range = (cell as unknown as { ownerDocument: Doc }).ownerDocument.createRange();
      range.selectNodeContents(cell);
      return range.getClientRects().length;
    });
    expect(lines).toBe(1);
    await expectReadableOnPhone(page, 'mail-minutes-read-390x844');
    await browserContext.close();
  });
});
