// Counties are tenants of one table. Two counties here: 嘉義縣 (A) and 臺南市 (B), one deployment.
// A's planner and dispatcher run through a client that refuses any key outside A's prefix, and B's
// items stay byte-identical; A's console session, A's secretariat token, A's signed links (RSVP,
// chair's minutes page, 開會通知單) and A's feed URL get nothing from B's routes, and the table is
// unchanged by every refused attempt. (The console's sign-in itself, in Chromium, is refused to A's
// officer on B's console in test/browser/secretariat-console.test.ts.)
import { randomBytes } from 'node:crypto';
import { serveApp, type ServedApp } from '../support/serve-app.ts';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useEmbeddedStack } from '../support/embedded-stack.ts';
import { countyGuarded } from '../support/county-guard.ts';
import { countyA as A, countyB as B, writeTwoCounties } from '../support/two-counties.ts';
import { forCounty, type MeetingTable } from '../../functions/adapters/dynamodb/meeting-table.ts';
import { countyPrefix } from '../../functions/adapters/dynamodb/keys.ts';
import { loadOfficeCalendar } from '../../functions/adapters/dynamodb/calendar-store.ts';
import { listOccurrences } from '../../functions/adapters/dynamodb/occurrence-store.ts';
import { resetRuntime } from '../../functions/handlers/runtime.ts';
import { handler as planMeetings } from '../../functions/handlers/plan-meetings.ts';
import { handler as dispatchOutboxHandler } from '../../functions/handlers/dispatch-outbox.ts';
import { planCounty } from '../../functions/use-cases/plan-series-occurrences.ts';
import { defaultDispatchOptions, dispatchOutbox } from '../../functions/use-cases/dispatch-outbox.ts';
import { noticeLinker } from '../../functions/use-cases/notice-links.ts';
import { sesMailerFromEnv } from '../../functions/adapters/ses/ses-mailer.ts';
import { createApp, secretariatGroup } from '../../functions/http/app.ts';
import { countyBaseUrl, countySigningKey } from '../../functions/core/access/signed-token.ts';
import { rsvpLinks } from '../../functions/core/rsvp/rsvp-links.ts';
import { noticeDocumentLink } from '../../functions/core/access/notice-document-link.ts';
import { newSessionTimes } from '../../functions/core/access/console-session.ts';
import { createSession } from '../../functions/adapters/dynamodb/session-store.ts';
import { inProcessDocumentRenderer } from '../../functions/use-cases/documents/in-process-renderer.ts';
import { signMinutesLink } from '../../functions/use-cases/minutes/minutes-links.ts';
import { Temporal } from '../../functions/core/calendar/local-date.ts';
import { startLocalSecretariatSigner, type LocalSecretariatSigner } from '../../lib/local-stack/local-secretariat-signer.ts';
import { localContext } from '../../lib/local-stack/lambda-context.ts';

const stack = useEmbeddedStack();
const morning = '2026-03-09T01:00:00.000Z'; // 09:00 in Taipei

const { folder, counties, remove: removeCounties } = writeTwoCounties();

beforeAll(() => {
  process.env.COUNTY_CONFIG_DIR = folder;
  resetRuntime();
});
afterAll(() => {
  delete process.env.COUNTY_CONFIG_DIR;
  resetRuntime();
  removeCounties();
});

async function scan(): Promise<Record<string, unknown>[]> {
  const { table } = stack();
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await table.client.send(new ScanCommand({ TableName: table.tableName, ConsistentRead: true, ExclusiveStartKey }));
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items.sort((x, y) => `${String(x.pk)}|${String(x.sk)}`.localeCompare(`${String(y.pk)}|${String(y.sk)}`));
}

const itemsOf = (county: string, items: Record<string, unknown>[]) => items.filter((i) => String(i.pk).startsWith(countyPrefix(county)));

