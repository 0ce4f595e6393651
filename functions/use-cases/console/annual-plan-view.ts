// 年度計畫 in the console: every series' meetings of one year in one list, as the planner sees
// them today: held and stored meetings as they are, the rest as the planner would place them
// (the same annualPlan the documents use), cancelled ones kept and marked.
//
// Primary course:
//   1. Read the county as it is now and its office calendar.
//   2. For each series, read its stored meetings and overrides and plan the year with the core.
//   3. Return the meetings in date order, with names resolved.
import { annualPlan } from '../../core/annual-plan/annual-plan.ts';
import { Temporal } from '../../core/calendar/local-date.ts';
import type { CountyConfig } from '../../core/series/county-config.ts';
import type { MeetingTable } from '../../adapters/dynamodb/meeting-table.ts';
import { loadOfficeCalendar } from '../../adapters/dynamodb/calendar-store.ts';
import { listOccurrences } from '../../adapters/dynamodb/occurrence-store.ts';
import { listOverrides } from '../../adapters/dynamodb/override-store.ts';
import { loadCountyView } from '../load-county-view.ts';

export type PlanViewContext = { table: MeetingTable; config: CountyConfig; now: () => Date };

export type PlanViewMeeting = {
  seriesId: string;
  seriesName: string;
  slotKey: string;
  date: string;
  start: string;
  chairUnitName: string;
  venueName: string;
  cancelled: boolean;
  provisional: boolean;
  adHoc: boolean;
  needsDecision: boolean;
  /** Not stored yet: the planner will create it when it comes within its horizon. */
  planned: boolean;
  /** Why the date is not the cadence's nominal one (zh-TW), if it is not. */
  placementNote?: string;
};

export type PlanView = { year: number; meetings: PlanViewMeeting[] };

export async function annualPlanView(context: PlanViewContext, year: number): Promise<PlanView> {
  const { table } = context;
  const now = Temporal.Instant.fromEpochMilliseconds(context.now().getTime());
  const [view, calendar] = await Promise.all([loadCountyView(table, context.config), loadOfficeCalendar(table)]);
  const perSeries = await Promise.all(
    view.series.map(async (series) => {
      const [stored, overrides] = await Promise.all([listOccurrences(table, series.id), listOverrides(table, series.id)]);
      return annualPlan(series, calendar, overrides, stored, year, now).map((meeting): PlanViewMeeting => ({
        seriesId: series.id,
        seriesName: series.name.zh,
        slotKey: meeting.slotKey,
        date: meeting.date,
        start: meeting.start,
        chairUnitName: view.unitName(meeting.chairUnitId),
        venueName: view.venue(meeting.venueId)?.name.zh ?? meeting.venueId,
        cancelled: meeting.status === 'cancelled',
        provisional: meeting.provisional,
        adHoc: meeting.adHoc,
        needsDecision: meeting.needsDecision,
        planned: !meeting.stored,
        ...(meeting.placementNote ? { placementNote: meeting.placementNote } : {}),
      }));
    }),
  );
  const meetings = perSeries.flat().sort((a, b) => a.date.localeCompare(b.date) || a.start.localeCompare(b.start));
  return { year, meetings };
}
