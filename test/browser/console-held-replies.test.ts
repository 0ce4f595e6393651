// Issue 10, "Other replies": a REPLY from someone nobody invited is shown to the secretariat in the
// console, never silently dropped. Driven as it happens: the cron cycle sends March's invitations
// (SES emulator); the squad leader forwards theirs to a colleague, whose Outlook answers the calendar
// part of that very mail; someone outside the health bureau answers for its chief (SENT-BY). Both go
// through the real reply path (recordRawReply). Then, over HTTP with a stored session:
//   - 非受邀者的回覆 lists each in words (meeting with ROC date, who, answer, why), linked to the meeting;
//   - 總覽 carries the alert and links to the section;
//   - the other county's console (same table) sees none of it;
// and in Debian's Chromium: axe-core finds nothing serious at 1366×768 and 390×844, the meeting link
// opens the meeting's page, and screenshots go to .scratch/screenshots/ for a person to look at.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { serveApp, type ServedApp } from '../support/serve-app.ts';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useEmbeddedStack } from '../support/embedded-stack.ts';
import { seriousViolations } from '../support/axe.ts';
import { calendarOf, storedEmails, type StoredEmail } from '../support/ses-store.ts';
import { countyA, countyB, writeTwoCounties, type TwoCounties } from '../support/two-counties.ts';
import { caseConference, config, taipeiMorning } from '../support/planning-fixtures.ts';
import { outlookReply, type ReplySpec } from '../unit/rsvp/reply-messages.ts';
import { runCronCycle } from '../../lib/local-stack/cron-cycle.ts';
import { createApp } from '../../functions/http/app.ts';
import { createSession } from '../../functions/adapters/dynamodb/session-store.ts';
import { listRsvps } from '../../functions/adapters/dynamodb/rsvp-store.ts';
import { newSessionTimes } from '../../functions/core/access/console-session.ts';
import { recordRawReply } from '../../functions/use-cases/record-raw-reply.ts';
import { keys } from '../../functions/adapters/dynamodb/keys.ts';
import { queryPartition } from '../../functions/adapters/dynamodb/meeting-table.ts';
import { listActions } from '../../functions/adapters/dynamodb/secretariat-action-store.ts';

const stack = useEmbeddedStack();
// Monday 9 March 2026, 09:00 in Taipei: the March case conference (Wednesday 25 March) is announced.
const now = taipeiMorning('2026-03-09');
// The app's clock; moved past the meeting by the last HTTP test.
let appTime = now.epochMilliseconds;
const clock = () => new Date(appTime);
const contactOf = (id: string) => config.units.flatMap((u) => u.contacts).find((c) => c.id === id)!;
const leader = contactOf('police-wc-leader');
const health = contactOf('health-mh-chief');
const colleague = { name: '林小芳', email: 'lin.colleague@police.example.net' };
const outsider = 'assistant@outside.example.net';
const screenshots = join(process.cwd(), '.scratch', 'screenshots');
const chromiumFlags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'];
const viewports = [
  { width: 1366, height: 768 },
  { width: 390, height: 844 },
] as const;

const csrf = randomBytes(32).toString('base64url');
const session: Record<string, string> = {
  [countyA]: randomBytes(32).toString('base64url'),
  [countyB]: randomBytes(32).toString('base64url'),
};
let counties: TwoCounties;
let server: ServedApp | undefined;
let baseUrl: string;
let browser: Browser;

