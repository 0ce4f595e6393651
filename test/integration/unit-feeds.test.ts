// A network unit's subscribable calendar, over real HTTP against DynamoDB Local, read back with
// ical.js (Mozilla's parser, the one Thunderbird uses). Two counties share the table: 嘉義縣 (A) and
// 臺南市 (B). The secretariat of A issues, rotates and revokes a feed URL for 警察局婦幼隊 through the
// JSON API and the CLI; every change is audited; a calendar client holding the URL sees exactly
// the unit's meetings, cancellations included, and nothing a leaked URL must not show.
import { randomBytes } from 'node:crypto';
import { serveApp, type ServedApp } from '../support/serve-app.ts';
import { PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useEmbeddedStack } from '../support/embedded-stack.ts';
import { countyB, tainanConfigJson } from '../support/two-counties.ts';
import { spawnTs, finished } from '../support/processes.ts';
import { testOccurrence } from '../support/test-occurrence.ts';
import { createApp, secretariatGroup } from '../../functions/http/app.ts';
import { countiesOf } from '../../functions/adapters/config/county-registry.ts';
import { loadCountyConfigFile } from '../../functions/adapters/config/county-config-file.ts';
import { countyConfigSchema } from '../../functions/core/series/county-config.ts';
import { forCounty } from '../../functions/adapters/dynamodb/meeting-table.ts';
import { keys } from '../../functions/adapters/dynamodb/keys.ts';
import { createOccurrence } from '../../functions/adapters/dynamodb/occurrence-store.ts';
import { listFeedAudit } from '../../functions/adapters/dynamodb/feed-store.ts';
import type { Occurrence } from '../../functions/core/planning/occurrence.ts';
import { startLocalSecretariatSigner, type LocalSecretariatSigner } from '../../lib/local-stack/local-secretariat-signer.ts';

const stack = useEmbeddedStack();
const configA = loadCountyConfigFile();
const A = configA.county.id;
const B = countyB;
/** 臺南市, made from the Chiayi file: the same unit ids, its own county. */
const configB = countyConfigSchema.parse(tainanConfigJson());

const unit = 'police-women-children'; // invited to the case conference and the mental-health conference
const caseConference = 'child-protection-case-conference';
const mentalHealth = 'community-mental-health-case-conference';
const panel = 'placement-review-panel'; // the police are not invited
const labour = 'social-labour-employment-coordination'; // nor here

// Monday 9 March 2026, 09:00 in Taipei: the feed shows meetings from 9 March 2025 on. The clock
// moves 1 ms at every look, so audit records sort in the order things happened.
let clock = Date.parse('2026-03-09T01:00:00Z');
const now = () => new Date(++clock);

const meetingsA: Occurrence[] = [
  testOccurrence({ seriesId: caseConference, slotKey: '2025-01', date: '2025-01-22' }), // more than a year back
  testOccurrence({ seriesId: caseConference, slotKey: '2025-06', date: '2025-06-25', chairUnitId: 'police-women-children' }),
  testOccurrence({ seriesId: caseConference, slotKey: '2026-03', date: '2026-03-25', venueId: 'online' }),
  testOccurrence({ seriesId: caseConference, slotKey: '2026-04', date: '2026-04-22', chairUnitId: 'health-bureau' }),
  testOccurrence({
    seriesId: caseConference,
    slotKey: '2026-08',
    date: '2026-08-26',
    status: 'cancelled',
    sequence: 1,
    updatedAt: '2026-03-02T03:00:00Z',
  }),
  testOccurrence({ seriesId: mentalHealth, slotKey: '2026-03', date: '2026-03-18', venueId: 'mental-health-center' }),
  testOccurrence({ seriesId: panel, slotKey: '2026-03', date: '2026-03-20', chairUnitId: 'social-child-welfare' }),
  testOccurrence({ seriesId: labour, slotKey: '2026-06', date: '2026-06-10', chairUnitId: 'county-secretary-general' }),
];
const expectedUids = meetingsA
  .filter((o) => [caseConference, mentalHealth].includes(o.seriesId) && o.date >= '2025-03-09')
  .map((o) => o.uid)
  .sort();

/** What a chair wrote about a child: it is in the table, and must never reach a feed. */
const caseText = '個案王小明（化名）於3月間遭受';

let server: ServedApp | undefined;
let origin: string;
let signer: LocalSecretariatSigner;
let tokenA: string;
let tokenB: string;

