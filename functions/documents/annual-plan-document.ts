// The county's annual plan of every meeting series, in the county's own columns (序號, 辦理日期 as
// 2/21(二), 會議名稱, 邀請網絡單位, 邀請數, 主持), ready for the XLSX, CSV and PDF exports. It is
// built from annualPlan() (functions/core/annual-plan/) for each series: stored meetings plus what
// the planner would still create, with every flag a person must see written out in 備註.
import type { CountyConfig, SeriesDefinition } from '../core/series/county-config.ts';
import type { PlannedMeeting } from '../core/annual-plan/annual-plan.ts';
import { rocClockTime, rocTableDate, rocYear } from '../core/calendar/roc-date.ts';
import { Temporal } from '../core/calendar/local-date.ts';
import { unitName } from './meeting-particulars.ts';

export type AnnualPlanRow = {
  /** 序號: counts the meetings that take place; — for a cancelled one. */
  number: string;
  /** 2/21(二). */
  date: string;
  meetingName: string;
  invitedUnits: string;
  invitedCount: number;
  chair: string;
  /** 下午2時. */
  time: string;
  venue: string;
  remarks: string;
  cancelled: boolean;
  provisional: boolean;
};

export type AnnualPlanSeries = {
  id: string;
  name: string;
  invitedUnits: string;
  invitedCount: number;
  /** How the chair is chosen: 輪流主持（…） or the fixed unit. */
  chairPolicy: string;
  rows: AnnualPlanRow[];
  held: number;
  cancelled: number;
  provisional: number;
};

export type AnnualPlanDocument = {
  county: string;
  year: number;
  rocYear: number;
  /** 嘉義縣115年度社會安全網會議年度計畫. */
  title: string;
  /** YYYY-MM-DD the export was made: its date, and the note under the title. */
  generatedOn: string;
  series: AnnualPlanSeries[];
};

export type AnnualPlanInput = {
  config: CountyConfig;
  year: number;
  /** Each series with its meetings of the year, as annualPlan() returns them. */
  plans: ReadonlyArray<{ series: SeriesDefinition; meetings: readonly PlannedMeeting[] }>;
  generatedOn: string;
};

export const annualPlanColumns = ['序號', '辦理日期', '會議名稱', '邀請網絡單位', '邀請數', '主持', '時間', '地點', '備註'] as const;

/** The cells of a row in the order of annualPlanColumns. */
export function annualPlanCells(row: AnnualPlanRow): Array<string | number> {
  return [row.number, row.date, row.meetingName, row.invitedUnits, row.invitedCount, row.chair, row.time, row.venue, row.remarks];
}

function remarks(meeting: PlannedMeeting): string {
  return [
    meeting.status === 'cancelled' ? '取消' : '',
    meeting.adHoc ? '臨時加開' : '',
    meeting.provisional ? '日期暫定（辦公日曆未公布）' : '',
    meeting.needsDecision ? '遇休假日，待決定' : '',
    meeting.placementNote ?? '',
    // Not marking 預定 (not yet created) as plan-formats.ts does: in a plan published at the start
    // of the year every row would carry it, and the marks that matter would drown.
  ]
    .filter(Boolean)
    .join('；');
}

function chairPolicy(config: CountyConfig, series: SeriesDefinition): string {
  if (series.chair.kind === 'fixed') return [unitName(config, series.chair.unitId), series.chair.title].filter(Boolean).join(' ');
  const systems = series.chair.roster.map((id) => config.units.find((u) => u.id === id)?.system ?? unitName(config, id));
  return `輪流主持（${systems.join('、')}）`;
}

export function annualPlanDocument(input: AnnualPlanInput): AnnualPlanDocument {
  const { config, year } = input;
  const series = input.plans.map(({ series, meetings }): AnnualPlanSeries => {
    const invitedUnits = series.invitedUnitIds.map((id) => unitName(config, id)).join('、');
    let held = 0;
    const rows = meetings.map((meeting): AnnualPlanRow => {
      const cancelled = meeting.status === 'cancelled';
      if (!cancelled) held += 1;
      return {
        number: cancelled ? '—' : String(held),
        date: rocTableDate(Temporal.PlainDate.from(meeting.date)),
        meetingName: series.name.zh,
        invitedUnits,
        invitedCount: series.invitedUnitIds.length,
        chair: unitName(config, meeting.chairUnitId),
        time: rocClockTime(Temporal.PlainTime.from(meeting.start)),
        venue: config.venues.find((v) => v.id === meeting.venueId)?.name.zh ?? meeting.venueId,
        remarks: remarks(meeting),
        cancelled,
        provisional: meeting.provisional,
      };
    });
    return {
      id: series.id,
      name: series.name.zh,
      invitedUnits,
      invitedCount: series.invitedUnitIds.length,
      chairPolicy: chairPolicy(config, series),
      rows,
      held,
      cancelled: rows.filter((r) => r.cancelled).length,
      provisional: rows.filter((r) => r.provisional).length,
    };
  });
  return {
    county: config.county.name.zh,
    year,
    rocYear: rocYear(year),
    title: `${config.county.name.zh}${rocYear(year)}年度社會安全網會議年度計畫`,
    generatedOn: input.generatedOn,
    series,
  };
}

/** Whether anything at all is planned: an empty year says so instead of printing empty tables. */
export function hasMeetings(plan: AnnualPlanDocument): boolean {
  return plan.series.some((s) => s.rows.length > 0);
}

/** 115年度尚無排定之會議。 */
export function emptyYearNotice(plan: Pick<AnnualPlanDocument, 'county' | 'rocYear'>): string {
  return `${plan.county}${plan.rocYear}年度尚無排定之會議。`;
}

export const emptySeriesNotice = '本年度無排定之會議。';

/** 115年3月4日製表: when the plan was exported; a printed plan goes stale. */
export function generatedLine(plan: Pick<AnnualPlanDocument, 'generatedOn'>): string {
  const date = Temporal.PlainDate.from(plan.generatedOn);
  return `${rocYear(date.year)}年${date.month}月${date.day}日製表`;
}
