// A unit always keeps at least one contact, even when two officers remove its last two at the
// same moment, against DynamoDB Local: the removal is one transaction with the check that another
// contact is still in the unit, not a decision on a roster read a moment earlier.
//
// Where the race has to happen in a given order, the test holds one officer's write until the
// other officer's removal is stored; everything else is the real engine deciding.
import { PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { useEmbeddedStack } from '../support/embedded-stack.ts';
import { config, officeCalendar, taipeiMorning } from '../support/planning-fixtures.ts';
import { changeRoster } from '../../functions/use-cases/secretariat/change-roster.ts';
import { listRosterChanges } from '../../functions/adapters/dynamodb/roster-store.ts';
import { documentClient, type MeetingTable } from '../../functions/adapters/dynamodb/meeting-table.ts';
import { keys } from '../../functions/adapters/dynamodb/keys.ts';
import { withRoster } from '../../functions/core/series/roster.ts';

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

/** Holds the first write that puts `sk` (alone or in a transaction) until `competitor` has finished. */
function holdBefore(table: MeetingTable, sk: string, competitor: () => Promise<unknown>): MeetingTable {
  let fired = false;
  const writes = (command: Command): string[] =>
    command instanceof PutCommand
      ? [String(command.input.Item?.sk)]
      : command instanceof TransactWriteCommand
        ? (command.input.TransactItems ?? []).map((item) => String(item.Put?.Item?.sk))
        : [];
  const client = new Proxy(table.client, {
    get(target, property) {
      if (property === 'send')
        return async (command: Command, ...rest: unknown[]) => {
          if (!fired && writes(command).includes(sk)) {
            fired = true;
            await competitor();
          }
          return (target.send as (...args: unknown[]) => Promise<unknown>)(command, ...rest);
        };
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { ...table, client };
}

describe('the last contact of a unit', () => {
  const unitId = 'social-child-protection';
  const contactsLeft = async () =>
    withRoster(config, await listRosterChanges(stack().table))
      .units.find((u) => u.id === unitId)!
      .contacts.map((c) => c.id);
  const remove = (table: MeetingTable, contactId: string, actor: { id: string }) =>
    changeRoster(table, config, officeCalendar, { kind: 'remove', unitId, contactId, reason: '人事異動' }, actor, now);
  const restore = () =>
    changeRoster(
      stack().table,
      config,
      officeCalendar,
      {
        kind: 'add',
        unitId,
        contact: { id: 'social-cp-officer', name: '兒少保護科 承辦人', email: 'child-protection.officer@example.org' },
        reason: '承辦人回任',
      },
      alice,
      now,
    );

  it('stays when two officers remove the unit’s last two contacts at the same moment', async () => {
    expect(await contactsLeft()).toEqual(['social-cp-chief', 'social-cp-officer']);
    const outcomes = await Promise.allSettled([
      remove(officerTable(), 'social-cp-chief', alice),
      remove(officerTable(), 'social-cp-officer', bob),
    ]);
    // At most one goes through (in practice exactly one: a refused removal re-reads and finds
    // the unit down to its last contact); the other is refused, never both written.
    const done = outcomes.filter((o) => o.status === 'fulfilled');
    expect(done.length).toBeLessThanOrEqual(1);
    for (const outcome of outcomes)
      if (outcome.status === 'rejected')
        expect(outcome.reason).toMatchObject({
          code: expect.stringMatching(/^(last-contact|conflict)$/) as unknown,
          field: 'contactId',
          status: 409,
        });
    expect(await contactsLeft()).toHaveLength(2 - done.length);
  });

  it('is refused to the officer whose removal was decided while the other contact was being removed', async () => {
    const { table } = stack();
    // Back to two contacts: the chief was removed above, or the officer.
    if ((await contactsLeft()).includes('social-cp-chief')) await restore();
    else
      await changeRoster(
        table,
        config,
        officeCalendar,
        {
          kind: 'add',
          unitId,
          contact: { id: 'social-cp-chief', name: '兒少保護科 科長', email: 'child-protection.chief@example.org' },
          reason: '科長回任',
        },
        alice,
        now,
      );
    expect((await contactsLeft()).sort()).toEqual(['social-cp-chief', 'social-cp-officer']);

    const competitor = () => remove(officerTable(), 'social-cp-officer', bob);
    const held = holdBefore(table, keys.rosterChange(unitId, 'social-cp-chief'), competitor);
    await expect(remove(held, 'social-cp-chief', alice)).rejects.toMatchObject({
      code: 'last-contact',
      field: 'contactId',
      message: expect.stringContaining('唯一的聯絡人') as unknown,
    });
    expect(await contactsLeft()).toEqual(['social-cp-chief']);
  });
});
