// An override written straight to the table, as the secretariat's write leaves it, with nothing
// after it: the tests that need the planner's or the notices' next run to find a change on its own
// (a re-planning that died after the write, a cancellation the planner has not seen yet).
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { MeetingTable } from '../../functions/adapters/dynamodb/meeting-table.ts';
import { keys } from '../../functions/adapters/dynamodb/keys.ts';
import type { OccurrenceOverride } from '../../functions/core/planning/override.ts';

/** Puts the override over whatever the slot had, unconditionally (no version, as before versions existed). */
export async function putOverride(table: MeetingTable, override: OccurrenceOverride): Promise<void> {
  await table.client.send(
    new PutCommand({
      TableName: table.tableName,
      Item: { pk: keys.series(table.county, override.seriesId), sk: keys.override(override.slotKey), entity: 'override', ...override },
    }),
  );
}
