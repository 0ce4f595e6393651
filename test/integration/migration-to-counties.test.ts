// The migration on a table the single-county version really wrote: test/fixtures/single-county-table.json
// is a scan of a DynamoDB Local after that version (commit 87c4f3d) ran its cron cycles and CLI
// (closures, a roster change, a move, an ad-hoc session, answers, minutes; see the fixture's README).
// Loaded into a fresh table, migrated twice: every item is under its new key, nothing is left
// under an old one, the second run changes nothing, and the planner creates no meeting twice.
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, ScanCommand, type ScanCommandOutput } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { documentClient, forCounty, type MeetingTable } from '../../functions/adapters/dynamodb/meeting-table.ts';
import { ensureTable } from '../../lib/local-stack/ensure-table.ts';
import { loadCountyConfigFile } from '../../functions/adapters/config/county-config-file.ts';
import { loadOfficeCalendar } from '../../functions/adapters/dynamodb/calendar-store.ts';
import { listOccurrences } from '../../functions/adapters/dynamodb/occurrence-store.ts';
import { listRosterChanges } from '../../functions/adapters/dynamodb/roster-store.ts';
import { listFailed } from '../../functions/adapters/dynamodb/outbox-store.ts';
import { queryOpenActionItems, queryOwedFollowUpForms } from '../../functions/adapters/dynamodb/minutes-store.ts';
import { getRsvp } from '../../functions/adapters/dynamodb/rsvp-store.ts';
import { loadLinkVersions } from '../../functions/adapters/dynamodb/link-version-store.ts';
import { planSeriesOccurrences } from '../../functions/use-cases/plan-series-occurrences.ts';
import { migrateToCounties, MigrationError } from '../../functions/use-cases/migration/migrate-to-counties.ts';
import { Temporal } from '../../functions/core/calendar/local-date.ts';
import { spawnTs, finished } from '../support/processes.ts';

type Item = Record<string, unknown> & { pk: string; sk: string; gsi1pk?: string; gsi1sk?: string };

const fixture = JSON.parse(readFileSync(new URL('../fixtures/single-county-table.json', import.meta.url), 'utf8')) as Item[];
const config = loadCountyConfigFile();
const county = config.county.id;
const prefix = `C#${county}#`;
/** The last thing the single-county version did was plan at this time (the closure of 2026-06-10). */
const lastPlanned = Temporal.Instant.from('2026-03-31T10:00+08:00');

const tables: string[] = [];
let endpoint: string;
beforeAll(() => {
  endpoint = inject('dynamoDbEndpoint')!;
});
afterAll(async () => {
  const client = new DynamoDBClient({
    endpoint,
    region: 'ap-northeast-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  for (const TableName of tables) await client.send(new DeleteTableCommand({ TableName }));
  client.destroy();
});

/** A fresh table holding the fixture, as the single-county version left it. */
async function fixtureTable(): Promise<MeetingTable> {
  const tableName = `migration-${randomUUID()}`;
  await ensureTable(endpoint, tableName);
  tables.push(tableName);
  const table = forCounty({ client: documentClient(endpoint), tableName }, county);
  for (let start = 0; start < fixture.length; start += 25)
    await table.client.send(
      new BatchWriteCommand({ RequestItems: { [tableName]: fixture.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } })) } }),
    );
  return table;
}

