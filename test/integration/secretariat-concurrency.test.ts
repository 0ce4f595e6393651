// Two officers at once, against DynamoDB Local. A move and a venue change of the same meeting both
// stand, or one is refused with a conflict, never silently lost; and a chair swap writes both
// meetings or neither. (Two removals of a unit's contacts at once: secretariat-last-contact.)
//
// Where a race has to happen in a given order, the test holds one officer's write until the other
// officer's whole change is stored (`holdBefore`); everything else is the real engine deciding.
import { PutCommand, ScanCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { useEmbeddedStack } from '../support/embedded-stack.ts';
import { caseConference, config, officeCalendar, taipeiMorning } from '../support/planning-fixtures.ts';
import { changeOccurrence, type OccurrenceChange } from '../../functions/use-cases/secretariat/change-occurrence.ts';
import { planSeriesOccurrences } from '../../functions/use-cases/plan-series-occurrences.ts';
import { getOccurrence, listOccurrences } from '../../functions/adapters/dynamodb/occurrence-store.ts';
import { readOverrides, saveOverrides } from '../../functions/adapters/dynamodb/override-store.ts';
import { documentClient, type MeetingTable } from '../../functions/adapters/dynamodb/meeting-table.ts';
import { keys } from '../../functions/adapters/dynamodb/keys.ts';

const stack = useEmbeddedStack();
const now = taipeiMorning('2026-03-02');
const alice = { id: 'officer-alice' };
const bob = { id: 'officer-bob' };

/** Each officer has a client of their own, as two browsers or two Lambda containers would. */
const clients: Array<ReturnType<typeof documentClient>> = [];
afterAll(() => clients.forEach((c) => c.destroy()));
function officerTable(): MeetingTable {
  const { table, dynamoDbEndpoint } = stack();
  const client = documentClient(dynamoDbEndpoint);
  clients.push(client);
  return { ...table, client };
}

type Command = { input: Record<string, unknown> };

/** The table as one officer sees it, with `intercept` called on every request before it is sent. */
function intercepted(table: MeetingTable, intercept: (command: Command) => Promise<void> | void): MeetingTable {
  const client = new Proxy(table.client, {
    get(target, property) {
      if (property === 'send')
        return async (command: Command, ...rest: unknown[]) => {
          await intercept(command);
          return (target.send as (...args: unknown[]) => Promise<unknown>)(command, ...rest);
        };
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { ...table, client };
}

/** Sort keys a write request would put (a Put, or a transaction's Puts and checks). */
function writtenKeys(command: Command): string[] {
  if (command instanceof PutCommand) return [String(command.input.Item?.sk)];
  if (command instanceof TransactWriteCommand)
    return (command.input.TransactItems ?? []).map((item) => String(item.Put?.Item?.sk ?? item.ConditionCheck?.Key?.sk));
  return [];
}

/** Holds the first write that puts `sk` until `competitor` has finished. */
function holdBefore(table: MeetingTable, sk: string, competitor: () => Promise<unknown>): MeetingTable {
  let fired = false;
  return intercepted(table, async (command) => {
    if (fired || !writtenKeys(command).includes(sk)) return;
    fired = true;
    await competitor();
  });
}

async function seriesPartition(): Promise<unknown[]> {
  const { table } = stack();
  const { Items } = await table.client.send(
    new ScanCommand({
      TableName: table.tableName,
      ConsistentRead: true,
      FilterExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.series(table.county, caseConference.id) },
    }),
  );
  return (Items ?? []).sort((a, b) => String(a.sk).localeCompare(String(b.sk)));
}

const move = (slot: string, to: string, actor = alice): OccurrenceChange => ({
  kind: 'move',
  seriesId: caseConference.id,
  occurrence: slot,
  date: to,
  reason: '會議室衝突',
  actor,
  now,
});
const venue = (slot: string, venueId: string, actor = bob): OccurrenceChange => ({
  kind: 'venue',
  seriesId: caseConference.id,
  occurrence: slot,
  venueId,
  reason: '場地整修',
  actor,
  now,
});

describe('two officers changing one meeting at the same moment', () => {
  it('keeps both a move and a venue change, or refuses one with a conflict; never loses one silently', async () => {
    await planSeriesOccurrences(stack().table, config, caseConference, officeCalendar, now);
    const cases = [
      { slot: '2026-04', to: '2026-04-23', venueId: 'budai-center' },
      { slot: '2026-05', to: '2026-05-28', venueId: 'puzi-center' },
      { slot: '2026-06', to: '2026-06-25', venueId: 'zhuqi-center' },
    ];
    for (const { slot, to, venueId } of cases) {
      const [moved, changedVenue] = await Promise.allSettled([
        changeOccurrence(officerTable(), config, officeCalendar, move(slot, to)),
        changeOccurrence(officerTable(), config, officeCalendar, venue(slot, venueId)),
      ]);
      for (const outcome of [moved, changedVenue])
        if (outcome.status === 'rejected')
          expect(outcome.reason).toMatchObject({ code: 'conflict', status: 409, message: '此場次剛被他人修改，請重新整理後再試' });
      expect([moved, changedVenue].some((o) => o.status === 'fulfilled')).toBe(true);

      const stored = (await getOccurrence(stack().table, caseConference.id, slot))!;
      const override = (await readOverrides(stack().table, caseConference.id)).find((o) => o.override.slotKey === slot)!.override;
      if (moved.status === 'fulfilled') {
        expect(stored.date).toBe(to);
        expect(override.date).toBe(to);
      }
      if (changedVenue.status === 'fulfilled') {
        expect(stored.venueId).toBe(venueId);
        expect(override.venueId).toBe(venueId);
      }
    }
  });

  it('applies a venue change made while a move was being decided, and keeps both reasons', async () => {
    const { table } = stack();
    const competitor = () => changeOccurrence(officerTable(), config, officeCalendar, venue('2026-07', 'shuishang-center'));
    const result = await changeOccurrence(
      holdBefore(table, keys.override('2026-07'), competitor),
      config,
      officeCalendar,
      move('2026-07', '2026-07-23'),
    );
    const stored = (await getOccurrence(table, caseConference.id, '2026-07'))!;
    expect(stored).toMatchObject({ date: '2026-07-23', venueId: 'shuishang-center', placementNote: '場地整修；會議室衝突' });
    expect(result.overrides).toEqual([expect.objectContaining({ date: '2026-07-23', venueId: 'shuishang-center' })]);
  });

  it('refuses a move when another officer moved the same meeting first, and keeps theirs', async () => {
    const { table } = stack();
    const competitor = () => changeOccurrence(officerTable(), config, officeCalendar, move('2026-08', '2026-08-27', bob));
    const before = await getOccurrence(table, caseConference.id, '2026-08');
    await expect(
      changeOccurrence(holdBefore(table, keys.override('2026-08'), competitor), config, officeCalendar, move('2026-08', '2026-08-25')),
    ).rejects.toMatchObject({ code: 'conflict', field: 'occurrence', status: 409 });
    expect(await getOccurrence(table, caseConference.id, '2026-08')).toMatchObject({ date: '2026-08-27', sequence: before!.sequence + 1 });
    const override = (await readOverrides(table, caseConference.id)).find((o) => o.override.slotKey === '2026-08')!;
    expect(override).toMatchObject({ version: 1, override: { date: '2026-08-27', updatedBy: bob.id } });
  });

  it('says "already cancelled" to the second of two officers cancelling one meeting', async () => {
    const { table } = stack();
    const cancel = (actor: { id: string }): OccurrenceChange => ({
      kind: 'cancel',
      seriesId: caseConference.id,
      occurrence: '2026-09',
      reason: '颱風停止上班',
      actor,
      now,
    });
    const competitor = () => changeOccurrence(officerTable(), config, officeCalendar, cancel(bob));
    await expect(
      changeOccurrence(holdBefore(table, keys.override('2026-09'), competitor), config, officeCalendar, cancel(alice)),
    ).rejects.toMatchObject({ code: 'already-cancelled', status: 409 });
  });

  it('refuses an override written at a version that is no longer stored', async () => {
    const { table } = stack();
    const [current] = (await readOverrides(table, caseConference.id)).filter((o) => o.override.slotKey === '2026-04');
    const stale = { override: { ...current!.override, venueId: 'online' }, expectedVersion: current!.version - 1 };
    expect(await saveOverrides(table, [stale])).toBe(false);
    const fresh = { override: { ...current!.override, slotKey: '2026-04' }, expectedVersion: undefined };
    expect(await saveOverrides(table, [fresh])).toBe(false);
    expect((await readOverrides(table, caseConference.id)).find((o) => o.override.slotKey === '2026-04')).toEqual(current);
  });
});

describe('a chair swap', () => {
  it('writes both meetings or neither: when the second write is impossible, the first is not made either', async () => {
    const { table } = stack();
    // DynamoDB itself refuses the write of the second meeting's override: a condition on an
    // attribute no item has. Every attempt at it fails, however often the swap is retried.
    const impossibleSecond = intercepted(table, (command) => {
      const targets =
        command instanceof TransactWriteCommand
          ? (command.input.TransactItems ?? []).map((item) => item.Put).filter((put) => put !== undefined)
          : command instanceof PutCommand
            ? [command.input]
            : [];
      for (const put of targets) {
        if (put.Item?.sk !== keys.override('2026-11')) continue;
        put.ConditionExpression = put.ConditionExpression
          ? `(${put.ConditionExpression}) AND attribute_exists(#never)`
          : 'attribute_exists(#never)';
        put.ExpressionAttributeNames = { ...put.ExpressionAttributeNames, '#never': 'never-set' };
      }
    });
    const before = await seriesPartition();
    await expect(
      changeOccurrence(impossibleSecond, config, officeCalendar, {
        kind: 'swap-chairs',
        seriesId: caseConference.id,
        occurrence: '2026-10',
        other: '2026-11',
        reason: '科長出差',
        actor: alice,
        now,
      }),
    ).rejects.toMatchObject({ code: 'conflict' });
    expect(await seriesPartition()).toEqual(before);
  });

  it('writes both overrides in one request, and swapping back leaves the rotation as it was', async () => {
    const { table } = stack();
    const sent: string[][] = [];
    // The overrides each request writes (the audit record of the swap goes in the same request).
    const watched = intercepted(table, (command) => {
      const overrides = writtenKeys(command).filter((sk) => sk.startsWith(keys.overridePrefix));
      if (overrides.length > 0) sent.push(overrides);
    });
    const before = await listOccurrences(table, caseConference.id);
    const swap = (a: string, b: string): OccurrenceChange => ({
      kind: 'swap-chairs',
      seriesId: caseConference.id,
      occurrence: a,
      other: b,
      reason: '科長出差',
      actor: alice,
      now,
    });
    await changeOccurrence(watched, config, officeCalendar, swap('2026-10', '2026-11'));
    expect(sent).toEqual([[keys.override('2026-10'), keys.override('2026-11')]]);
    const chair = async (slot: string) => (await getOccurrence(table, caseConference.id, slot))!.chairUnitId;
    const chairBefore = (slot: string) => before.find((o) => o.slotKey === slot)!.chairUnitId;
    expect([await chair('2026-10'), await chair('2026-11')]).toEqual([chairBefore('2026-11'), chairBefore('2026-10')]);

    // The core's swapChairs drops an override that equals the rotation's own choice.
    await changeOccurrence(table, config, officeCalendar, swap('2026-11', '2026-10'));
    expect([await chair('2026-10'), await chair('2026-11')]).toEqual([chairBefore('2026-10'), chairBefore('2026-11')]);
    const overrides = (await readOverrides(table, caseConference.id)).filter((o) => ['2026-10', '2026-11'].includes(o.override.slotKey));
    expect(overrides.map((o) => o.override.chairUnitId)).toEqual([undefined, undefined]);
  });
});
