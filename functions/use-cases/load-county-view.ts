// The county as it is now, read once per request or run: the deployed configuration and the roster
// changes stored in the county's ROSTER partition (one query).
import type { CountyConfig } from '../core/series/county-config.ts';
import { countyView, type CountyView } from '../core/series/county-view.ts';
import type { MeetingTable } from '../adapters/dynamodb/meeting-table.ts';
import { listRosterChanges } from '../adapters/dynamodb/roster-store.ts';

export async function loadCountyView(table: MeetingTable, deployed: CountyConfig): Promise<CountyView> {
  return countyView(deployed, await listRosterChanges(table));
}