beforeAll(async () => {
  const { table } = stack();
  const tableA = forCounty(table, A);
  for (const occurrence of meetingsA) await createOccurrence(tableA, occurrence);
  // County B has a meeting of its own in the same series, for the same unit id.
  await createOccurrence(
    forCounty(table, B),
    testOccurrence({ seriesId: caseConference, slotKey: '2026-03', date: '2026-03-25', uid: 'tainan-2026-03@test' }),
  );
  // Minutes with case text, and an answer, beside the March meeting in A's series partition.
  await table.client.send(
    new PutCommand({
      TableName: table.tableName,
      Item: {
        pk: keys.series(A, caseConference),
        sk: keys.minutesHead('2026-03'),
        entity: 'minutes-head',
        seriesId: caseConference,
        slotKey: '2026-03',
        state: 'distributed',
        version: 3,
        minutes: { attendance: [], summary: caseText, resolutions: [caseText], actionItems: [] },
      },
    }),
  );
  signer = await startLocalSecretariatSigner();
  tokenA = await signer.mint({ subject: 'officer-chen', groups: [secretariatGroup(A)] });
  tokenB = await signer.mint({ subject: 'officer-lin', groups: [secretariatGroup(B)] });
  const app = createApp({
    connection: table,
    counties: countiesOf([configA, configB]),
    now,
    signingKey: randomBytes(32),
    secretariatAuth: signer.authOptions,
  });
  server = await serveApp(app);
  origin = server.origin;
});

afterAll(async () => {
  await server?.close();
  await signer?.stop();
});

async function request(path: string, init: RequestInit = {}) {
  const response = await fetch(path.startsWith('http') ? path : `${origin}${path}`, init);
  return { status: response.status, headers: response.headers, text: await response.text() };
}
const asSecretariat = (method: string, path: string, token = tokenA) =>
  request(path, { method, headers: { authorization: `Bearer ${token}` } });

async function issueFeed(county = A, token = tokenA): Promise<string> {
  const issued = await asSecretariat('POST', `/c/${county}/secretariat/feeds/${unit}`, token);
  expect(issued.status).toBe(201);
  return (JSON.parse(issued.text) as { url: string }).url;
}

function parseFeed(text: string) {
  const vcalendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
  for (const vtimezone of vcalendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(vtimezone));
  const events = vcalendar.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent));
  return { vcalendar, events };
}

async function scan(): Promise<Record<string, unknown>[]> {
  const { table } = stack();
  const { Items } = await table.client.send(new ScanCommand({ TableName: table.tableName, ConsistentRead: true }));
  return (Items ?? []).sort((x, y) => `${String(x.pk)}|${String(x.sk)}`.localeCompare(`${String(y.pk)}|${String(y.sk)}`));
}

