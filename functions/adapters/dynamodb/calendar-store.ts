// The office calendar a run plans with: the years shipped with the code, replaced or extended by
// years the secretariat imported (a new year's DGPA CSV, or a revised edition), plus the closures
// (typhoon days) people add at run time. All under one partition: one query per run.
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { OfficeCalendar, type Closure, type OfficeCalendarYear } from '../../core/calendar/office-calendar.ts';
import { bundledCalendarYears } from '../../core/calendar/bundled-calendar.ts';
import type { MeetingTable } from './meeting-table.ts';
import { queryAll } from './occurrence-store.ts';

const CALENDAR = 'CALENDAR';

export async function loadOfficeCalendar(table: MeetingTable): Promise<OfficeCalendar> {
  const items = await queryAll(table, CALENDAR, '');
  const imported = items.filter((i) => String(i.sk).startsWith('YEAR#')).map((i) => i.year as OfficeCalendarYear);
  const closures = items.filter((i) => String(i.sk).startsWith('CLOSURE#')).map((i) => i.closure as Closure);
  const byYear = new Map(bundledCalendarYears().map((y) => [y.year, y]));
  for (const year of imported) byYear.set(year.year, year);
  return OfficeCalendar.from([...byYear.values()], closures);
}

export async function saveCalendarYear(table: MeetingTable, year: OfficeCalendarYear): Promise<void> {
  await table.client.send(
    new PutCommand({ TableName: table.tableName, Item: { pk: CALENDAR, sk: `YEAR#${year.year}`, entity: 'calendar-year', year } }),
  );
}

export async function saveClosure(table: MeetingTable, closure: Closure): Promise<void> {
  await table.client.send(
    new PutCommand({ TableName: table.tableName, Item: { pk: CALENDAR, sk: `CLOSURE#${closure.date}`, entity: 'closure', closure } }),
  );
}
