// A county's first plan against DynamoDB Local: its reads, then one transaction that carries the
// planning-run record with the meetings and their notices. What that must keep:
// - two runs of the same schedule at once create each meeting once and queue each notice once;
// - a run that dies in its first transaction writes nothing at all, not even the clock, and the
//   next run plans everything;
// - a run that dies after its first transaction of several is completed by the next run, each
//   notice queued once;
// - a run overtaken by a later one between its reads and its transaction writes nothing.
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { useEmbeddedStack } from '../support/embedded-stack.ts';
import { countRequests } from '../support/request-counter.ts';
import { config, officeCalendar, taipeiMorning } from '../support/planning-fixtures.ts';
import { planCounty, type PlanningOptions } from '../../functions/use-cases/plan-series-occurrences.ts';
import { documentClient, type MeetingTable } from '../../functions/adapters/dynamodb/meeting-table.ts';
import type { Temporal } from '../../functions/core/calendar/local-date.ts';
import { noticeId } from '../../functions/core/notices/notice.ts';
import { advancePlanningRun } from '../../functions/adapters/dynamodb/planning-run-store.ts';

const stack = useEmbeddedStack();
const morning = taipeiMorning('2026-03-09');

/** A county of its own for one test, so that tests here do not see each other's runs. */
function tableFor(name: string): MeetingTable {
  const { table } = stack();
  return { ...table, county: `${table.county}-${name}` };
}

/** A client of its own, whose process "dies" (throws) at the request `dies` picks. */
function dying(table: MeetingTable, dies: (command: string) => boolean): MeetingTable {
  const client = documentClient(stack().dynamoDbEndpoint);
  countRequests(client, (command) => {
    if (dies(command)) throw new Error('the process died here');
  });
  return { ...table, client };
}

/** The county's items, in key order. */
async function countyItems(table: MeetingTable): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
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
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items.sort((a, b) => `${String(a.pk)}|${String(a.sk)}`.localeCompare(`${String(b.pk)}|${String(b.sk)}`));
}

const byEntity = (items: Record<string, unknown>[], entity: string) => items.filter((i) => i.entity === entity);
/** What identifies an item across tables of different counties: its key without the county. */
const keyOf = (item: Record<string, unknown>, table: MeetingTable) =>
  `${String(item.pk).slice(`C#${table.county}#`.length)}|${String(item.sk)}`;

const plan = (table: MeetingTable, now: Temporal.Instant = morning, options: PlanningOptions = {}) =>
  planCounty(table, config, config.series, officeCalendar, now, options);

