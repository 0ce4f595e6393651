// A series' partition in one query: the planner reads its occurrences, the overrides laid over
// them and the minutes heads (for the daily minutes follow-up) together, split by sort-key prefix,
// instead of a query per kind. The key range runs from MINUTES# to OVR#, so answers (RSVP#),
// action items (ACTION#) and follow-up forms (FOLLOWUP#) are never read; minutes versions
// (MINVER#), which sit inside that range, are filtered out before they cross the network.
import type { Occurrence } from '../../core/planning/occurrence.ts';
import type { OccurrenceOverride } from '../../core/planning/override.ts';
import type { MinutesHead } from '../../core/minutes/minutes-record.ts';
import { keys, withoutKeys } from './keys.ts';
import { queryEverything, type MeetingTable } from './meeting-table.ts';
import { occurrenceFromItem } from './occurrence-store.ts';
import { overrideFromItem } from './override-store.ts';

export type SeriesPartition = {
  seriesId: string;
  occurrences: Occurrence[];
  overrides: OccurrenceOverride[];
  minutesHeads: MinutesHead[];
};

/** '$' is the character after '#': every sort key that starts with OVR# sorts below OVR$. */
const afterOverrides = 'OVR$';

export async function readSeriesPartition(table: MeetingTable, seriesId: string): Promise<SeriesPartition> {
  const items = await queryEverything(table, {
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
    // A filter cannot name a key attribute; every item carries its entity.
    FilterExpression: '#entity <> :version',
    ExpressionAttributeNames: { '#entity': 'entity' },
    ExpressionAttributeValues: {
      ':pk': keys.series(table.county, seriesId),
      ':from': keys.minutesHeadPrefix,
      ':to': afterOverrides,
      ':version': 'minutes-version',
    },
    ConsistentRead: true,
  });
  const partition: SeriesPartition = { seriesId, occurrences: [], overrides: [], minutesHeads: [] };
  for (const item of items) {
    const sk = String(item.sk);
    if (sk.startsWith(keys.occurrencePrefix)) partition.occurrences.push(occurrenceFromItem(item));
    else if (sk.startsWith(keys.overridePrefix)) partition.overrides.push(overrideFromItem(item).override);
    else if (sk.startsWith(keys.minutesHeadPrefix)) partition.minutesHeads.push(withoutKeys(item) as MinutesHead);
  }
  return partition;
}
