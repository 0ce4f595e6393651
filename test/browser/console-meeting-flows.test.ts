// Issue 9, the meeting page end to end, as a county officer (承辦人) uses it: Debian's Chromium
// against what `npm start` runs (DynamoDB Local, the SES emulator, the local OpenID provider with
// its seeded account), the planner and dispatcher run as the cron runs them (runCronCycle).
//   - sign in with the seeded account; open a meeting from 總覽;
//   - move it through the preview: nothing is written by the preview, the move is stored and
//     audited with its reason, updates are queued, and after a dispatch the squad leader's mail
//     carries the new date (read back with ical.js);
//   - the squad leader answers by the link in that mail, with a deputy (代理出席), and the officer
//     sees the answer on the meeting page;
//   - sign out: the session is gone and the page asks for a sign-in again.
// axe-core (CSP bypassed in the test browser only) on the meeting page, every action form, a
// refusal, and the preview: 0 serious or critical. Screenshots at 1366×768 and 390×844 go to
// .scratch/screenshots/ for a person to look at.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveApp, type ServedApp } from '../support/serve-app.ts';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useEmbeddedStack } from '../support/embedded-stack.ts';
import { seriousViolations } from '../support/axe.ts';
import { calendarOf, clearStore, storedEmails, type StoredEmail } from '../support/ses-store.ts';
import { tableItems } from '../support/table-items.ts';
import { caseConference, config, taipeiMorning } from '../support/planning-fixtures.ts';
import { runCronCycle } from '../../lib/local-stack/cron-cycle.ts';
import { startLocalSignInProvider, type LocalSignInProvider } from '../../lib/local-stack/local-sign-in-provider.ts';
import { createApp } from '../../functions/http/app.ts';
import { countiesOf } from '../../functions/adapters/config/county-registry.ts';
import { getOccurrence } from '../../functions/adapters/dynamodb/occurrence-store.ts';
import { listOutbox } from '../../functions/adapters/dynamodb/outbox-store.ts';
import { listMeetingActions } from '../../functions/adapters/dynamodb/secretariat-action-store.ts';
import { listRsvps } from '../../functions/adapters/dynamodb/rsvp-store.ts';
import { inProcessDocumentRenderer } from '../../functions/use-cases/documents/in-process-renderer.ts';

const stack = useEmbeddedStack();
const screenshots = join(process.cwd(), '.scratch', 'screenshots');
const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-sync',
  '--no-first-run',
];
const county = config.county.id;
const series = caseConference.id;
const leader = config.units.flatMap((u) => u.contacts).find((c) => c.id === 'police-wc-leader')!;

// Monday 9 March 2026, 09:00 in Taipei: the March case conference is on Wednesday the 25th.
const clock = taipeiMorning('2026-03-09');
const cycle = () => runCronCycle(new Date(clock.epochMilliseconds));

let server: ServedApp | undefined;
let origin: string;
let signIn: LocalSignInProvider;
let browser: Browser;
let officer: BrowserContext;
let page: Page;

const consoleUrl = () => `${origin}/c/${county}/console`;
const marchPath = () => `${consoleUrl()}/meetings/${series}/2026-03`;
/** Everything but console sessions, whose last-seen time moves on every page. */
const storedData = async () => (await tableItems(stack().table)).filter((i) => i.entity !== 'console-session');

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  const counties = countiesOf([config]);
  signIn = await startLocalSignInProvider({ counties: [{ id: county, name: config.county.name.zh }] });
  const app = createApp({
    connection: stack().table,
    counties,
    now: () => new Date(clock.epochMilliseconds),
    // The dispatcher signs links with the deployment's key (useEmbeddedStack's LINK_SIGNING_KEY).
    signingKey: Buffer.from(process.env.LINK_SIGNING_KEY!, 'hex'),
    consoleSignIn: signIn.consoleSignIn,
    // As npm start serves them: rendered in this process.
    renderDocument: inProcessDocumentRenderer({ connection: stack().table, counties }),
  });
  server = await serveApp(app);
  origin = server.origin;
  await signIn.serveConsole(origin);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumFlags });
  // The invitations of March go out, as they would have before the officer looks.
  await cycle();
  await clearStore(stack().sesEndpoint);
  // bypassCSP in the test browser only: the console's CSP rightly blocks the injected axe-core.
  officer = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-TW', bypassCSP: true });
  page = await officer.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await signIn?.stop();
});

