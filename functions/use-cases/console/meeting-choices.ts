// What the console's meeting action forms offer: the meeting as it stands (for the form's title
// and intro), the venues it can move to, the units that can chair it in another's place, and the
// meetings whose chair it can swap with. Names, never ids, for people; ids only as form values.
// Read only, and no minutes are read (the meeting page's detail audits those reads; a form needs
// none of it).
//
// Primary course:
//   1. Find the series and the stored meeting (by slot or date); refuse an unknown one in zh-TW.
//   2. Read the roster, so units and venues are named as they are now.
//   3. Return the meeting and the choices, in date order where they are meetings.
import type { CountyConfig } from '../../core/series/county-config.ts';
import type { Occurrence } from '../../core/planning/occurrence.ts';
import { Temporal, todayInTaipei } from '../../core/calendar/local-date.ts';
import { countyView } from '../../core/series/county-view.ts';
import type { MeetingTable } from '../../adapters/dynamodb/meeting-table.ts';
import { listOccurrences } from '../../adapters/dynamodb/occurrence-store.ts';
import { listRosterChanges } from '../../adapters/dynamodb/roster-store.ts';
import { findMeeting } from '../secretariat/change-occurrence.ts';
import { findSeries } from '../secretariat/request-checks.ts';

export type Choice = { value: string; label: string };

export type MeetingChoices = {
  seriesId: string;
  seriesName: string;
  slotKey: string;
  date: string;
  start: string;
  status: Occurrence['status'];
  adHoc: boolean;
  venueId: string;
  venueName: string;
  chairUnitId: string;
  chairUnitName: string;
  venues: Choice[];
  /** Invited units other than the chair: who may chair in its place (代理主持). */
  actingChairs: Choice[];
  /** Upcoming meetings of a rotating series, neither cancelled nor ad hoc, other than this one. */
  swapWith: Array<Choice & { date: string }>;
};

export async function meetingChoices(
  context: { table: MeetingTable; config: CountyConfig; now: () => Date },
  seriesId: string,
  slotKey: string,
): Promise<MeetingChoices> {
  const series = findSeries(context.config, seriesId);
  const [stored, roster] = await Promise.all([listOccurrences(context.table, series.id), listRosterChanges(context.table)]);
  const occurrence = findMeeting(series, stored, slotKey);
  const view = countyView(context.config, roster);
  const today = todayInTaipei(Temporal.Instant.fromEpochMilliseconds(context.now().getTime())).toString();
  const venueName = (id: string) => view.venue(id)?.name.zh ?? '（已移除的場地）';
  return {
    seriesId: series.id,
    seriesName: series.name.zh,
    slotKey: occurrence.slotKey,
    date: occurrence.date,
    start: occurrence.start,
    status: occurrence.status,
    adHoc: occurrence.adHoc,
    venueId: occurrence.venueId,
    venueName: venueName(occurrence.venueId),
    chairUnitId: occurrence.chairUnitId,
    chairUnitName: view.unitName(occurrence.chairUnitId),
    venues: context.config.venues.map((v) => ({ value: v.id, label: venueName(v.id) })),
    actingChairs: series.invitedUnitIds
      .filter((id) => id !== occurrence.chairUnitId)
      .map((id) => ({ value: id, label: view.unitName(id) })),
    swapWith:
      series.chair.kind === 'rotating'
        ? stored
            .filter((o) => o.slotKey !== occurrence.slotKey && o.status === 'scheduled' && !o.adHoc && o.date >= today)
            .sort((a, b) => a.date.localeCompare(b.date))
            .map((o) => ({ value: o.slotKey, date: o.date, label: view.unitName(o.chairUnitId) }))
        : [],
  };
}
