// Roster changes, one item per (unit, contact), all under the county's roster partition: one query
// per run. A removal is kept (removed: true), never deleted, so the person can still be sent a
// cancellation.
import { PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { RosterChange } from '../../core/series/roster.ts';
import { keys, withoutKeys } from './keys.ts';
import { queryPartition, writeIf, type MeetingTable } from './meeting-table.ts';
import type { TransactAction } from './occurrence-store.ts';

export async function listRosterChanges(table: MeetingTable): Promise<RosterChange[]> {
  const items = await queryPartition(table, keys.roster(table.county), keys.rosterPrefix);
  return items.map((item) => withoutKeys(item) as RosterChange);
}

/** A contact added (or edited); `also` (the audit record) goes in the same transaction. */
export async function saveRosterChange(table: MeetingTable, change: RosterChange, also: readonly TransactAction[] = []): Promise<void> {
  const put = { TableName: table.tableName, Item: rosterItem(table, change) };
  if (also.length === 0) await table.client.send(new PutCommand(put));
  else await table.client.send(new TransactWriteCommand({ TransactItems: [{ Put: put }, ...also] }));
}

/**
 * A removed contact back in its unit, only if still removed (two officers re-adding at once write
 * it once). Returns false when it is not: nothing was written.
 */
export async function saveReaddition(table: MeetingTable, change: RosterChange, also: readonly TransactAction[] = []): Promise<boolean> {
  return writeIf(() =>
    table.client.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: table.tableName,
              Item: rosterItem(table, { ...change, removed: false }),
              ConditionExpression: 'removed = :yes',
              ExpressionAttributeValues: { ':yes': true },
            },
          },
          ...also,
        ],
      }),
    ),
  );
}

/**
 * A contact is in its unit while it has no roster item (it comes from the configuration) or its
 * item is not a removal.
 */
const inUnit = {
  ConditionExpression: 'attribute_not_exists(pk) OR removed = :no',
  ExpressionAttributeValues: { ':no': false },
};

/**
 * Stores a removal in one transaction with the check that `keep`, another contact of the same
 * unit, is still in it, and that the leaver still is. So a unit is never left without a contact,
 * even when two officers remove its last two at the same moment: the second transaction's check
 * fails. Returns false when either condition refused it: nothing was written.
 */
export async function saveRemovalKeeping(
  table: MeetingTable,
  removal: RosterChange,
  keep: { contactId: string },
  also: readonly TransactAction[] = [],
): Promise<boolean> {
  return writeIf(() =>
    table.client.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: table.tableName, Item: rosterItem(table, { ...removal, removed: true }), ...inUnit } },
          {
            ConditionCheck: {
              TableName: table.tableName,
              Key: { pk: keys.roster(table.county), sk: keys.rosterChange(removal.unitId, keep.contactId) },
              ...inUnit,
            },
          },
          ...also,
        ],
      }),
    ),
  );
}

function rosterItem(table: MeetingTable, change: RosterChange) {
  return {
    pk: keys.roster(table.county),
    sk: keys.rosterChange(change.unitId, change.contact.id),
    entity: 'roster-change',
    ...change,
  };
}