async function expectAccessible(p: Page) {
  expect(await seriousViolations(p)).toEqual([]);
}

/** The page as a phone shows it: saved, and nothing wider than the screen. */
async function onPhone(url: string, name: string, open?: (p: Page) => Promise<void>) {
  const phone = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-TW',
    bypassCSP: true,
    storageState: await officer.storageState(),
  });
  const p = await phone.newPage();
  await p.goto(url);
  if (open) await open(p);
  expect(await p.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
  // Screen by screen, as a person scrolls: a whole page at phone width is too tall to read, so it is
  // not captured whole as well (at twice the pixels, the dearest capture of the file).
  const total = await p.evaluate<number>('document.documentElement.scrollHeight');
  for (let screen = 0; screen * 844 < total && screen < 8; screen++) {
    await p.evaluate(`window.scrollTo(0, ${screen * 844})`);
    await p.screenshot({ path: join(screenshots, `${name}-390x844-${String(screen + 1).padStart(2, '0')}.png`) });
  }
  await expectAccessible(p);
  await phone.close();
}

function mailTo(mail: StoredEmail[], address: string): StoredEmail {
  const found = mail.filter((e) => e.destination.to.join().includes(address) && e.subject.includes(caseConference.name.zh));
  if (found.length !== 1)
    throw new Error(`expected one mail to ${address}; sent: ${mail.map((e) => `${e.destination.to.join()} ${e.subject}`).join(' | ')}`);
  return found[0]!;
}

