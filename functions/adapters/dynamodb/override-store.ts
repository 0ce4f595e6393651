// Overrides sit beside their occurrence in the series partition (sk OVR#slot): one query reads a
// series' occurrences and overrides together.
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { OccurrenceOverride } from '../../core/planning/override.ts';
import { keys, withoutKeys } from './keys.ts';
import { queryPartition, type MeetingTable } from './meeting-table.ts';

export async function listOverrides(table: MeetingTable, seriesId: string): Promise<OccurrenceOverride[]> {
  const items = await queryPartition(table, keys.series(table.county, seriesId), keys.overridePrefix);
  return items.map((item) => withoutKeys(item) as OccurrenceOverride);
}

export async function saveOverride(table: MeetingTable, override: OccurrenceOverride): Promise<void> {
  await table.client.send(
    new PutCommand({
      TableName: table.tableName,
      Item: {
        pk: keys.series(table.county, override.seriesId),
        sk: keys.override(override.slotKey),
        entity: 'override',
        ...override,
      },
    }),
  );
}
