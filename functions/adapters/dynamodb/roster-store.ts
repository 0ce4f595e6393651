// Roster changes, one item per (unit, contact), all under the county's roster partition: one query
// per run. A removal is kept (removed: true), never deleted, so the person can still be sent a
// cancellation.
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { RosterChange } from '../../core/series/roster.ts';
import { keys, withoutKeys } from './keys.ts';
import { queryPartition, type MeetingTable } from './meeting-table.ts';

export async function listRosterChanges(table: MeetingTable): Promise<RosterChange[]> {
  const items = await queryPartition(table, keys.roster(table.county), keys.rosterPrefix);
  return items.map((item) => withoutKeys(item) as RosterChange);
}

export async function saveRosterChange(table: MeetingTable, change: RosterChange): Promise<void> {
  await table.client.send(
    new PutCommand({
      TableName: table.tableName,
      Item: { pk: keys.roster(table.county), sk: keys.rosterChange(change.unitId, change.contact.id), entity: 'roster-change', ...change },
    }),
  );
}
