// What happens to a meeting whose nominal date is a day off. The seed's secretariat moved such
// meetings by hand, and always to an earlier day of the same week (Feb 22 → 21, Oct 25 → 24), so
// that is a policy here; when no rule gives a good answer the date is kept and flagged for a person
// rather than guessed.
import * as z from 'zod/mini';
import { weekdayChar } from '../calendar/roc-date.ts';
import { Temporal } from '../calendar/local-date.ts';

// Marked pure so that esbuild drops it, and zod with it, from the Lambdas, which read validated county files.
export const holidayPolicySchema = /* @__PURE__ */ z.enum([
  'next-working-day',
  'previous-working-day',
  'nearest-working-day-same-week',
  'keep-and-flag',
]);

export type HolidayPolicy = z.infer<typeof holidayPolicySchema>;

/** What the planner needs from the office calendar; OfficeCalendar satisfies it. */
export interface WorkingDayCalendar {
  isWorkingDay(d: Temporal.PlainDate): boolean;
  /** The date's year has no loaded office calendar, so isWorkingDay is a weekends-only guess. */
  isProvisional(d: Temporal.PlainDate): boolean;
  /** label: the official name of the day (和平紀念日, 補假 …), when it has one. */
  dayStatus(d: Temporal.PlainDate): { label?: string };
}

export type PlacedDate = {
  date: Temporal.PlainDate;
  moved: boolean;
  /** No rule could place it on a working day: the date is kept and a person must decide. */
  needsDecision: boolean;
  provisional: boolean;
  /** Why it moved or needs a decision, in zh-TW, e.g. '2018/2/28 和平紀念日，改至前一工作日 2018/2/27（二）'. */
  reason?: string;
};

/** How far next/previous-working-day look: two weeks covers the longest Lunar New Year closure. */
const SEARCH_DAYS = 14;

/**
 * Puts a nominal date on a working day according to the policy. A working nominal date is returned
 * as it is. A move never lands before `earliest` (today, say: a meeting cannot move into the past);
 * when the policy's only choice is earlier, the next working day is tried, and failing that the
 * date is kept and flagged.
 */
export function placeOnWorkingDay(
  nominal: Temporal.PlainDate,
  policy: HolidayPolicy,
  calendar: WorkingDayCalendar,
  earliest?: Temporal.PlainDate,
): PlacedDate {
  if (calendar.isWorkingDay(nominal))
    return { date: nominal, moved: false, needsDecision: false, provisional: calendar.isProvisional(nominal) };
  const dayOff = describeDayOff(nominal, calendar);
  const notBeforeEarliest = (d: Temporal.PlainDate) => earliest === undefined || Temporal.PlainDate.compare(d, earliest) >= 0;
  const earliestText = earliest ? formatDate(earliest) : '';

  // The way out when the policy has nothing: forward, within the window and not before earliest.
  const forward = (why: string): PlacedDate => {
    const next = searchWorkingDay(nominal, 1, calendar, notBeforeEarliest);
    return next
      ? moved(next, calendar, `${why}${moveWording(nominal, next, calendar)}`)
      : flagged(
          nominal,
          calendar,
          `${why}，其後 ${SEARCH_DAYS} 日內無${earliest ? ` ${earliestText} 以後的` : ''}工作日，保留原日期待決定`,
        );
  };

  switch (policy) {
    case 'keep-and-flag':
      return flagged(nominal, calendar, `${dayOff}，保留原日期待決定`);
    case 'next-working-day':
      return forward(dayOff);
    case 'previous-working-day': {
      const previous = searchWorkingDay(nominal, -1, calendar, () => true);
      if (!previous) return flagged(nominal, calendar, `${dayOff}，其前 ${SEARCH_DAYS} 日內無工作日，保留原日期待決定`);
      if (notBeforeEarliest(previous)) return moved(previous, calendar, `${dayOff}${moveWording(nominal, previous, calendar)}`);
      return forward(`${dayOff}，前一工作日 ${formatDate(previous)} 早於 ${earliestText}`);
    }
    case 'nearest-working-day-same-week': {
      const candidates = sameWeekWorkingDays(nominal, calendar);
      if (candidates.length === 0) {
        const monday = nominal.subtract({ days: nominal.dayOfWeek - 1 });
        return flagged(
          nominal,
          calendar,
          `${dayOff}，該週（${formatDate(monday)}–${formatDate(monday.add({ days: 4 }))}）無工作日，保留原日期待決定`,
        );
      }
      const chosen = candidates.find(notBeforeEarliest);
      if (chosen) return moved(chosen, calendar, `${dayOff}${moveWording(nominal, chosen, calendar)}`);
      return forward(`${dayOff}，同週工作日皆早於 ${earliestText}`);
    }
  }
}

/** Working Monday–Friday days of the nominal date's week, nearest first; on a tie the earlier day. */
function sameWeekWorkingDays(nominal: Temporal.PlainDate, calendar: WorkingDayCalendar): Temporal.PlainDate[] {
  const monday = nominal.subtract({ days: nominal.dayOfWeek - 1 });
  const distance = (d: Temporal.PlainDate) => Math.abs(d.since(nominal).days);
  return [0, 1, 2, 3, 4]
    .map((offset) => monday.add({ days: offset }))
    .filter((d) => !d.equals(nominal) && calendar.isWorkingDay(d))
    .sort((a, b) => distance(a) - distance(b) || Temporal.PlainDate.compare(a, b));
}

function searchWorkingDay(
  from: Temporal.PlainDate,
  direction: 1 | -1,
  calendar: WorkingDayCalendar,
  acceptable: (d: Temporal.PlainDate) => boolean,
): Temporal.PlainDate | undefined {
  for (let step = 1; step <= SEARCH_DAYS; step++) {
    const day = from.add({ days: step * direction });
    if (calendar.isWorkingDay(day) && acceptable(day)) return day;
  }
  return undefined;
}

function moved(date: Temporal.PlainDate, calendar: WorkingDayCalendar, reason: string): PlacedDate {
  return { date, moved: true, needsDecision: false, provisional: calendar.isProvisional(date), reason };
}

function flagged(date: Temporal.PlainDate, calendar: WorkingDayCalendar, reason: string): PlacedDate {
  return { date, moved: false, needsDecision: true, provisional: calendar.isProvisional(date), reason };
}

/** '，改至前一工作日 2018/2/27（二）', or 次一工作日, or just the date when working days were skipped. */
function moveWording(nominal: Temporal.PlainDate, placed: Temporal.PlainDate, calendar: WorkingDayCalendar): string {
  const step = Temporal.PlainDate.compare(placed, nominal);
  let between = false;
  for (let day = nominal.add({ days: step }); !day.equals(placed); day = day.add({ days: step })) {
    if (calendar.isWorkingDay(day)) between = true;
  }
  const which = between ? '' : step < 0 ? '前一工作日 ' : '次一工作日 ';
  return `，改至${which}${formatDate(placed)}（${weekdayChar(placed)}）`;
}

/** '2018/2/28 和平紀念日', or '2023/1/28 星期六' for an ordinary weekend. */
function describeDayOff(date: Temporal.PlainDate, calendar: WorkingDayCalendar): string {
  const label = calendar.dayStatus(date).label;
  const name = label ? label : date.dayOfWeek >= 6 ? `星期${weekdayChar(date)}` : '放假日';
  return `${formatDate(date)} ${name}`;
}

function formatDate(date: Temporal.PlainDate): string {
  return `${date.year}/${date.month}/${date.day}`;
}
