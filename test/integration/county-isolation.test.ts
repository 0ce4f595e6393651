// Counties are tenants of one table. Two counties here: 嘉義縣 (A) and 臺南市 (B), one deployment.
// A's planner and dispatcher run through a client that refuses any key outside A's prefix, and B's
// items stay byte-identical; A's secretariat token and A's signed links get nothing from B's routes,
// and the table is unchanged by every refused attempt.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useEmbeddedStack } from '../support/embedded-stack.ts';
import { countyGuarded } from '../support/county-guard.ts';
import { defaultCountyConfigFile } from '../../functions/adapters/config/county-config-file.ts';
import { loadCounties } from '../../functions/adapters/config/county-registry.ts';
import { forCounty, type MeetingTable } from '../../functions/adapters/dynamodb/meeting-table.ts';
import { countyPrefix } from '../../functions/adapters/dynamodb/keys.ts';
import { loadOfficeCalendar } from '../../functions/adapters/dynamodb/calendar-store.ts';
import { listOccurrences } from '../../functions/adapters/dynamodb/occurrence-store.ts';
import { resetRuntime } from '../../functions/handlers/runtime.ts';
import { handler as planMeetings } from '../../functions/handlers/plan-meetings.ts';
import { handler as dispatchOutboxHandler } from '../../functions/handlers/dispatch-outbox.ts';
import { planSeriesOccurrences } from '../../functions/use-cases/plan-series-occurrences.ts';
import { defaultDispatchOptions, dispatchOutbox } from '../../functions/use-cases/dispatch-outbox.ts';
import { sesMailerFromEnv } from '../../functions/adapters/ses/ses-mailer.ts';
import { createApp, secretariatGroup } from '../../functions/http/app.ts';
import { countyBaseUrl, countySigningKey } from '../../functions/core/access/signed-token.ts';
import { rsvpLinks } from '../../functions/core/rsvp/rsvp-links.ts';
import { signMinutesLink } from '../../functions/use-cases/minutes/minutes-links.ts';
import { Temporal } from '../../functions/core/calendar/local-date.ts';
import { startLocalSecretariatSigner, type LocalSecretariatSigner } from '../../lib/local-stack/local-secretariat-signer.ts';
import { localContext } from '../../lib/local-stack/lambda-context.ts';

const stack = useEmbeddedStack();
const A = 'chiayi-county';
const B = 'tainan-city';
const morning = '2026-03-09T01:00:00.000Z'; // 09:00 in Taipei

/** 臺南市, made from the Chiayi file: its own id, name, mailbox and contacts' addresses. */
function tainanConfig(): unknown {
  const text = readFileSync(defaultCountyConfigFile, 'utf8')
    .replaceAll('"chiayi-county"', `"${B}"`)
    .replaceAll('嘉義縣', '臺南市')
    .replaceAll('Chiayi County', 'Tainan City')
    .replaceAll('@example.org', '@tainan.example.org');
  return JSON.parse(text);
}

const folder = mkdtempSync(join(tmpdir(), 'safetynet-counties-'));
writeFileSync(join(folder, `${A}.json`), readFileSync(defaultCountyConfigFile));
writeFileSync(join(folder, `${B}.json`), JSON.stringify(tainanConfig()));
const counties = loadCounties(folder);

beforeAll(() => {
  process.env.COUNTY_CONFIG_DIR = folder;
  resetRuntime();
});
afterAll(() => {
  delete process.env.COUNTY_CONFIG_DIR;
  resetRuntime();
  rmSync(folder, { recursive: true, force: true });
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
    for (const series of config.series) await planSeriesOccurrences(guarded, config, series, calendar, Temporal.Instant.from(morning));
    const dispatched = await dispatchOutbox(guarded, sesMailerFromEnv(), config, {
      ...defaultDispatchOptions,
      maxPerSecond: 200,
      shouldStop: () => false,
      links: () => ({}),
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
    let server: ServerType;
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
      });
      await new Promise<void>((resolve) => {
        server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve());
      });
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      await new Promise<void>((resolve) => server?.close(() => resolve()));
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

    it("A's RSVP link is refused on B's routes, for a look and for an answer", async () => {
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
      // ...and on B's routes it is not a link at all.
      const onB = links.accept.replace(`/c/${A}/`, `/c/${B}/`);
      await refusedWithoutChange(() => fetch(onB), [400, 404]);
      await refusedWithoutChange(
        () =>
          fetch(onB, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: 'answer=accept',
          }),
        [400, 404],
      );
    });

    it("A's chair minutes link is refused on B's routes", async () => {
      const march = (await listOccurrences(tableA, 'child-protection-case-conference')).find((o) => o.slotKey === '2026-03')!;
      const chairContact = counties.get(A)!.units.find((u) => u.id === march.chairUnitId)!.contacts[0]!.id;
      const { url } = signMinutesLink(
        { seriesId: march.seriesId, slotKey: march.slotKey, contactId: chairContact, role: 'chair', linkVersion: 0, now: new Date() },
        countySigningKey(deploymentKey, A),
        countyBaseUrl(origin, A),
      );
      const onB = url.replace(`/c/${A}/`, `/c/${B}/`).replace('/minutes/', '/api/minutes/');
      await refusedWithoutChange(() => fetch(onB), [401, 404]);
      await refusedWithoutChange(
        () => fetch(onB, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"expectedVersion":0,"minutes":{}}' }),
        [401, 404],
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