describe('a meeting, end to end in the console', () => {
  it('signs in with the seeded account and opens the March meeting from 總覽', async () => {
    const account = signIn.accounts.find((a) => a.countyId === county)!;
    await page.goto(`${consoleUrl()}/`);
    await page.waitForURL(/\/interaction\//);
    await page.getByLabel('帳號').fill(account.username);
    await page.getByLabel('密碼').fill(account.password);
    await Promise.all([page.waitForURL((url) => url.origin === origin), page.getByRole('button', { name: '登入' }).click()]);
    expect(await page.locator('h1').innerText()).toBe('總覽');

    await Promise.all([page.waitForURL(/\/meetings\//), page.locator(`a[href$="/meetings/${series}/2026-03"]`).first().click()]);
    expect(page.url()).toBe(marchPath());
    expect(await page.locator('h1').innerText()).toBe(caseConference.name.zh);
    const facts = await page.locator('dl.facts').innerText();
    expect(facts).toContain('115年3月25日（星期三）');
    expect(facts).toContain('下午2時');
    // The invitations the cron sent, in words, to each person.
    const notices = await page.locator('section[aria-labelledby="notices-heading"]').innerText();
    expect(notices).toContain('開會通知');
    expect(notices).toContain('已寄出');
    expect(notices).toContain(leader.name);
    // The 開會通知單 downloads behind the session, named as the county names it.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '開會通知單（PDF）' }).click()]);
    expect(download.suggestedFilename()).toMatch(/開會通知單\.pdf$/);
    expect(
      readFileSync(await download.path())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    await page.screenshot({ path: join(screenshots, 'meeting-page-1366x768.png'), fullPage: true });
    await expectAccessible(page);
    await onPhone(marchPath(), 'meeting-page');
  });

  it('has accessible forms for every action, and a refusal that names its field', async () => {
    for (const action of ['move', 'cancel', 'venue', 'swap', 'acting-chair']) {
      await page.goto(`${marchPath()}/${action}`);
      expect(await page.locator('h1').innerText()).toMatch(/[\u4e00-\u9fff]/);
      expect(await page.getByLabel(/原因/).count()).toBe(1);
      await expectAccessible(page);
    }
    await page.goto(`${consoleUrl()}/series/placement-review-panel/sessions/new`);
    await expectAccessible(page);

    // Each kind of preview, written nothing: a cancellation, a venue change, an acting chair.
    const before = await storedData();
    for (const [action, choose] of [
      ['cancel', undefined],
      ['venue', '新的地點'],
      ['acting-chair', '由哪個單位代理主持'],
    ] as const) {
      await page.goto(`${marchPath()}/${action}`);
      if (choose) await page.getByLabel(choose).selectOption({ index: 1 });
      await page.getByLabel(/原因/).fill('颱風停止上班');
      await Promise.all([page.waitForURL(/\/preview$/), page.getByRole('button', { name: '預覽變更' }).click()]);
      expect(await page.locator('h1').innerText()).toMatch(/^預覽：/);
      expect(await page.locator('main').innerText()).toContain('將通知');
      await expectAccessible(page);
    }
    expect(await storedData()).toEqual(before);

    // A reason left empty: the message sits next to the field, and the field points at it.
    await page.goto(`${marchPath()}/venue`);
    await page.getByLabel(/新的地點/).selectOption({ index: 2 });
    await page.getByRole('button', { name: '預覽變更' }).click();
    const reason = page.getByLabel(/原因/);
    expect(await reason.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await reason.getAttribute('aria-describedby'))!.split(' ');
    const messages = await Promise.all(describedBy.map((id) => page.locator(`#${id}`).innerText()));
    expect(messages.join('\n')).toContain('請填寫原因');
    expect(await page.getByRole('alert').innerText()).toContain('沒有做任何變更');
    await expectAccessible(page);

    // A Saturday without the box ticked, on a phone: the message by the date, the box right below.
    await onPhone(`${marchPath()}/move`, 'move-refused', async (p) => {
      await p.getByLabel('新的日期').fill('2026-03-28');
      await p.getByLabel(/原因/).fill('原會議室與研習衝突');
      await Promise.all([p.waitForURL(/\/preview$/), p.getByRole('button', { name: '預覽變更' }).tap()]);
      expect(await p.locator('#f-date-error').innerText()).toContain('115年3月28日（星期六） 是放假日');
    });
  });

  it('moves the meeting through the preview: nothing written until confirmed, then stored, audited, queued and mailed', async () => {
    await page.goto(`${marchPath()}/move`);
    await page.getByLabel('新的日期').fill('2026-03-26');
    await page.getByLabel(/原因/).fill('原會議室與研習衝突');
    const before = await storedData();
    await page.getByRole('button', { name: '預覽變更' }).click();
    expect(await page.locator('h1').innerText()).toMatch(/^預覽：改期/);
    const preview = await page.locator('main').innerText();
    expect(preview).toContain('115年3月25日（星期三）下午2時 → 115年3月26日（星期四）下午2時');
    expect(preview).toMatch(/將通知[\s\S]*人：/);
    expect(preview).toContain(leader.name);
    expect(await storedData()).toEqual(before);
    await page.screenshot({ path: join(screenshots, 'move-preview-1366x768.png'), fullPage: true });
    await expectAccessible(page);
    // The same preview on a phone: the form posted again from there.
    await onPhone(`${marchPath()}/move`, 'move-preview', async (p) => {
      await p.getByLabel('新的日期').fill('2026-03-26');
      await p.getByLabel(/原因/).fill('原會議室與研習衝突');
      await Promise.all([p.waitForURL(/\/preview$/), p.getByRole('button', { name: '預覽變更' }).tap()]);
    });
    expect(await storedData()).toEqual(before);

    await Promise.all([page.waitForURL(/\?done=/), page.getByRole('button', { name: '確認改期' }).click()]);
    expect(await page.locator('[role=status]').innerText()).toContain('已排入通知');
    await page.screenshot({ path: join(screenshots, 'move-done-1366x768.png') });
    await expectAccessible(page);
    expect((await getOccurrence(stack().table, series, '2026-03'))!.date).toBe('2026-03-26');
    const move = (await listMeetingActions(stack().table, { seriesId: series, slotKey: '2026-03' })).find((a) => a.task === 'move');
    expect(move).toMatchObject({ reason: '原會議室與研習衝突', actor: { via: 'console' } });
    expect(move!.told!.some((p) => p.contactId === leader.id)).toBe(true);
    const queued = (await listOutbox(stack().table, series, '2026-03')).filter((n) => n.status === 'pending');
    expect(queued.map((n) => n.recipient.contactId)).toContain(leader.id);

    // The dispatcher sends the updates: the squad leader's calendar moves to Thursday 26th, 14:00.
    await cycle();
    const update = mailTo(await storedEmails(stack().sesEndpoint), leader.email);
    expect(calendarOf(update).event.startDate.toJSDate().toISOString()).toBe('2026-03-26T06:00:00.000Z');
    expect((update.body.text ?? '') + (update.body.html ?? '')).toContain('原會議室與研習衝突');

    // The meeting page shows the change with its reason, and the update as sent.
    await page.goto(marchPath());
    const history = await page.locator('section[aria-labelledby="history-heading"]').innerText();
    expect(history).toContain('會議改期');
    expect(history).toContain('原因：原會議室與研習衝突');
    expect(history).toContain('115年3月25日（星期三）下午2時 → 115年3月26日（星期四）下午2時');
    expect(history).toContain('嘉義縣幕僚（本機）');
    expect(await page.locator('dl.facts').innerText()).toContain('115年3月26日（星期四）');
    expect(await page.locator('section[aria-labelledby="notices-heading"] tr', { hasText: leader.name }).innerText()).toMatch(
      /開會通知：已寄出[\s\S]*開會通知（第 1 次變更）：已寄出/,
    );
  });

  it('shows the answer the squad leader gave by the link in that mail, with the deputy', async () => {
    const update = mailTo(await storedEmails(stack().sesEndpoint), leader.email);
    const links = (update.body.text ?? '').match(/https?:\/\/[^\s<>"）)]+/g) ?? [];
    const accept = new URL(links.find((l) => /\/rsvp\/.*answer=accept/.test(new URL(l).pathname + new URL(l).search))!);
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-TW', isMobile: true, hasTouch: true });
    const answer = await phone.newPage();
    await answer.goto(`${origin}${accept.pathname}${accept.search}`);
    await answer.getByText('由他人代理出席').tap();
    await answer.getByLabel(/出席人員/).fill('婦幼隊 偵查員 陳小姐');
    await Promise.all([answer.waitForLoadState(), answer.getByRole('button', { name: /^出席/ }).tap()]);
    expect(await answer.locator('[role=status]').innerText()).toContain('已記錄：出席');
    await phone.close();
    expect((await listRsvps(stack().table, series, '2026-03')).find((r) => r.contactId === leader.id)).toMatchObject({
      answer: 'accept',
      attendeeName: '婦幼隊 偵查員 陳小姐',
    });

    await page.goto(marchPath());
    const row = page.locator('section[aria-labelledby="answers-heading"] tr', { hasText: leader.name });
    expect(await row.innerText()).toContain('出席');
    expect(await row.innerText()).toContain('婦幼隊 偵查員 陳小姐');
    expect(await row.innerText()).not.toContain('變更前');
    expect(await page.locator('dl.facts').innerText()).toMatch(/出席 1 人/);
    await page.screenshot({ path: join(screenshots, 'meeting-page-answered-1366x768.png'), fullPage: true });
    await expectAccessible(page);
    await onPhone(marchPath(), 'meeting-page-answered');
  });

  it('signs out: the session is gone, and the meeting page asks for a sign-in', async () => {
    await page.goto(marchPath());
    await Promise.all([page.waitForURL(/signed-out|\/session\/end|interaction/), page.getByRole('button', { name: '登出' }).click()]);
    const sessions = (await tableItems(stack().table)).filter((i) => i.entity === 'console-session');
    expect(sessions).toEqual([]);
    const again = await fetch(marchPath(), {
      redirect: 'manual',
      headers: { cookie: (await officer.cookies(consoleUrl())).map((c) => `${c.name}=${c.value}`).join('; ') },
    });
    expect(again.status).toBe(302);
    expect(again.headers.get('location')).toContain('/sign-in');
  });
});
