// Who chairs next, and whether the duty is shared fairly: the next N chairs with their dates, and
// the number of meetings each unit chairs per year (held and planned, cancelled ones not counted).
// The chairs come from the core rotation (assignChairs through the planner, previewChairs beyond
// the plan, fairnessReport for the counts), never from arithmetic of its own.
import type { CountyConfig } from '../../core/series/county-config.ts';
import type { WorkingDayCalendar } from '../../core/planning/holiday-policy.ts';
import { annualPlan, type PlannedMeeting } from '../../core/annual-plan/annual-plan.ts';
import { Temporal, todayInTaipei } from '../../core/calendar/local-date.ts';
import { rocTableDate } from '../../core/calendar/roc-date.ts';
import { assignChairs, fairnessReport, previewChairs, type ChairAssignment } from '../../core/rotation/chair-rotation.ts';
import type { MeetingTable } from '../../adapters/dynamodb/meeting-table.ts';
import { listOccurrences } from '../../adapters/dynamodb/occurrence-store.ts';
import { listOverrides } from '../../adapters/dynamodb/override-store.ts';
import { findSeries } from './request-checks.ts';
import { seriesRotation, slotsAfter } from './series-rotation.ts';
import { SecretariatInputError } from './secretariat-input-error.ts';

export type UpcomingChair = {
  slotKey: string;
  date: string;
  chairUnitId: string;
  /** stored: an occurrence exists; planned: the planner will create it; preview: beyond the plan, if every meeting before it is held. */
  basis: 'stored' | 'planned' | 'preview';
};

export type ChairReport = {
  seriesId: string;
  upcoming: UpcomingChair[];
  /** Meetings chaired per unit per year; every unit that can chair is listed, with 0 where none. */
  perYear: Array<{ year: number; counts: Array<{ unitId: string; meetings: number }> }>;
};

export type ChairReportRequest = { seriesId: string; count: number; now: Temporal.Instant };

/**
 * The chair preview and the fairness count of one series.
 * 1. Validate the series and the number of chairs asked for.
 * 2. Load its stored meetings and overrides.
 * 3. Plan this year and the next as the planner would, walk the rotation with the core, and
 *    preview beyond the plan when more chairs are asked for than it holds.
 * 4. Return the upcoming chairs and the per-year counts.
 */
export async function chairReport(
  table: MeetingTable,
  config: CountyConfig,
  calendar: WorkingDayCalendar,
  request: ChairReportRequest,
): Promise<ChairReport> {
  const series = findSeries(config, request.seriesId);
  if (!Number.isInteger(request.count) || request.count < 1 || request.count > 999)
    throw new SecretariatInputError({ code: 'invalid-input', field: 'count', message: '場數須為 1 到 999 之間的整數' });
  const [stored, overrides] = await Promise.all([listOccurrences(table, series.id), listOverrides(table, series.id)]);

  const today = todayInTaipei(request.now);
  const years = new Set<number>(stored.map((o) => Number(o.date.slice(0, 4))));
  for (let y = today.year; y <= today.year + 1; y++) years.add(y);
  const sortedYears = [...years].sort((a, b) => a - b);
  const meetings: PlannedMeeting[] = sortedYears.flatMap((y) => annualPlan(series, calendar, overrides, stored, y, request.now));

  const upcoming: UpcomingChair[] = meetings
    .filter((m) => m.status === 'scheduled' && m.date >= today.toString())
    .slice(0, request.count)
    .map((m) => ({ slotKey: m.slotKey, date: m.date, chairUnitId: m.chairUnitId, basis: m.stored ? 'stored' : 'planned' }));

  // The rotation over every regular slot through the plan's last year, as the core assigns it.
  const planEnd = Temporal.PlainDate.from({ year: sortedYears.at(-1)!, month: 12, day: 31 });
  const rotation = seriesRotation(series, stored, overrides, today, planEnd);
  const beyond = slotsAfter(series, planEnd, request.count - upcoming.length);
  const previewed = previewChairs(rotation.policy, rotation.slots, beyond.length);
  beyond.forEach((slot, i) =>
    upcoming.push({ slotKey: slot.slotKey, date: slot.nominalDate.toString(), chairUnitId: previewed[i]!, basis: 'preview' }),
  );

  // Counted by the year a meeting is (or was) held; ad-hoc sessions are not in the rotation but
  // are chaired all the same.
  const dateOf = new Map<string, string>(meetings.map((m) => [m.slotKey, m.date]));
  for (const [key, nominal] of rotation.nominalDates) if (!dateOf.has(key)) dateOf.set(key, nominal.toString());
  const adHoc: ChairAssignment[] = meetings
    .filter((m) => m.adHoc)
    .map((m) => ({ key: m.slotKey, chairUnitId: m.chairUnitId, consumesTurn: false, cancelled: m.status === 'cancelled' }));
  const counts = fairnessReport([...assignChairs(rotation.policy, rotation.slots), ...adHoc], (key) =>
    Number((dateOf.get(key) ?? key).slice(0, 4)),
  );
  const roster = series.chair.kind === 'rotating' ? series.chair.roster : [series.chair.unitId];
  const perYear = sortedYears
    .filter((year) => counts[year] !== undefined)
    .map((year) => ({ year, counts: roster.map((unitId) => ({ unitId, meetings: counts[year]![unitId] ?? 0 })) }));

  return { seriesId: series.id, upcoming, perYear };
}

/** The report as lines of zh-TW text, for the command line. */
export function chairReportLines(config: CountyConfig, report: ChairReport): string[] {
  const unitName = (id: string) => config.units.find((u) => u.id === id)?.name.zh ?? id;
  const seriesName = config.series.find((s) => s.id === report.seriesId)?.name.zh ?? report.seriesId;
  const lines = [`${seriesName}：接下來 ${report.upcoming.length} 場的主持單位`];
  for (const m of report.upcoming) {
    const note = m.basis === 'stored' ? '' : m.basis === 'planned' ? '（預定）' : '（推估）';
    lines.push(`  ${m.date} ${rocTableDate(Temporal.PlainDate.from(m.date))}  ${unitName(m.chairUnitId)}${note}`);
  }
  lines.push('', '各單位每年主持場數（停開的會議不計）：');
  for (const { year, counts } of report.perYear)
    lines.push(`  ${year}: ${counts.map((c) => `${unitName(c.unitId)} ${c.meetings}`).join('，')}`);
  return lines;
}