describe("a unit's calendar feed", () => {
  it('serves METHOD:PUBLISH with exactly the meetings the unit is invited to, from a year back, for clients to poll hourly', async () => {
    const url = await issueFeed();
    expect(url).toMatch(new RegExp(`^${origin}/c/${A}/feeds/${unit}/[A-Za-z0-9_-]{43}\\.ics$`));
    const feed = await request(url);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(feed.headers.get('cache-control')).toBe('private, no-cache');

    const { vcalendar, events } = parseFeed(feed.text);
    expect(vcalendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(vcalendar.getFirstProperty('refresh-interval')?.toICALString()).toBe('REFRESH-INTERVAL;VALUE=DURATION:PT1H');
    expect(String(vcalendar.getFirstPropertyValue('x-published-ttl'))).toBe('PT1H');
    expect(vcalendar.getAllSubcomponents('vtimezone').map((tz) => tz.getFirstPropertyValue('tzid'))).toEqual(['Asia/Taipei']);
    expect(events.map((e) => e.uid).sort()).toEqual(expectedUids);
    // PUBLISH carries no ATTENDEE, so no client offers answer buttons from the feed.
    expect(feed.text).not.toMatch(/^ATTENDEE/m);

    const march = events.find((e) => e.uid === `${caseConference}-2026-03@test`)!;
    // 14:00 in Taipei is 06:00Z, read through the VTIMEZONE the feed carries.
    expect(march.startDate.toJSDate().toISOString()).toBe('2026-03-25T06:00:00.000Z');
    expect(march.endDate.toJSDate().toISOString()).toBe('2026-03-25T08:00:00.000Z');
    expect(march.summary).toBe('強化兒少保護跨網絡合作會議');
    expect(march.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
  });

  it('keeps a cancelled meeting as STATUS:CANCELLED with 【取消】 in its title, at its stored SEQUENCE', async () => {
    const { events } = parseFeed((await request(await issueFeed())).text);
    const august = events.find((e) => e.uid === `${caseConference}-2026-08@test`)!;
    expect(august.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(august.summary).toBe('【取消】強化兒少保護跨網絡合作會議');
    expect(august.sequence).toBe(1);
  });

  it('carries no case text, no answer or minutes link and no online-meeting link', async () => {
    const text = (await request(await issueFeed())).text;
    expect(text).not.toContain('王小明');
    expect(text).not.toContain(caseText.slice(0, 6));
    // No link of any kind: answer links, minutes links and the online venue's URL are for the mail only.
    expect(text).not.toMatch(/https?:/);
    expect(text.toLowerCase()).not.toMatch(/rsvp|minutes|token/);
  });

  it('answers If-None-Match with 304 while nothing changed, and with the new calendar after a change', async () => {
    const url = await issueFeed();
    const first = await request(url);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    const again = await request(url, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    // A client that keeps several validators, or a weak one, is matched too.
    expect((await request(url, { headers: { 'if-none-match': `"other", W/${etag}` } })).status).toBe(304);

    // The secretariat moves the April meeting: the calendar changes, and so does its ETag.
    const { table } = stack();
    const april = meetingsA.find((o) => o.slotKey === '2026-04' && o.seriesId === caseConference)!;
    await table.client.send(
      new PutCommand({
        TableName: table.tableName,
        Item: {
          pk: keys.series(A, caseConference),
          sk: keys.occurrence('2026-04'),
          entity: 'occurrence',
          ...april,
          date: '2026-04-23',
          sequence: 1,
          updatedAt: '2026-03-09T00:30:00Z',
        },
      }),
    );
    const changed = await request(url, { headers: { 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    const moved = parseFeed(changed.text).events.find((e) => e.uid === april.uid)!;
    expect(moved.startDate.toJSDate().toISOString()).toBe('2026-04-23T06:00:00.000Z');
    expect(moved.sequence).toBe(1);
  });

  it('answers a revoked, rotated or forged URL with the same 404 as an address that does not exist', async () => {
    const unknownPath = await request(`/c/${A}/no-such-page`);
    expect(unknownPath.status).toBe(404);
    const sameAsUnknown = async (url: string) => {
      const answer = await request(url);
      expect({ status: answer.status, body: answer.text, type: answer.headers.get('content-type') }).toEqual({
        status: 404,
        body: unknownPath.text,
        type: unknownPath.headers.get('content-type'),
      });
      expect(answer.headers.get('etag')).toBeNull();
    };

    const first = await issueFeed();
    const rotated = await issueFeed();
    await sameAsUnknown(first);
    expect((await request(rotated)).status).toBe(200);

    const secret = /\/([^/]+)\.ics$/.exec(rotated)![1]!;
    await sameAsUnknown(rotated.replace(secret, randomBytes(32).toString('base64url')));
    await sameAsUnknown(rotated.replace(`/${unit}/`, '/health-bureau/'));
    await sameAsUnknown(rotated.replace(`/${unit}/`, '/no-such-unit/'));
    await sameAsUnknown(rotated.replace('.ics', ''));

    const revoked = await asSecretariat('DELETE', `/c/${A}/secretariat/feeds/${unit}`);
    expect(revoked.status).toBe(200);
    expect(JSON.parse(revoked.text)).toMatchObject({ unitId: unit, revoked: true });
    await sameAsUnknown(rotated);
    // Revoking again changes nothing and says so.
    expect(JSON.parse((await asSecretariat('DELETE', `/c/${A}/secretariat/feeds/${unit}`)).text)).toMatchObject({ revoked: false });
  });

  it('records who issued, rotated and revoked which unit, and when; the table holds no secret', async () => {
    const before = (await listFeedAudit(forCounty(stack().table, A))).length;
    const url = await issueFeed();
    await asSecretariat('DELETE', `/c/${A}/secretariat/feeds/${unit}`);
    const audit = (await listFeedAudit(forCounty(stack().table, A))).slice(before);
    expect(audit.map((r) => ({ unitId: r.unitId, action: r.action, subject: r.actor.subject, minute: r.at.slice(0, 16) }))).toEqual([
      { unitId: unit, action: 'issue-feed', subject: 'officer-chen', minute: '2026-03-09T01:00' },
      { unitId: unit, action: 'revoke-feed', subject: 'officer-chen', minute: '2026-03-09T01:00' },
    ]);
    const secret = /\/([^/]+)\.ics$/.exec(url)![1]!;
    expect(JSON.stringify(await scan())).not.toContain(secret);

    const status = JSON.parse((await asSecretariat('GET', `/c/${A}/secretariat/feeds`)).text) as {
      feeds: Array<{ unitId: string; active: boolean }>;
    };
    expect(status.feeds.find((f) => f.unitId === unit)).toMatchObject({ active: false });
    expect(JSON.stringify(status)).not.toContain('.ics');
  });

  it('refuses an unknown unit with its code, field and a zh-TW message, and anyone without the county group', async () => {
    const unknown = await asSecretariat('POST', `/c/${A}/secretariat/feeds/no-such-unit`);
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.text)).toEqual({ error: 'unknown-unit', field: 'unit', message: '找不到單位「no-such-unit」' });
    expect((await request(`/c/${A}/secretariat/feeds/${unit}`, { method: 'POST' })).status).toBe(401);
    expect((await asSecretariat('POST', `/c/${A}/secretariat/feeds/${unit}`, tokenB)).status).toBe(403);
  });

  it("gives county A's feed URL nothing on county B's routes, and leaves the table as it was", async () => {
    const url = await issueFeed();
    // B has a feed for a unit of the same id, with a secret of its own.
    const urlB = await issueFeed(B, tokenB);
    const before = await scan();
    const onB = await request(url.replace(`/c/${A}/`, `/c/${B}/`));
    const unknownOnB = await request(`/c/${B}/no-such-page`);
    expect({ status: onB.status, body: onB.text }).toEqual({ status: 404, body: unknownOnB.text });
    expect(await scan()).toEqual(before);
    // B's own feed shows B's meeting, and none of A's.
    const { events } = parseFeed((await request(urlB)).text);
    expect(events.map((e) => e.uid)).toEqual(['tainan-2026-03@test']);
  });
});

describe('the command line', () => {
  let minute = 10;
  async function cli(args: string[]) {
    const { dynamoDbEndpoint, tableName } = stack();
    const at = `2026-03-09T09:${String(minute++).padStart(2, '0')}+08:00`;
    const child = spawnTs('bin/cli.ts', [...args, '--county', A, '--as', 'officer-wu', '--now', at], {
      ...process.env,
      DYNAMODB_ENDPOINT: dynamoDbEndpoint,
      TABLE_NAME: tableName,
      PUBLIC_BASE_URL: origin,
    });
    return finished(child);
  }

  it('issues a working URL and revokes it, audited as the person at the keyboard', async () => {
    const issued = await cli(['feed', 'issue', '--unit', unit]);
    expect(issued.code).toBe(0);
    const url = /http\S+\.ics/.exec(issued.stdout)?.[0];
    expect(url).toBeDefined();
    expect((await request(url!)).status).toBe(200);

    const revoked = await cli(['feed', 'revoke', '--unit', unit]);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toContain('已停用');
    expect((await request(url!)).status).toBe(404);
    const audit = await listFeedAudit(forCounty(stack().table, A));
    expect(audit.slice(-2).map((r) => ({ unitId: r.unitId, action: r.action, actor: r.actor, at: r.at }))).toEqual([
      {
        unitId: unit,
        action: 'rotate-feed',
        actor: { kind: 'secretariat', subject: 'officer-wu', via: 'cli' },
        at: '2026-03-09T01:10:00.000Z',
      },
      {
        unitId: unit,
        action: 'revoke-feed',
        actor: { kind: 'secretariat', subject: 'officer-wu', via: 'cli' },
        at: '2026-03-09T01:11:00.000Z',
      },
    ]);
  });

  it('names the unit flag when it is missing, and an unknown unit in one zh-TW line', async () => {
    const missing = await cli(['feed', 'issue']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--unit');
    const unknown = await cli(['feed', 'revoke', '--unit', 'no-such-unit']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('找不到單位「no-such-unit」');
  });
});
