import type { CountyConfig, SeriesDefinition } from '../../core/series/county-config.ts';
import type { Occurrence } from '../../core/planning/occurrence.ts';
import type { MinutesActor } from '../../core/minutes/minutes-record.ts';
import type { CountyView } from '../../core/series/county-view.ts';
import type { MeetingTable } from '../../adapters/dynamodb/meeting-table.ts';
import { loadCountyView } from '../load-county-view.ts';

export type MinutesContext = { table: MeetingTable; config: CountyConfig; now: () => Date };

/** Someone who has been let in to one meeting's minutes, and as whom. */
export type OccurrenceAccess = { actor: MinutesActor; series: SeriesDefinition; occurrence: Occurrence };

/**
 * The county as it is now (the roster changes applied): someone the secretariat removed from a unit
 * loses access with the next request and is sent no distribution, and someone added is sent the
 * next read link.
 */
export async function countyNow(context: MinutesContext): Promise<CountyView> {
  return loadCountyView(context.table, context.config);
}