describe('two counties in one table', () => {
  let tableA: MeetingTable;

  it('B is planned and dispatched on its own keys, through the same handlers', async () => {
    await planMeetings({ countyId: B, scheduledTime: morning }, localContext('plan-meetings'));
    await dispatchOutboxHandler({ countyId: B, scheduledTime: morning }, localContext('dispatch-outbox'));
    const all = await scan();
    expect(itemsOf(B, all).length).toBeGreaterThan(50);
    expect(itemsOf(A, all)).toEqual([]);
    // Nothing but B's keys and the national calendar (if any) exists.
    expect(all.filter((i) => !String(i.pk).startsWith(countyPrefix(B)) && i.pk !== 'CALENDAR')).toEqual([]);
  });

  it("A's planner and dispatcher name no key outside A, and leave B's items byte-identical", async () => {
    const before = itemsOf(B, await scan());
    const guarded = countyGuarded(forCounty(stack().table, A), stack().dynamoDbEndpoint);
    tableA = guarded;
    const config = counties.get(A)!;
    const calendar = await loadOfficeCalendar(guarded);
    // The daily run as the handler makes it: roster, run record, every series, minutes follow-up.
    await planCounty(guarded, config, config.series, calendar, Temporal.Instant.from(morning), { minutesFollowUp: true });
    const dispatched = await dispatchOutbox(guarded, sesMailerFromEnv(), config, {
      ...defaultDispatchOptions,
      maxPerSecond: 200,
      shouldStop: () => false,
      // The dispatcher's own linker, reading the contacts' link versions through the guard too.
      links: await noticeLinker(guarded, randomBytes(32), 'http://127.0.0.1:3000', () => new Date()),
      now: () => new Date(),
    });

    expect(guarded.violations).toEqual([]);
    expect(dispatched.filter((d) => d.outcome === 'sent').length).toBeGreaterThan(0);
    expect(itemsOf(B, await scan())).toEqual(before);
  });

  it('the guard itself refuses a key of the other county (so the test above could fail)', async () => {
    const guarded = countyGuarded(forCounty(stack().table, A), stack().dynamoDbEndpoint);
    const other = { ...guarded, county: B } as MeetingTable; // a bug that swaps the county in a key
    await expect(listOccurrences(other, 'child-protection-case-conference')).rejects.toThrow(/county guard/);
    expect(guarded.violations).toEqual([`${countyPrefix(B)}SERIES#child-protection-case-conference`]);
  });

  describe("A's credentials on B's routes", () => {
    const deploymentKey = randomBytes(32);
    let server: ServedApp | undefined;
    let origin = '';
    let signer: LocalSecretariatSigner;
    let tokenA = '';

    beforeAll(async () => {
      signer = await startLocalSecretariatSigner();
      tokenA = await signer.mint({ subject: 'officer-a', groups: [secretariatGroup(A)] });
      const app = createApp({
        connection: stack().table,
        counties,
        now: () => new Date('2026-03-10T02:00:00Z'),
        signingKey: deploymentKey,
        secretariatAuth: signer.authOptions,
        // The console is mounted; its sign-in service is never reached (only a session is tried).
        consoleSignIn: { issuer: 'http://127.0.0.1:9/', clientId: 'safetynet-console', jwksUrl: 'http://127.0.0.1:9/jwks' },
        renderDocument: inProcessDocumentRenderer({ connection: stack().table, counties }),
      });
      server = await serveApp(app);
      origin = server.origin;
    });
    afterAll(async () => {
      await server?.close();
      await signer?.stop();
    });

    async function refusedWithoutChange(request: () => Promise<Response>, statuses: number[]) {
      const before = await scan();
      const response = await request();
      expect(statuses).toContain(response.status);
      expect(await scan()).toEqual(before);
    }

    it("A's secretariat token works on A's routes and is refused with 403 on B's", async () => {
      const headers = { authorization: `Bearer ${tokenA}` };
      expect((await fetch(`${origin}/c/${A}/secretariat/minutes-status`, { headers })).status).toBe(200);
      await refusedWithoutChange(() => fetch(`${origin}/c/${B}/secretariat/minutes-status`, { headers }), [403]);
    });

    it("A's console session opens A's console and is refused on B's, for a look and for a change", async () => {
      const sessionId = randomBytes(32).toString('base64url');
      const csrfToken = randomBytes(32).toString('base64url');
      await createSession(forCounty(stack().table, A), sessionId, {
        ...newSessionTimes(new Date('2026-03-10T02:00:00Z')),
        subject: 'officer-a',
        displayName: '嘉義縣承辦人',
        csrfToken,
      });
      const cookie = `sn_console=${sessionId}`;
      const home = await fetch(`${origin}/c/${A}/console/`, { headers: { cookie }, redirect: 'manual' });
      expect(home.status).toBe(200);
      expect(await home.text()).toContain('嘉義縣');

      // On B's console the cookie is nobody's session: every page and every form sends the
      // browser to B's own sign-in, shows nothing of B, and forgets the cookie.
      const march = (await listOccurrences(tableA, 'child-protection-case-conference')).find((o) => o.slotKey === '2026-03')!;
      for (const path of ['', 'meetings/child-protection-case-conference/2026-03', 'audit', 'contacts']) {
        const before = await scan();
        const onB = await fetch(`${origin}/c/${B}/console/${path}`, { headers: { cookie }, redirect: 'manual' });
        expect(onB.status, path).toBe(302);
        expect(onB.headers.get('location')).toMatch(new RegExp(`^/c/${B}/console/sign-in`));
        expect(onB.headers.get('set-cookie')).toMatch(/sn_console=;/);
        expect(await onB.text()).not.toContain(march.uid);
        expect(await scan()).toEqual(before);
      }
      const before = await scan();
      const signOut = await fetch(`${origin}/c/${B}/console/sign-out`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: `_csrf=${encodeURIComponent(csrfToken)}`,
        redirect: 'manual',
      });
      expect(signOut.status).toBe(303);
      expect(signOut.headers.get('location')).toBe(`/c/${B}/console/sign-in`);
      expect(await scan()).toEqual(before);
    });

    it("A's bearer token reads none of B's meetings, answers, minutes, closures, audit or feeds", async () => {
      const headers = { authorization: `Bearer ${tokenA}` };
      for (const path of [
        'secretariat/minutes-status',
        'secretariat/feeds',
        'secretariat/documents/notices/child-protection-case-conference/2026-03',
        'secretariat/documents/annual-plans/2026',
      ])
        await refusedWithoutChange(() => fetch(`${origin}/c/${B}/${path}`, { headers }), [403, 404]);
    });

    it("A's 開會通知單 link downloads A's notice and is nothing on B's routes", async () => {
      const march = (await listOccurrences(tableA, 'child-protection-case-conference')).find((o) => o.slotKey === '2026-03')!;
      const contactId = counties.get(A)!.units.find((u) => u.id === 'police-women-children')!.contacts[0]!.id;
      const link = noticeDocumentLink({
        baseUrl: countyBaseUrl(origin, A),
        key: countySigningKey(deploymentKey, A),
        seriesId: march.seriesId,
        slotKey: march.slotKey,
        contactId,
        meetingStart: new Date('2026-03-25T06:00:00Z'),
        meetingEnd: new Date('2026-03-25T08:00:00Z'),
        now: new Date('2026-03-10T02:00:00Z'),
      });
      const onB = link.replace(`/c/${A}/`, `/c/${B}/`);
      await refusedWithoutChange(() => fetch(onB), [404]);
      const own = await fetch(link);
      expect(own.status).toBe(200);
      expect(own.headers.get('content-type')).toBe('application/pdf');
    });

    it("A's feed URL is nothing on B's routes", async () => {
      const headers = { authorization: `Bearer ${tokenA}` };
      const issued = await fetch(`${origin}/c/${A}/secretariat/feeds/police-women-children`, { method: 'POST', headers });
      expect(issued.status).toBe(201);
      const { url } = (await issued.json()) as { url: string };
      expect((await fetch(url)).status).toBe(200);
      await refusedWithoutChange(() => fetch(url.replace(`/c/${A}/`, `/c/${B}/`)), [404]);
    });

    /** Refused as a link B never issued: 404, the zh-TW refusal in the body, and the table as it was. */
    async function notALinkHere(request: () => Promise<Response>, says: string) {
      const before = await scan();
      const response = await request();
      expect(response.status).toBe(404);
      expect(await response.text()).toContain(says);
      expect(await scan()).toEqual(before);
    }

    it("A's RSVP link is not a link on B's routes: 404 for a look and for an answer", async () => {
      const march = (await listOccurrences(tableA, 'child-protection-case-conference')).find((o) => o.slotKey === '2026-03')!;
      const contactId = counties.get(A)!.units.find((u) => u.id === 'police-women-children')!.contacts[0]!.id;
      const links = rsvpLinks({
        baseUrl: countyBaseUrl(origin, A),
        key: countySigningKey(deploymentKey, A),
        seriesId: march.seriesId,
        slotKey: march.slotKey,
        contactId,
        sequence: march.sequence,
        meetingStart: new Date('2026-03-25T06:00:00Z'),
        meetingEnd: new Date('2026-03-25T08:00:00Z'),
        now: new Date('2026-03-10T02:00:00Z'),
      });
      // The same token works where it was issued...
      expect((await fetch(links.accept)).status).toBe(200);
      // ...and on B's routes it is not a link at all, whatever is posted with it.
      const onB = links.accept.replace(`/c/${A}/`, `/c/${B}/`);
      const form = (body: string) => () =>
        fetch(onB, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
      await notALinkHere(() => fetch(onB), '連結無效');
      await notALinkHere(form('answer=accept'), '連結無效');
      await notALinkHere(form('answer=maybe'), '連結無效');
    });

    it("A's chair minutes link is not a link on B's routes: 404 on the page, the form and the API", async () => {
      const march = (await listOccurrences(tableA, 'child-protection-case-conference')).find((o) => o.slotKey === '2026-03')!;
      const chairContact = counties.get(A)!.units.find((u) => u.id === march.chairUnitId)!.contacts[0]!.id;
      const { url } = signMinutesLink(
        { seriesId: march.seriesId, slotKey: march.slotKey, contactId: chairContact, role: 'chair', linkVersion: 0, now: new Date() },
        countySigningKey(deploymentKey, A),
        countyBaseUrl(origin, A),
      );
      const pageOnB = url.replace(`/c/${A}/`, `/c/${B}/`);
      const apiOnB = pageOnB.replace('/minutes/', '/api/minutes/');
      await notALinkHere(() => fetch(pageOnB), '此連結無效：無法辨識，可能已被修改或複製不完整');
      await notALinkHere(
        () =>
          fetch(pageOnB, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: 'expectedVersion=0&summary=x',
          }),
        '紀錄尚未儲存',
      );
      await notALinkHere(() => fetch(apiOnB), 'invalid-link');
      await notALinkHere(
        () => fetch(apiOnB, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"expectedVersion":0,"minutes":{}}' }),
        'invalid-link',
      );
    });

    it('an unknown county is 404 and the landing page names counties, never a meeting', async () => {
      expect((await fetch(`${origin}/c/nowhere/secretariat/minutes-status`)).status).toBe(404);
      const landing = await (await fetch(`${origin}/`)).text();
      expect(landing).toContain('臺南市');
      expect(landing).not.toMatch(/強化兒少保護|\d{1,3}年\d{1,2}月/);
    });
  });
});
