// Counting working days back from a date, on a calendar that knows the county's days off (the
// office calendar with its closures). The console's unanswered-invitation and late-change windows
// and the follow-up form reminders all count this way.
import type { WorkingDayCalendar } from '../planning/holiday-policy.ts';
import type { Temporal } from './local-date.ts';

/** A bound, so a calendar with no working days at all cannot loop forever. */
const SEARCH_DAYS = 60;

/** The day `count` working days before `date` (closures and days off skipped). */
export function workingDaysBefore(
  calendar: Pick<WorkingDayCalendar, 'isWorkingDay'>,
  date: Temporal.PlainDate,
  count: number,
): Temporal.PlainDate {
  let day = date;
  for (let found = 0, step = 0; found < count && step < SEARCH_DAYS; step++) {
    day = day.subtract({ days: 1 });
    if (calendar.isWorkingDay(day)) found++;
  }
  return day;
}
