import type { CountyConfig, SeriesDefinition } from '../../core/series/county-config.ts';
import type { Occurrence } from '../../core/planning/occurrence.ts';
import type { MinutesActor } from '../../core/minutes/minutes-record.ts';
import { withRoster } from '../../core/series/roster.ts';
import type { MeetingTable } from '../../adapters/dynamodb/meeting-table.ts';
import { listRosterChanges } from '../../adapters/dynamodb/roster-store.ts';

export type MinutesContext = { table: MeetingTable; config: CountyConfig; now: () => Date };

/** Someone who has been let in to one meeting's minutes, and as whom. */
export type OccurrenceAccess = { actor: MinutesActor; series: SeriesDefinition; occurrence: Occurrence };

/**
 * The configuration with the units' contacts as they stand now: someone the secretariat removed
 * from a unit loses access with the next request, and someone added is sent the next read link.
 */
export async function currentRoster(context: MinutesContext): Promise<CountyConfig> {
  return withRoster(context.config, await listRosterChanges(context.table));
}
