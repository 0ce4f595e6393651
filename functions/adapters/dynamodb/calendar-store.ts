// The office calendar a run plans with: the years shipped with the code, replaced or extended by
// years an administrator imported (a new year's DGPA CSV, or a revised edition), plus the county's
// own closures (typhoon days, 停止上班, declared per county). Two queries per run: the national
// calendar partition and the county's closures.
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { OfficeCalendar, type Closure, type OfficeCalendarYear } from '../../core/calendar/office-calendar.ts';
import { bundledCalendarYears } from '../../core/calendar/bundled-calendar.ts';
import { keys } from './keys.ts';
import { queryPartition, type MeetingTable, type TableConnection } from './meeting-table.ts';

export async function loadOfficeCalendar(table: MeetingTable): Promise<OfficeCalendar> {
  const [years, closures] = await Promise.all([
    queryPartition(table, keys.calendar, keys.calendarYearPrefix),
    queryPartition(table, keys.closures(table.county)),
  ]);
  const byYear = new Map(bundledCalendarYears().map((y) => [y.year, y]));
  for (const item of years) {
    const year = item.year as OfficeCalendarYear;
    byYear.set(year.year, year);
  }
  return OfficeCalendar.from(
    [...byYear.values()],
    closures.map((i) => i.closure as Closure),
  );
}

/** National: every county plans with the same DGPA calendar. */
export async function saveCalendarYear(table: TableConnection, year: OfficeCalendarYear): Promise<void> {
  await table.client.send(
    new PutCommand({
      TableName: table.tableName,
      Item: { pk: keys.calendar, sk: keys.calendarYear(year.year), entity: 'calendar-year', year },
    }),
  );
}

export async function saveClosure(table: MeetingTable, closure: Closure): Promise<void> {
  await table.client.send(
    new PutCommand({
      TableName: table.tableName,
      Item: { pk: keys.closures(table.county), sk: keys.closure(closure.date), entity: 'closure', closure },
    }),
  );
}
