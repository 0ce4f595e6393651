// The minutes deadline that pages, lists and the API state: the working day the chair's notices
// state (core/notices/minutes-deadline-day.ts), read against the county's office calendar with its
// closures. One deadline everywhere, so no page calls minutes 逾期 while the chair's notice still
// gives them a day.
import type { SeriesDefinition } from '../../core/series/county-config.ts';
import { minutesDeadlineDay } from '../../core/notices/minutes-deadline-day.ts';
import type { MeetingTable } from '../../adapters/dynamodb/meeting-table.ts';
import { loadOfficeCalendar } from '../../adapters/dynamodb/calendar-store.ts';

/** The minutes deadline (YYYY-MM-DD) of a meeting held on `meetingDate`. */
export async function minutesDueDay(
  table: MeetingTable,
  meetingDate: string,
  series: Pick<SeriesDefinition, 'leadTimes'>,
): Promise<string> {
  return minutesDeadlineDay(meetingDate, series, await loadOfficeCalendar(table));
}
