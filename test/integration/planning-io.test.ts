// What a planning pass costs DynamoDB, counted request by request with a middleware on the client
// (behaviour, not timing):
// - a first plan writes in transactions of many items, never more requests than a raw
//   BatchWriteItem of the same items would take;
// - a steady-state pass reads each series' partition once, the roster and the planning-run record
//   once, and writes nothing, the daily minutes follow-up included;
// - notices queued before the occurrence recorded them (older data) are recorded, not queued twice.
import { ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { useEmbeddedStack } from '../support/embedded-stack.ts';
import { countRequests, type RequestCounter } from '../support/request-counter.ts';
import { caseConference, config, officeCalendar, taipeiMorning } from '../support/planning-fixtures.ts';
import { planCounty, type PlanningOptions } from '../../functions/use-cases/plan-series-occurrences.ts';
import { documentClient, type MeetingTable } from '../../functions/adapters/dynamodb/meeting-table.ts';
import { keys } from '../../functions/adapters/dynamodb/keys.ts';
import { listOccurrences } from '../../functions/adapters/dynamodb/occurrence-store.ts';
import type { Temporal } from '../../functions/core/calendar/local-date.ts';

const stack = useEmbeddedStack();

/** A client of its own that counts what it sends; the table of the file's own county. */
function counted(county: string): { table: MeetingTable; requests: RequestCounter } {
  const { table, dynamoDbEndpoint } = stack();
  const client = documentClient(dynamoDbEndpoint);
  return { table: { ...table, client, county }, requests: countRequests(client) };
}

async function countyItemCount(table: MeetingTable): Promise<number> {
  let count = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await table.client.send(
      new ScanCommand({
        TableName: table.tableName,
        FilterExpression: 'begins_with(pk, :county)',
        ExpressionAttributeValues: { ':county': `C#${table.county}#` },
        ExclusiveStartKey: startKey,
        ConsistentRead: true,
      }),
    );
    count += page.Count ?? 0;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return count;
}

const run = (table: MeetingTable, now: Temporal.Instant, options: PlanningOptions = {}) =>
  planCounty(table, config, config.series, officeCalendar, now, options);

describe('planner I/O', () => {
  const morning = taipeiMorning('2026-03-09');

  it('a first plan writes in transactions: no more requests than a raw BatchWriteItem of the same items', async () => {
    const { table, requests } = counted('io-first');
    const first = await run(table, morning);
    const items = await countyItemCount(table);
    expect(first.series.flatMap((s) => s.created).length).toBeGreaterThan(30);
    expect(first.series.flatMap((s) => s.queued).length).toBeGreaterThan(10);
    const byCommand = requests.byCommand();
    // The planning-run record goes in the first transaction: nothing is written outside one.
    expect(byCommand.PutItemCommand).toBeUndefined();
    expect(requests.writes()).toBe(byCommand.TransactWriteItemsCommand);
    expect(requests.writes()).toBeLessThanOrEqual(Math.ceil(items / 25));
    table.client.destroy();
  });

  it('a steady-state pass reads each partition once, the roster and the run record once, and writes nothing', async () => {
    const { table, requests } = counted('io-first');
    for (const now of [morning, morning.add({ hours: 2 })]) {
      requests.reset();
      const again = await run(table, now);
      expect(again.series.flatMap((s) => [...s.created, ...s.updated, ...s.queued])).toEqual([]);
      expect(requests.writes()).toBe(0);
      expect(requests.byCommand()).toEqual({ QueryCommand: config.series.length + 1, GetItemCommand: 1 });
    }
    table.client.destroy();
  });

  it('the daily run follows minutes up from the same reads, and queues each reminder once', async () => {
    const { table, requests } = counted('io-first');
    // The early March meetings have been held; their minutes are due, or already late.
    const after = taipeiMorning('2026-03-27');
    const daily = await run(table, after, { minutesFollowUp: true });
    expect(daily.minutesReminders.length).toBeGreaterThan(0);
    for (const notice of daily.minutesReminders) expect(['minutes-due', 'minutes-overdue']).toContain(notice.kind);
    requests.reset();
    const again = await run(table, after.add({ hours: 1 }), { minutesFollowUp: true });
    expect(again.minutesReminders).toEqual([]);
    expect(requests.writes()).toBe(0);
    expect(requests.byCommand()).toEqual({ QueryCommand: config.series.length + 1, GetItemCommand: 1 });
    table.client.destroy();
  });

  it('notices queued before their meeting recorded them are recorded, not queued twice', async () => {
    const { table, requests } = counted('io-older');
    await run(table, morning);
    // As older data: the chair notice of the April case conference is in the outbox, unrecorded.
    const april = (await listOccurrences(table, caseConference.id)).find((o) => o.slotKey === '2026-04')!;
    await run(table, taipeiMorning('2026-03-26'));
    const recorded = (await listOccurrences(table, caseConference.id)).find((o) => o.slotKey === '2026-04')!;
    expect(recorded.queuedNotices?.some((id) => id.startsWith('chair-duty#'))).toBe(true);
    await table.client.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: { pk: keys.series(table.county, caseConference.id), sk: keys.occurrence(april.slotKey) },
        UpdateExpression: 'REMOVE queuedNotices',
      }),
    );
    const later = taipeiMorning('2026-03-26').add({ hours: 1 });
    const rerun = await run(table, later);
    expect(rerun.series.flatMap((s) => s.queued)).toEqual([]);
    expect((await listOccurrences(table, caseConference.id)).find((o) => o.slotKey === '2026-04')!.queuedNotices).toEqual(
      recorded.queuedNotices,
    );
    requests.reset();
    await run(table, later.add({ hours: 1 }));
    expect(requests.writes()).toBe(0);
    table.client.destroy();
  });
});
