// Overrides sit beside their occurrence in the series partition (sk OVR#slot): one query reads a
// series' occurrences and overrides together.
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { OccurrenceOverride } from '../../core/planning/override.ts';
import type { MeetingTable } from './meeting-table.ts';
import { queryAll, seriesKey } from './occurrence-store.ts';

export async function listOverrides(table: MeetingTable, seriesId: string): Promise<OccurrenceOverride[]> {
  const items = await queryAll(table, seriesKey(seriesId), 'OVR#');
  return items.map(({ pk: _pk, sk: _sk, entity: _entity, ...rest }) => rest as OccurrenceOverride);
}

export async function saveOverride(table: MeetingTable, override: OccurrenceOverride): Promise<void> {
  await table.client.send(
    new PutCommand({
      TableName: table.tableName,
      Item: { pk: seriesKey(override.seriesId), sk: `OVR#${override.slotKey}`, entity: 'override', ...override },
    }),
  );
}
