// The office calendar a run plans with: the years shipped with the code, replaced or extended by
// years an administrator imported (a new year's DGPA CSV, or a revised edition), plus the county's
// own closures (typhoon days, 停止上班, declared per county). Two queries per run: the national
// calendar partition and the county's closures.
//
// A closure is written only after checkClosure accepted it, and written conditionally: a new one
// only where none is in force, a withdrawal only of one that is. A withdrawn closure stays as an
// item (who withdrew it, when and why) and no longer closes the day.
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  checkClosure,
  OfficeCalendar,
  type Closure,
  type ClosureProblem,
  type OfficeCalendarYear,
} from '../../core/calendar/office-calendar.ts';
import { bundledCalendarYears } from '../../core/calendar/bundled-calendar.ts';
import { keys } from './keys.ts';
import { queryPartition, writeIf, type MeetingTable, type TableConnection } from './meeting-table.ts';

/** A stored closure that is not valid (an older version or a hand edit wrote it): skipped, reported. */
export type SkippedClosure = {
  /** The item's sort key, which also names it for removal. */
  id: string;
  /** The date as stored, which may not be a date at all. */
  date: string;
  problems: ClosureProblem[];
};

/** A valid closure in force, with the sort key that names its item. */
export type ClosureRecord = Closure & { id: string; declaredBy?: string; declaredAt?: string };

export type StoredClosures = { closures: ClosureRecord[]; skipped: SkippedClosure[] };

export type OfficeCalendarRead = { calendar: OfficeCalendar; closures: ClosureRecord[]; skippedClosures: SkippedClosure[] };

/** Reports one skipped closure; the default writes ids and dates only, never the reason text. */
export type SkippedClosureLog = (skipped: SkippedClosure, county: string) => void;

const logSkipped: SkippedClosureLog = (skipped, county) =>
  console.warn(
    JSON.stringify({
      level: 'WARN',
      message: 'skipped an invalid stored closure',
      countyId: county,
      closureId: skipped.id,
      date: skipped.date,
      fields: skipped.problems.map((p) => p.field),
    }),
  );

/**
 * The calendar to plan with. An invalid stored closure is logged and left out rather than allowed
 * to stop planning, dispatch or any command: one bad item must not take the whole county down.
 */
export async function loadOfficeCalendar(table: MeetingTable, log: SkippedClosureLog = logSkipped): Promise<OfficeCalendar> {
  const { calendar, skippedClosures } = await readOfficeCalendar(table);
  for (const skipped of skippedClosures) log(skipped, table.county);
  return calendar;
}

/** The calendar with the closures it had to leave out, for callers that show them to a person. */
export async function readOfficeCalendar(table: MeetingTable): Promise<OfficeCalendarRead> {
  const [years, closures] = await Promise.all([queryPartition(table, keys.calendar, keys.calendarYearPrefix), listClosures(table)]);
  const byYear = new Map(bundledCalendarYears().map((y) => [y.year, y]));
  for (const item of years) {
    const year = item.year as OfficeCalendarYear;
    byYear.set(year.year, year);
  }
  return {
    calendar: OfficeCalendar.from([...byYear.values()], closures.closures),
    closures: closures.closures,
    skippedClosures: closures.skipped,
  };
}

/** The county's closures in force, each checked; withdrawn ones are left out. */
export async function listClosures(table: MeetingTable): Promise<StoredClosures> {
  const items = await queryPartition(table, keys.closures(table.county), keys.closurePrefix);
  const result: StoredClosures = { closures: [], skipped: [] };
  for (const item of items) {
    if (item.withdrawn !== undefined) continue;
    const stored = (item.closure ?? {}) as { date?: unknown; reason?: unknown };
    const check = checkClosure(stored);
    const id = String(item.sk);
    if (check.ok) {
      result.closures.push({
        ...check.closure,
        id,
        ...(typeof item.declaredBy === 'string' ? { declaredBy: item.declaredBy } : {}),
        ...(typeof item.declaredAt === 'string' ? { declaredAt: item.declaredAt } : {}),
      });
    } else {
      result.skipped.push({
        id,
        date: typeof stored.date === 'string' ? stored.date : id.slice(keys.closurePrefix.length),
        problems: check.problems,
      });
    }
  }
  return result;
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

/**
 * Stores a closure the caller has checked (checkClosure), unless one is already in force on that
 * date. Returns false when one is: the caller decides whether that is the same announcement.
 */
export async function putClosureIfNone(table: MeetingTable, closure: Closure, by: string, at: string): Promise<boolean> {
  return writeIf(() =>
    table.client.send(
      new PutCommand({
        TableName: table.tableName,
        Item: {
          pk: keys.closures(table.county),
          sk: keys.closure(closure.date),
          entity: 'closure',
          closure,
          declaredBy: by,
          declaredAt: at,
        },
        ConditionExpression: 'attribute_not_exists(pk) OR attribute_exists(withdrawn)',
      }),
    ),
  );
}

/**
 * Withdraws the closure item `id` (its sort key, as listClosures gives it), valid or not: a bad one
 * must be removable too. Returns false when it is no longer in force.
 */
export async function withdrawClosure(
  table: MeetingTable,
  id: string,
  withdrawn: { reason: string; by: string; at: string },
): Promise<boolean> {
  return writeIf(() =>
    table.client.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: { pk: keys.closures(table.county), sk: id },
        UpdateExpression: 'SET withdrawn = :withdrawn',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(withdrawn)',
        ExpressionAttributeValues: { ':withdrawn': withdrawn },
      }),
    ),
  );
}