const consolePath = (county: string, path: string) => `/c/${county}/console${path}`;
const page = async (county: string, path: string) => {
  const response = await fetch(`${baseUrl}${consolePath(county, path)}`, {
    headers: { cookie: `sn_console=${session[county]}` },
    redirect: 'manual',
  });
  return { status: response.status, text: await response.text() };
};
const postForm = async (county: string, path: string, fields: Record<string, string>) => {
  const response = await fetch(`${baseUrl}${consolePath(county, path)}`, {
    method: 'POST',
    headers: { cookie: `sn_console=${session[county]}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, ...fields }),
    redirect: 'manual',
  });
  return { status: response.status, location: response.headers.get('location'), text: await response.text() };
};
const heldItems = async () => (await queryPartition(stack().table, keys.heldReplies(countyA))).map((i) => JSON.stringify(i)).sort();
const dealtWithActions = async () => (await listActions(stack().table)).filter((a) => a.task === 'deal-with-held-reply');

/** What a person reads: tags gone, whitespace folded. */
const words = (markup: string) =>
  markup
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

/** What Outlook sends back when the holder of this mail presses a button on its calendar part. */
async function replyTo(invitation: StoredEmail, spec: Omit<ReplySpec, 'uid' | 'sequence' | 'organizer'>) {
  const { event, vevent } = calendarOf(invitation);
  const organizer = String(vevent.getFirstPropertyValue('organizer')).replace(/^mailto:/i, '');
  return recordRawReply(
    { table: stack().table, config },
    await outlookReply({ uid: event.uid, sequence: event.sequence, organizer, ...spec }),
    clock(),
  );
}

async function invitationTo(address: string): Promise<StoredEmail> {
  const mail = (await storedEmails(stack().sesEndpoint)).filter(
    (e) =>
      e.subject.includes(caseConference.name.zh) &&
      e.destination.to.join().includes(address) &&
      e.attachments.some((a) => a.contentType.startsWith('text/calendar')) &&
      calendarOf(e).method === 'REQUEST',
  );
  expect(mail.length, `an invitation to ${address}`).toBeGreaterThan(0);
  return mail[0]!;
}

beforeAll(async () => {
  const { table } = stack();
  counties = writeTwoCounties('held-replies-');
  const app = createApp({
    connection: table,
    counties: counties.counties,
    now: clock,
    signingKey: randomBytes(32),
    // Never contacted: the sessions are stored as sign-in stores them.
    consoleSignIn: { issuer: 'http://127.0.0.1:9', clientId: 'test-console', jwksUrl: 'http://127.0.0.1:9/jwks' },
  });
  server = await serveApp(app);
  baseUrl = server.origin;
  for (const county of [countyA, countyB])
    await createSession({ ...table, county }, session[county]!, {
      subject: `officer-${county}`,
      displayName: '測試承辦人',
      csrfToken: csrf,
      ...newSessionTimes(clock()),
    });

  await runCronCycle(clock(), countyA);
  const before = await listRsvps(table, caseConference.id, '2026-03');
  // The leader's invitation, forwarded: the colleague's calendar answers it.
  expect(
    await replyTo(await invitationTo(leader.email), {
      attendee: colleague.email,
      attendeeName: colleague.name,
      from: colleague.email,
      partstat: 'ACCEPTED',
    }),
  ).toMatchObject({ outcome: 'ignored', reason: 'not-invited', held: true });
  // Someone outside the health bureau answers for its chief.
  expect(
    await replyTo(await invitationTo(health.email), { attendee: health.email, from: outsider, sentBy: outsider, partstat: 'TENTATIVE' }),
  ).toMatchObject({ outcome: 'ignored', reason: 'delegate-not-in-unit', held: true });
  expect(await listRsvps(table, caseConference.id, '2026-03'), 'neither counts as an answer').toEqual(before);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumFlags });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  counties?.remove();
});

describe('非受邀者的回覆 in the console', () => {
  it('lists each held reply in words, linked to its meeting', async () => {
    const { status, text } = await page(countyA, '/held-replies');
    expect(status).toBe(200);
    const read = words(text);
    expect(read).toContain('非受邀者的回覆');
    expect(read).toContain('115年3月25日（星期三）');
    expect(read).toContain(caseConference.name.zh);
    expect(read).toContain(`${colleague.name} ${colleague.email}`);
    expect(read).toMatch(/lin\.colleague@police\.example\.net 出席/);
    expect(read).toContain('回覆者不在受邀單位的聯絡人名單上');
    expect(read).toMatch(new RegExp(`${outsider} 代 衛生局 .+ 回覆 暫定`));
    expect(read).toContain('代為回覆的人不是該受邀單位的聯絡人');
    expect(read).toContain('即將召開的會議（2 則）');
    expect(text).toContain(`href="${consolePath(countyA, `/meetings/${caseConference.id}/2026-03`)}"`);
    // Received at 115/3/9 9:00, Taipei: the moment the reply path recorded it.
    expect(read).toContain('115/3/9 9:00');
    // No internal words: reason codes and PARTSTATs are translated.
    expect(read).not.toMatch(/not-invited|delegate-not-in-unit|ACCEPTED|TENTATIVE/);
  });

  it('puts an alert on 總覽 that links to the section, and the section in the navigation', async () => {
    const { status, text } = await page(countyA, '/');
    expect(status).toBe(200);
    const read = words(text);
    expect(read).toContain('2 則回覆來自不在受邀名單上的人');
    expect(read).toContain(`3/25(三) ${caseConference.name.zh}收到受邀名單以外的人回覆`);
    expect(text).toContain(`href="${consolePath(countyA, '/held-replies')}">查看非受邀者的回覆`);
    expect(text).toMatch(new RegExp(`<a href="${consolePath(countyA, '/held-replies')}"\\s*>非受邀者回覆</a>`));
  });

  it('shows another county none of it', async () => {
    const list = await page(countyB, '/held-replies');
    expect(list.status).toBe(200);
    expect(words(list.text)).toContain('目前沒有非受邀者的回覆。');
    expect(list.text).not.toContain(colleague.email);
    expect(list.text).not.toContain(outsider);
    const home = await page(countyB, '/');
    expect(home.status).toBe(200);
    expect(words(home.text)).not.toContain('不在受邀名單上的人');
    // And B's session does not open A's console.
    const crossed = await fetch(`${baseUrl}${consolePath(countyA, '/held-replies')}`, {
      headers: { cookie: `sn_console=${session[countyB]}` },
      redirect: 'manual',
    });
    expect(crossed.status).toBe(302);
    expect(await crossed.text()).not.toContain(colleague.email);
  });

  it('marks a reply dealt with, with a reason, audited without the address; an empty reason writes nothing', async () => {
    const list = (await page(countyA, '/held-replies')).text;
    const link = new RegExp(
      `href="${consolePath(countyA, '')}(/held-replies/[^"]+/deal-with)"\\s+aria-label="標記已處理：${colleague.name} 的回覆"`,
    ).exec(list)?.[1];
    expect(link, "a 標記已處理 link on the colleague's row").toBeDefined();
    expect(link).not.toContain('@');

    const form = await page(countyA, link!);
    expect(form.status).toBe(200);
    expect(words(form.text)).toContain('標記已處理：非受邀者的回覆');
    expect(words(form.text)).toContain(colleague.email);

    const before = await heldItems();
    const refused = await postForm(countyA, `${link}/preview`, { reason: '  ' });
    expect(refused.status).toBe(422);
    expect(words(refused.text)).toContain('請填寫原因');
    expect(await heldItems()).toEqual(before);
    expect(await dealtWithActions()).toEqual([]);

    const reason = '已電話告知林小芳，本次由隊長出席';
    const preview = await postForm(countyA, `${link}/preview`, { reason });
    expect(preview.status).toBe(200);
    expect(await heldItems(), 'a preview writes nothing').toEqual(before);
    const done = await postForm(countyA, `${link}/confirm`, { reason });
    expect(done.status).toBe(303);
    const shown = /\/held-replies\?done=[0-9a-f-]{36}$/.exec(done.location ?? '')?.[0];
    expect(shown, 'back to the list, naming the audit record').toBeDefined();
    const banner = words((await page(countyA, shown!)).text);
    expect(banner).toContain('已完成');
    expect(banner).toContain('處理非受邀者的回覆');
    expect(banner).toContain(reason);
    // Confirmed again (the back button): the same record, nothing written twice.
    const again = await postForm(countyA, `${link}/confirm`, { reason });
    expect(again.status).toBe(303);

    const audited = await dealtWithActions();
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ reason, meetings: [{ seriesId: caseConference.id, slotKey: '2026-03' }] });
    expect(JSON.stringify(audited[0])).not.toContain('@');

    expect(words((await page(countyA, '/held-replies')).text)).toContain(`已處理（115/3/9 9:00） ${reason}`);
    const home = words((await page(countyA, '/')).text);
    expect(home).toContain('1 則回覆來自不在受邀名單上的人');
  });

  it('raises a reply again when the person answers anew after it was dealt with', async () => {
    expect(
      await replyTo(await invitationTo(leader.email), {
        attendee: colleague.email,
        attendeeName: colleague.name,
        from: colleague.email,
        partstat: 'DECLINED',
      }),
    ).toMatchObject({ outcome: 'ignored', reason: 'not-invited', held: true });
    const read = words((await page(countyA, '/held-replies')).text);
    expect(read).toMatch(/lin\.colleague@police\.example\.net 不克出席/);
    expect(read).not.toContain('已處理（');
    expect(words((await page(countyA, '/')).text)).toContain('2 則回覆來自不在受邀名單上的人');

    // Dealt with again: a second record, for the new answer.
    const link = new RegExp(
      `href="${consolePath(countyA, '')}(/held-replies/[^"]+/deal-with)"\\s+aria-label="標記已處理：${colleague.name} 的回覆"`,
    ).exec((await page(countyA, '/held-replies')).text)?.[1];
    expect((await postForm(countyA, `${link}/confirm`, { reason: '再次告知林小芳不需出席' })).status).toBe(303);
    expect(await dealtWithActions()).toHaveLength(2);
    expect(words((await page(countyA, '/')).text)).toContain('1 則回覆來自不在受邀名單上的人');
  });

  it('after the meeting, keeps the replies for the record under 已召開的會議, and 總覽 no longer raises them', async () => {
    const before = appTime;
    // Thursday 26 March 2026, 09:00 in Taipei: the day after the meeting.
    appTime = taipeiMorning('2026-03-26').epochMilliseconds;
    const earlierSession = session[countyA]!;
    // The session of 9 March has long expired by then: the officer signs in again.
    session[countyA] = randomBytes(32).toString('base64url');
    await createSession(stack().table, session[countyA], {
      subject: `officer-${countyA}`,
      displayName: '測試承辦人',
      csrfToken: randomBytes(32).toString('base64url'),
      ...newSessionTimes(clock()),
    });
    try {
      const list = words((await page(countyA, '/held-replies')).text);
      expect(list).toContain('即將召開的會議（0 則）');
      expect(list).toContain('已召開的會議（2 則）');
      expect(list).toContain(colleague.email);
      expect(words((await page(countyA, '/')).text)).not.toContain('不在受邀名單上的人');
    } finally {
      appTime = before;
      session[countyA] = earlierSession;
    }
  });

  for (const viewport of viewports)
    it(`reads without serious accessibility faults at ${viewport.width}×${viewport.height}, and the meeting link opens the meeting`, async () => {
      mkdirSync(screenshots, { recursive: true });
      const context = await browser.newContext({ viewport, locale: 'zh-TW', bypassCSP: true });
      await context.addCookies([
        { name: 'sn_console', value: session[countyA]!, domain: '127.0.0.1', path: consolePath(countyA, ''), httpOnly: true },
      ]);
      try {
        const tab: Page = await context.newPage();
        await tab.goto(`${baseUrl}${consolePath(countyA, '/held-replies')}`);
        expect(await tab.locator('h1').innerText()).toBe('非受邀者的回覆');
        expect(await seriousViolations(tab)).toEqual([]);
        // Nothing wider than the screen (a long address must wrap on a phone).
        expect(await tab.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(viewport.width);
        await tab.screenshot({ path: join(screenshots, `held-replies-${viewport.width}.png`), fullPage: true });

        await tab.goto(`${baseUrl}${consolePath(countyA, '/')}`);
        await tab.screenshot({ path: join(screenshots, `held-replies-overview-${viewport.width}.png`), fullPage: true });
        await Promise.all([tab.waitForURL(/\/held-replies$/), tab.getByRole('link', { name: '查看非受邀者的回覆' }).click()]);

        await Promise.all([
          tab.waitForURL(new RegExp(`/meetings/${caseConference.id}/2026-03$`)),
          tab
            .getByRole('link', { name: new RegExp(caseConference.name.zh) })
            .first()
            .click(),
        ]);
        expect(await tab.locator('h1').innerText()).toContain(caseConference.name.zh);
        await tab.screenshot({ path: join(screenshots, `held-replies-meeting-${viewport.width}.png`), fullPage: true });

        // The form that marks the outsider's reply dealt with, and its preview (which writes nothing).
        await tab.goto(`${baseUrl}${consolePath(countyA, '/held-replies')}`);
        await Promise.all([tab.waitForURL(/\/deal-with$/), tab.getByRole('link', { name: `標記已處理：${outsider} 的回覆` }).click()]);
        expect(await seriousViolations(tab)).toEqual([]);
        await tab.getByLabel(/^原因/).fill('已去電衛生局，確認由科長本人回覆');
        await Promise.all([tab.waitForURL(/\/preview$/), tab.getByRole('button', { name: '預覽變更' }).click()]);
        expect(await seriousViolations(tab)).toEqual([]);
        expect(await tab.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(viewport.width);
        await tab.screenshot({ path: join(screenshots, `held-replies-preview-${viewport.width}.png`), fullPage: true });
        if (viewport === viewports.at(-1)) {
          // Confirmed on the phone: back on the list, which says what was done.
          await Promise.all([tab.waitForURL(/\/held-replies\?done=/), tab.getByRole('button', { name: '確認已處理' }).click()]);
          expect(await tab.locator('[role=status]').innerText()).toContain('已去電衛生局');
          expect(await seriousViolations(tab)).toEqual([]);
          await tab.screenshot({ path: join(screenshots, `held-replies-done-${viewport.width}.png`), fullPage: true });
        }
      } finally {
        await context.close();
      }
    });
});