async function scan(table: MeetingTable): Promise<Item[]> {
  const items: Item[] = [];
  let startKey: ScanCommandOutput['LastEvaluatedKey'];
  do {
    const page = await table.client.send(
      new ScanCommand({ TableName: table.tableName, ConsistentRead: true, ExclusiveStartKey: startKey }),
    );
    items.push(...((page.Items ?? []) as Item[]));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items.sort((a, b) => `${a.pk}|${a.sk}`.localeCompare(`${b.pk}|${b.sk}`));
}

/** Where the key module says each single-county item belongs now (written out here, not taken from the code under test). */
function expectedNewKey(item: Item): { pk: string; sk: string; gsi1pk?: string; gsi1sk?: string } {
  if (item.pk === 'CALENDAR' && item.sk.startsWith('YEAR#')) return { pk: item.pk, sk: item.sk };
  const pk = item.pk === 'CALENDAR' ? `${prefix}CLOSURES` : `${prefix}${item.pk}`;
  if (!item.gsi1pk) return { pk, sk: item.sk };
  const gsi1sk = item.pk.startsWith('OUTBOX#') ? item.gsi1sk!.replace(`#${item.pk}#`, `#${pk}#`) : item.gsi1sk!;
  return { pk, sk: item.sk, gsi1pk: `${prefix}${item.gsi1pk}`, gsi1sk };
}

describe('migrate-to-counties on a table written by the single-county version', () => {
  it('is a fixture with every kind of single-county item', () => {
    const kinds = new Set(fixture.map((i) => `${i.pk.replace(/#.*/, '')} ${i.sk.replace(/#.*/, '')}${i.gsi1pk ? ` ${i.gsi1pk}` : ''}`));
    for (const kind of [
      'SERIES OCC',
      'SERIES OVR',
      'SERIES RSVP',
      'SERIES MINUTES',
      'SERIES MINVER',
      'SERIES ACTION ACTION#open',
      'SERIES FOLLOWUP FOLLOWUP#owed',
      'ROSTER UNIT',
      'LINKS CONTACT',
      'CALENDAR CLOSURE',
      'CALENDAR YEAR',
      'OUTBOX invitation OUTBOX#PENDING',
      'OUTBOX invitation OUTBOX#FAILED',
      'OUTBOX reminder',
    ])
      expect(kinds).toContain(kind);
    expect(fixture.some((i) => i.pk === 'AUDIT#secretariat-views')).toBe(true);
    expect(fixture.some((i) => /^AUDIT#.+#\d{4}-\d{2}$/.test(i.pk))).toBe(true);
  });

  it('moves every item to its new key, leaves none under an old key, and changes nothing the second time', async () => {
    const table = await fixtureTable();
    const first = await migrateToCounties(table, county);
    const national = fixture.filter((i) => i.pk === 'CALENDAR' && i.sk.startsWith('YEAR#')).length;
    expect(first).toMatchObject({
      scanned: fixture.length,
      copied: fixture.length - national,
      deleted: fixture.length - national,
      national,
    });

    const after = await scan(table);
    expect(after).toHaveLength(fixture.length);
    const byKey = new Map(after.map((i) => [`${i.pk}|${i.sk}`, i]));
    for (const old of fixture) {
      const key = expectedNewKey(old);
      const moved = byKey.get(`${key.pk}|${key.sk}`);
      expect(moved, `${old.pk} ${old.sk}`).toBeDefined();
      // Every attribute carried over as it was; only the keys changed.
      expect(moved).toEqual({ ...old, ...key });
    }
    // Nothing left under a key without a county, but the national calendar years.
    expect(after.filter((i) => !i.pk.startsWith(prefix)).every((i) => i.pk === 'CALENDAR' && i.sk.startsWith('YEAR#'))).toBe(true);
    expect(after.filter((i) => i.gsi1pk && !i.gsi1pk.startsWith(prefix))).toEqual([]);

    const second = await migrateToCounties(table, county);
    expect(second).toMatchObject({
      scanned: fixture.length,
      copied: 0,
      alreadyCopied: 0,
      deleted: 0,
      national,
      countyKeyed: fixture.length - national,
    });
    expect(await scan(table)).toEqual(after);
  });

  it('leaves the county able to read what the single-county version wrote', async () => {
    const table = await fixtureTable();
    await migrateToCounties(table, county);
    const calendar = await loadOfficeCalendar(table);
    // The closures are the county's now, and the planner still sees them as days off.
    expect(calendar.isWorkingDay(Temporal.PlainDate.from('2026-04-22'))).toBe(false);
    expect(calendar.isWorkingDay(Temporal.PlainDate.from('2026-06-10'))).toBe(false);
    expect((await listRosterChanges(table)).map((c) => c.contact.id)).toEqual(['police-wc-deputy']);
    expect(await getRsvp(table, 'child-protection-case-conference', '2026-03', 'police-wc-leader')).toMatchObject({ answer: 'accept' });
    expect((await queryOpenActionItems(table)).map((a) => a.description)).toEqual(['警政完成聯合訪視']);
    expect((await queryOwedFollowUpForms(table)).map((f) => f.placementType)).toEqual(['foster']);
    expect((await loadLinkVersions(table)).get('social-cp-officer')).toBe(1);
    const [failed] = await listFailed(table);
    expect(failed?.pk).toBe(`${prefix}OUTBOX#community-mental-health-case-conference#2026-03`);
  });

  it('lets the planner run on the migrated table without creating any meeting twice', async () => {
    const table = await fixtureTable();
    await migrateToCounties(table, county);
    const calendar = await loadOfficeCalendar(table);
    for (const series of config.series) {
      const before = await listOccurrences(table, series.id);
      const run = await planSeriesOccurrences(table, config, series, calendar, lastPlanned);
      expect(run.created, series.id).toEqual([]);
      const after = await listOccurrences(table, series.id);
      expect(after.map((o) => o.slotKey).sort()).toEqual(before.map((o) => o.slotKey).sort());
    }
  });

  it('is needed: on the table as the single-county version left it, the planner would plan every meeting again', async () => {
    const table = await fixtureTable();
    const calendar = await loadOfficeCalendar(table);
    const run = await planSeriesOccurrences(table, config, config.series[0]!, calendar, lastPlanned);
    expect(run.created.length).toBeGreaterThan(0);
  });

  it('is the documented command: npm run cli -- migrate-to-counties, twice', async () => {
    const table = await fixtureTable();
    const run = async () => {
      const child = spawnTs('bin/cli.ts', ['migrate-to-counties', '--county', county, '--schedules-disabled'], {
        ...process.env,
        DYNAMODB_ENDPOINT: endpoint,
        TABLE_NAME: table.tableName,
      });
      const { code, stdout } = await finished(child);
      return { code, stdout };
    };
    const first = await run();
    expect(first.code).toBe(0);
    const national = fixture.filter((i) => i.pk === 'CALENDAR' && i.sk.startsWith('YEAR#')).length;
    expect(first.stdout).toContain(`已將 ${fixture.length - national} 筆單一縣市資料搬到 C#${county}# 之下`);
    const after = await scan(table);
    const second = await run();
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('沒有需要遷移的項目');
    expect(await scan(table)).toEqual(after);
  });

  it('stops before changing anything when an item it does not know is in the table', async () => {
    const table = await fixtureTable();
    await table.client.send(
      new BatchWriteCommand({ RequestItems: { [table.tableName]: [{ PutRequest: { Item: { pk: 'SOMETHING', sk: 'ELSE' } } }] } }),
    );
    const before = await scan(table);
    await expect(migrateToCounties(table, county)).rejects.toThrow(MigrationError);
    expect(await scan(table)).toEqual(before);
  });
});