describe("a county's first plan", () => {
  it('is its reads and one transaction, the planning-run record inside it: no write before it', async () => {
    const table = tableFor('one-transaction');
    const client = documentClient(stack().dynamoDbEndpoint);
    const requests = countRequests(client);
    const run = await plan({ ...table, client });
    const items = await countyItems(table);
    expect(run.series.flatMap((s) => s.created).length).toBe(byEntity(items, 'occurrence').length);
    expect(byEntity(items, 'occurrence').length).toBeGreaterThan(30);
    expect(byEntity(items, 'planning-run')).toEqual([expect.objectContaining({ lastRunAt: morning.toString() })]);
    // Fewer than 100 actions: one transaction, and nothing written outside it.
    expect(items.length).toBeLessThan(100);
    expect(requests.writes()).toBe(1);
    expect(requests.byCommand().TransactWriteItemsCommand).toBe(1);
    client.destroy();
  });

  it('run twice at the same moment (a doubled schedule), creates each meeting once and queues each notice once', async () => {
    const table = tableFor('doubled');
    const runs = await Promise.all([plan({ ...table, client: documentClient(stack().dynamoDbEndpoint) }), plan(table)]);
    const items = await countyItems(table);
    const created = runs.flatMap((r) => r.series.flatMap((s) => s.created));
    const queued = runs.flatMap((r) => r.series.flatMap((s) => s.queued));
    const occurrences = byEntity(items, 'occurrence');
    const outbox = byEntity(items, 'outbox');
    expect(occurrences.length).toBeGreaterThan(30);
    // Each meeting reported created by exactly one of the two runs, each notice queued by exactly one.
    expect(created.map((o) => `${o.seriesId}#${o.slotKey}`).sort()).toEqual(
      occurrences.map((o) => `${String(o.seriesId)}#${String(o.slotKey)}`).sort(),
    );
    expect(queued.length).toBe(outbox.length);
    expect(new Set(queued.map((n) => `${n.seriesId}#${n.slotKey}#${noticeId(n)}`)).size).toBe(queued.length);
    // The meeting a run created is the one stored, with its UID: the other run overwrote nothing.
    const stored = new Map(occurrences.map((o) => [`${String(o.seriesId)}#${String(o.slotKey)}`, o.uid]));
    for (const o of created) expect(stored.get(`${o.seriesId}#${o.slotKey}`)).toBe(o.uid);

    // And a third run finds nothing to do.
    const client = documentClient(stack().dynamoDbEndpoint);
    const requests = countRequests(client);
    const again = await plan({ ...table, client }, morning.add({ minutes: 5 }));
    expect(again.series.flatMap((s) => [...s.created, ...s.updated, ...s.queued])).toEqual([]);
    expect(requests.writes()).toBe(0);
    client.destroy();
  });

  it('that dies in its first transaction writes nothing, not even the clock; the next run plans it all', async () => {
    const clean = tableFor('clean');
    await plan(clean);
    const table = tableFor('dies-first');
    const crashing = dying(table, (command) => command === 'TransactWriteItemsCommand');
    await expect(plan(crashing)).rejects.toThrow('the process died here');
    crashing.client.destroy();
    expect(await countyItems(table)).toEqual([]);

    await plan(table, morning.add({ minutes: 5 }));
    const items = await countyItems(table);
    expect(items.map((i) => keyOf(i, table))).toEqual((await countyItems(clean)).map((i) => keyOf(i, clean)));
  });

  it('that dies after its first transaction of several is completed by the next run, each notice queued once', async () => {
    const clean = tableFor('clean-several');
    await plan(clean);
    const table = tableFor('dies-later');
    let transactions = 0;
    const crashing = dying(table, (command) => command === 'TransactWriteItemsCommand' && ++transactions > 1);
    // Ten actions to a transaction, one at a time: the first plan takes several.
    await expect(plan(crashing, morning, { concurrency: 1, maxActions: 10 })).rejects.toThrow('the process died here');
    crashing.client.destroy();
    const halfway = await countyItems(table);
    expect(byEntity(halfway, 'planning-run').length).toBe(1);
    expect(byEntity(halfway, 'occurrence').length).toBeGreaterThan(0);
    expect(byEntity(halfway, 'occurrence').length).toBeLessThan(10);

    const rerun = await plan(table, morning.add({ minutes: 5 }));
    const items = await countyItems(table);
    expect(items.map((i) => keyOf(i, table))).toEqual((await countyItems(clean)).map((i) => keyOf(i, clean)));
    // The notices the dead run had queued were recorded, not queued again; the rest were queued now.
    const queuedBefore = byEntity(halfway, 'outbox').length;
    expect(rerun.series.flatMap((s) => s.queued).length).toBe(byEntity(items, 'outbox').length - queuedBefore);
    // Every meeting records every notice queued for it: a further run has nothing to do.
    const client = documentClient(stack().dynamoDbEndpoint);
    const requests = countRequests(client);
    await plan({ ...table, client }, morning.add({ minutes: 10 }));
    expect(requests.writes()).toBe(0);
    client.destroy();
  });

  it('overtaken by a later run between its reads and its transaction writes nothing (the clock is in the transaction)', async () => {
    const table = tableFor('overtaken');
    const client = documentClient(stack().dynamoDbEndpoint);
    let overtaken = false;
    // Just before this run's transaction, a run at a later moment records itself.
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'TransactWriteItemsCommand' && !overtaken) {
          overtaken = true;
          expect(await advancePlanningRun(table, morning.add({ hours: 1 }))).toBe(true);
        }
        return next(args);
      },
      { step: 'initialize', name: 'laterRunRecordsFirst' },
    );
    await expect(plan({ ...table, client })).rejects.toThrow(/早於上次規劃/);
    client.destroy();
    expect(overtaken).toBe(true);
    const items = await countyItems(table);
    expect(items).toEqual([expect.objectContaining({ entity: 'planning-run', lastRunAt: morning.add({ hours: 1 }).toString() })]);
  });
});
