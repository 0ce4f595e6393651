// Who chairs next, and whether the duty is shared fairly: the next N chairs with their dates, and
// the number of meetings each unit chairs per year (held and planned, cancelled ones not counted).
import type { CountyConfig, SeriesDefinition } from '../../core/series/county-config.ts';
import type { Occurrence } from '../../core/planning/occurrence.ts';
import type { OccurrenceOverride } from '../../core/planning/override.ts';
import type { WorkingDayCalendar } from '../../core/planning/holiday-policy.ts';
import { annualPlan, type PlannedMeeting } from '../../core/annual-plan/annual-plan.ts';
import { Temporal, todayInTaipei } from '../../core/calendar/local-date.ts';
import { rocTableDate } from '../../core/calendar/roc-date.ts';

export function chairReport(
  config: CountyConfig,
  series: SeriesDefinition,
  calendar: WorkingDayCalendar,
  overrides: readonly OccurrenceOverride[],
  stored: readonly Occurrence[],
  now: Temporal.Instant,
  previewCount: number,
): string {
  const today = todayInTaipei(now);
  const unitName = (id: string) => config.units.find((u) => u.id === id)?.name.zh ?? id;
  const years = new Set<number>(stored.map((o) => Number(o.date.slice(0, 4))));
  for (let y = today.year; y <= today.year + 1; y++) years.add(y);
  const meetings: PlannedMeeting[] = [...years].sort().flatMap((y) => annualPlan(series, calendar, overrides, stored, y, now));

  const upcoming = meetings.filter((m) => m.status === 'scheduled' && m.date >= today.toString()).slice(0, previewCount);
  const lines = [`${series.name.zh}: next ${upcoming.length} chairs`];
  for (const m of upcoming)
    lines.push(`  ${m.date} ${rocTableDate(Temporal.PlainDate.from(m.date))}  ${unitName(m.chairUnitId)}${m.stored ? '' : '（預定）'}`);

  lines.push('', 'Chair count per unit per year (cancelled meetings not counted):');
  const roster = series.chair.kind === 'rotating' ? series.chair.roster : [series.chair.unitId];
  for (const y of [...years].sort()) {
    const held = meetings.filter((m) => m.status === 'scheduled' && m.date.startsWith(`${y}-`));
    if (held.length === 0) continue;
    const counts = roster.map((unit) => `${unitName(unit)} ${held.filter((m) => m.chairUnitId === unit).length}`);
    lines.push(`  ${y}: ${counts.join('，')}`);
  }
  return lines.join('\n');
}
