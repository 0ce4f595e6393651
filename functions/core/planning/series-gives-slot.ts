// Whether a series still gives a meeting's slot. The planner cancels a stored meeting whose slot the
// series no longer gives (a month taken out of activeMonths, a cadence changed in the county's
// configuration) on its next run, whatever was decided about that meeting. A change that keeps the
// meeting (a move, a venue, an acting chair, a swap) would be undone by that run, so the secretariat
// is told so and refused instead (use-cases/secretariat/change-occurrence.ts). A session the series
// lacks is what 加開臨時會議 is for.
import type { SeriesDefinition } from '../series/county-config.ts';
import { Temporal } from '../calendar/local-date.ts';
import { nominalSlots } from './cadence.ts';
import { adHocSlotPrefix } from './override.ts';

/** The slot is the cadence's (in an active month), or an ad-hoc session, which the cadence never cancels. */
export function seriesGivesSlot(series: Pick<SeriesDefinition, 'cadence' | 'activeMonths'>, slotKey: string): boolean {
  if (slotKey.startsWith(adHocSlotPrefix)) return true;
  // A month's slot (2027-01) is anywhere in its month; an RRULE's (2027-01-27) is its nominal date.
  const month = /^\d{4}-\d{2}$/.test(slotKey);
  const from = Temporal.PlainDate.from(month ? `${slotKey}-01` : slotKey);
  const to = month ? from.add({ months: 1 }).subtract({ days: 1 }) : from;
  return nominalSlots(series.cadence, series.activeMonths, from, to).some((slot) => slot.slotKey === slotKey);
}

/** The months a series meets in, as a person says them: 「2月至12月」, 「3月、9月」. */
export function activeMonthsText(activeMonths: readonly number[]): string {
  const months = [...new Set(activeMonths)].sort((a, b) => a - b);
  const contiguous = months.length > 2 && months.every((m, i) => i === 0 || m === months[i - 1]! + 1);
  return contiguous ? `${months[0]}月至${months.at(-1)}月` : months.map((m) => `${m}月`).join('、');
}
