// When a series' meetings fall before any holiday is considered: the nominal dates. Each slot also
// gets a key that names it for good (its month, or for an RRULE its nominal date), so a meeting that
// a person moves to another day keeps its identity, its turn in the chair rotation and its UID.
import { Temporal, type IsoWeekday } from '../calendar/local-date.ts';
import type { Cadence } from './cadence-schema.ts';
import { rruleSlots, type RRuleCadence } from './rrule-cadence.ts';

export type { Cadence };

export type NominalSlot = { slotKey: string; nominalDate: Temporal.PlainDate };

/**
 * The cadence's slots with from ≤ nominal date ≤ to, in date order. activeMonths (1–12) keeps only
 * slots whose nominal date is in those months; undefined keeps all.
 */
export function nominalSlots(
  cadence: Cadence,
  activeMonths: readonly number[] | undefined,
  from: Temporal.PlainDate,
  to: Temporal.PlainDate,
): NominalSlot[] {
  if (Temporal.PlainDate.compare(from, to) > 0) return [];
  const slots = cadence.kind === 'rrule' ? rruleCadenceSlots(cadence, from, to) : monthSlots(cadence, from, to);
  const kept = activeMonths ? slots.filter((slot) => activeMonths.includes(slot.nominalDate.month)) : slots;
  return kept.sort((a, b) => Temporal.PlainDate.compare(a.nominalDate, b.nominalDate));
}

type MonthCadence = Exclude<Cadence, { kind: 'rrule' }>;

function monthSlots(cadence: MonthCadence, from: Temporal.PlainDate, to: Temporal.PlainDate): NominalSlot[] {
  const slots: NominalSlot[] = [];
  // Plain integers for the walk: a planning run expands every series from its rotation's anchor
  // on, and a Temporal object per month was most of what planning cost.
  for (let year = from.year, month = from.month; year < to.year || (year === to.year && month <= to.month);) {
    if (meetsInMonth(cadence, month)) {
      const day = nthWeekdayOfMonth(year, month, cadence.nth, cadence.weekday);
      if (day !== undefined) {
        const date = Temporal.PlainDate.from({ year, month, day });
        // Only the first and the last month can hold a day outside the range.
        const edge = (year === from.year && month === from.month) || (year === to.year && month === to.month);
        if (!edge || isWithin(date, from, to)) slots.push({ slotKey: `${year}-${String(month).padStart(2, '0')}`, nominalDate: date });
      }
    }
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  }
  return slots;
}

function meetsInMonth(cadence: MonthCadence, month: number): boolean {
  switch (cadence.kind) {
    case 'monthly-nth-weekday':
      return true;
    case 'every-n-months':
      return (((month - cadence.firstMonth) % cadence.intervalMonths) + cadence.intervalMonths) % cadence.intervalMonths === 0;
    case 'semiannual':
      return cadence.months.includes(month);
  }
}

/** The day of the month, or undefined when the month has no such day: a 5th Wednesday exists in only some months. */
function nthWeekdayOfMonth(year: number, month: number, nth: 1 | 2 | 3 | 4 | 5 | -1, weekday: IsoWeekday): number | undefined {
  const days = daysInMonth(year, month);
  if (nth === -1) return days - ((isoWeekday(year, month, days) - weekday + 7) % 7);
  const day = 1 + ((weekday - isoWeekday(year, month, 1) + 7) % 7) + (nth - 1) * 7;
  return day <= days ? day : undefined;
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a proleptic Gregorian date, by Sakamoto's method. */
function isoWeekday(year: number, month: number, day: number): IsoWeekday {
  const offsets = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4] as const;
  const y = month < 3 ? year - 1 : year;
  const sundayFirst = (y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400) + offsets[month - 1]! + day) % 7;
  return (sundayFirst === 0 ? 7 : sundayFirst) as IsoWeekday;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isWithin(date: Temporal.PlainDate, from: Temporal.PlainDate, to: Temporal.PlainDate): boolean {
  return Temporal.PlainDate.compare(date, from) >= 0 && Temporal.PlainDate.compare(date, to) <= 0;
}

/**
 * RRULE cadences need ical.js (76 KB). A Lambda bundle of a deployment whose counties have no RRULE
 * series is built with SAFETYNET_RRULE_CADENCES defined as "none" (lib/constructs/meeting-function.ts),
 * which makes this branch dead code, so esbuild leaves rrule-cadence.ts and ical.js out. The synth
 * validated every deployed county file, so no RRULE series can reach such a bundle.
 */
function rruleCadenceSlots(cadence: RRuleCadence, from: Temporal.PlainDate, to: Temporal.PlainDate): NominalSlot[] {
  if (process.env.SAFETYNET_RRULE_CADENCES !== 'none') return rruleSlots(cadence, from, to);
  throw new TypeError(
    `本部署建置時沒有 RRULE 週期的會議系列，無法展開 RRULE「${cadence.rrule}」；請重新部署，synth 會依縣市設定檔納入 RRULE 支援`,
  );
}
