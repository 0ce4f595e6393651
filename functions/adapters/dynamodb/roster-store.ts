// Roster changes, one item per (unit, contact), all under one partition: one query per run.
// A removal is kept (removed: true), never deleted, so the person can still be sent a cancellation.
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { RosterChange } from '../../core/series/roster.ts';
import type { MeetingTable } from './meeting-table.ts';
import { queryAll } from './occurrence-store.ts';

const ROSTER = 'ROSTER';

export async function listRosterChanges(table: MeetingTable): Promise<RosterChange[]> {
  const items = await queryAll(table, ROSTER, 'UNIT#');
  return items.map(({ pk: _pk, sk: _sk, entity: _entity, ...rest }) => rest as RosterChange);
}

export async function saveRosterChange(table: MeetingTable, change: RosterChange): Promise<void> {
  await table.client.send(
    new PutCommand({
      TableName: table.tableName,
      Item: { pk: ROSTER, sk: `UNIT#${change.unitId}#CONTACT#${change.contact.id}`, entity: 'roster-change', ...change },
    }),
  );
}
