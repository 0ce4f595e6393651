// How the planner's unit writer (adapters/dynamodb/planning-writes) talks to the engine, against
// DynamoDB Local: units packed into transactions of at most the given size, the run's record alone
// in the first and nothing else sent before it is answered, one transaction in flight unless told
// otherwise, a planner that goes on packing while the engine works, and a run that stops sending at
// the first transaction that fails.
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { useEmbeddedStack } from '../support/embedded-stack.ts';
import { documentClient, type MeetingTable } from '../../functions/adapters/dynamodb/meeting-table.ts';
import { unitWriter, type WriteUnit } from '../../functions/adapters/dynamodb/planning-writes.ts';
import type { TransactAction } from '../../functions/adapters/dynamodb/occurrence-store.ts';

const stack = useEmbeddedStack();

type Sent = { actions: number; hasRunRecord: boolean };

/**
 * A client of its own that sees every TransactWriteItems before it goes out: how many are in
 * flight at once, what each carried, and a hold on the first until the test lets it go.
 */
function watchedTable(name: string, options: { failAt?: number } = {}) {
  const { table } = stack();
  const county = `${table.county}-${name}`;
  const client = documentClient(stack().dynamoDbEndpoint);
  const sent: Sent[] = [];
  let inFlight = 0;
  let mostInFlight = 0;
  let release!: () => void;
  const firstHeld = new Promise<void>((resolve) => (release = resolve));
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== 'TransactWriteItemsCommand') return next(args);
      const items = (args.input as { TransactItems: TransactAction[] }).TransactItems;
      sent.push({ actions: items.length, hasRunRecord: items.some((i) => i.Put?.Item?.entity === 'test-run') });
      const number = sent.length;
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      try {
        if (number === 1) await firstHeld;
        if (number === options.failAt) throw new Error('the process died here');
        return await next(args);
      } finally {
        inFlight -= 1;
      }
    },
    { step: 'initialize', name: 'watchTransactions' },
  );
  const watched: MeetingTable = { ...table, client, county };
  return { table: watched, sent, mostInFlight: () => mostInFlight, release };
}

const put = (table: MeetingTable, key: string, entity: string): TransactAction => ({
  Put: {
    TableName: table.tableName,
    Item: { pk: `C#${table.county}#TEST#${key}`, sk: key, entity },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

/** Units of one anchor and two notices each: three actions. */
function units(table: MeetingTable, count: number): WriteUnit<string, string>[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `u${i}`,
    anchor: put(table, `u${i}`, 'test-anchor'),
    notices: ['a', 'b'].map((n) => ({ action: put(table, `u${i}-${n}`, 'test-notice'), notice: `u${i}-${n}` })),
  }));
}

const runRecord = (table: MeetingTable) => ({
  action: put(table, 'run', 'test-run'),
  refused: (): Promise<never> => Promise.reject(new Error('refused by the clock')),
});

async function stored(table: MeetingTable): Promise<number> {
  const page = await table.client.send(
    new ScanCommand({
      TableName: table.tableName,
      FilterExpression: 'begins_with(pk, :county)',
      ExpressionAttributeValues: { ':county': `C#${table.county}#` },
      ConsistentRead: true,
    }),
  );
  return page.Count ?? 0;
}

describe('the planning unit writer', () => {
  it.each([
    { concurrency: undefined, expected: 1, told: 'by default' },
    { concurrency: 2, expected: 2, told: 'when told 2' },
  ])(
    'packs 30 units into transactions of ≤ 10 actions, the run record alone first, at most $expected in flight $told',
    async ({ concurrency, expected }) => {
      const { table, sent, mostInFlight, release } = watchedTable(`packs-${expected}`);
      const writer = unitWriter<string, string>(table, {
        maxActions: 10,
        firstAction: runRecord(table),
        ...(concurrency ? { concurrency } : {}),
      });
      // The first transaction is held by the engine: the planner still packs every unit.
      for (const unit of units(table, 30)) await writer.add(unit);
      expect(sent).toEqual([{ actions: 10, hasRunRecord: true }]);
      release();
      const outcomes = await writer.finish();

      expect(outcomes).toHaveLength(30);
      expect(outcomes.every((o) => o.written && o.queued.length === 2)).toBe(true);
      expect(await stored(table)).toBe(30 * 3 + 1);
      // 91 actions, whole units only: three units (9 actions) a transaction, the first with the record.
      expect(sent.map((s) => s.actions)).toEqual([10, ...Array<number>(9).fill(9)]);
      expect(sent.filter((s) => s.hasRunRecord)).toHaveLength(1);
      expect(mostInFlight()).toBe(expected);
      table.client.destroy();
    },
  );

  it('stops at the first transaction that fails: nothing after it is sent, and the run throws', async () => {
    const { table, sent, release } = watchedTable('fails', { failAt: 2 });
    release();
    const writer = unitWriter<string, string>(table, { maxActions: 10, firstAction: runRecord(table) });
    for (const unit of units(table, 30)) await writer.add(unit);
    await expect(writer.finish()).rejects.toThrow('the process died here');
    // The first went through; the second failed; none of the eight after it was sent.
    expect(sent).toHaveLength(2);
    expect(await stored(table)).toBe(10);
    // A planner still adding units hears of the failure at once.
    await expect(writer.add(units(table, 31)[30]!)).rejects.toThrow('the process died here');
    table.client.destroy();
  });
});
