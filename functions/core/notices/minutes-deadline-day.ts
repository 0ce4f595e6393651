// The day minutes are due, as notices state it: the series' minutesDueDaysAfter days after the
// meeting, and if that is a day off (a weekend, a holiday, a typhoon closure), the next working day
// of the office calendar, since the chair's office cannot submit anything on a day it is closed.
import type { SeriesDefinition } from '../series/county-config.ts';
import type { WorkingDayCalendar } from '../planning/holiday-policy.ts';
import { Temporal } from '../calendar/local-date.ts';
import { minutesDueDate } from '../minutes/minutes-deadline.ts';

/** A month covers the longest run of days off (Lunar New Year with its bridge days) many times over. */
const SEARCH_DAYS = 31;

/** The minutes deadline of a meeting held on `meetingDate` (YYYY-MM-DD): a working day. */
export function minutesDeadlineDay(
  meetingDate: string,
  series: Pick<SeriesDefinition, 'leadTimes'>,
  calendar: Pick<WorkingDayCalendar, 'isWorkingDay'>,
): string {
  const due = Temporal.PlainDate.from(minutesDueDate(meetingDate, series));
  for (let days = 0; days <= SEARCH_DAYS; days++) {
    const day = due.add({ days });
    if (calendar.isWorkingDay(day)) return day.toString();
  }
  return due.toString();
}
