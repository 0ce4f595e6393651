// The plan of one series for one year as the secretariat publishes it: what is stored, plus what
// the planner would create for the rest of the year, with every flag a person must see.
import type { SeriesDefinition } from '../series/county-config.ts';
import type { Occurrence } from '../planning/occurrence.ts';
import type { OccurrenceOverride } from '../planning/override.ts';
import type { WorkingDayCalendar } from '../planning/holiday-policy.ts';
import { planSeries } from '../planning/plan-series.ts';
import { atTaipei, Temporal } from '../calendar/local-date.ts';

export type PlannedMeeting = Occurrence & { stored: boolean };

export function annualPlan(
  series: SeriesDefinition,
  calendar: WorkingDayCalendar,
  overrides: readonly OccurrenceOverride[],
  stored: readonly Occurrence[],
  year: number,
  now: Temporal.Instant,
): PlannedMeeting[] {
  const yearStart = atTaipei(Temporal.PlainDate.from({ year, month: 1, day: 1 }), Temporal.PlainTime.from('00:00')).toInstant();
  // Plan as if standing at the start of the year (or now, for the current year): past slots are
  // history and come from what is stored.
  const from = Temporal.Instant.compare(now, yearStart) > 0 ? now : yearStart;
  const fromDate = from.toZonedDateTimeISO('Asia/Taipei').toPlainDate();
  const monthsToYearEnd = Math.max(0, (year - fromDate.year) * 12 + (12 - fromDate.month) + 1);
  const changes = planSeries({
    series,
    calendar,
    overrides,
    stored,
    now: from,
    horizonMonths: monthsToYearEnd,
    newUid: () => '(not yet created)',
  }).changes;

  const bySlot = new Map<string, PlannedMeeting>(stored.map((o) => [o.slotKey, { ...o, stored: true }]));
  for (const change of changes) {
    if (change.kind === 'create') bySlot.set(change.occurrence.slotKey, { ...change.occurrence, stored: false });
    else bySlot.set(change.after.slotKey, { ...change.after, stored: true });
  }
  return [...bySlot.values()]
    .filter((o) => o.date.startsWith(`${year}-`))
    .sort((a, b) => `${a.date}${a.start}${a.slotKey}`.localeCompare(`${b.date}${b.start}${b.slotKey}`));
}
