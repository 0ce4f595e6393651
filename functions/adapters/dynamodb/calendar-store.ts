// The office calendar a run plans with: the years shipped with the code, replaced or extended by
// years an administrator imported (a new year's DGPA CSV, or a revised edition), plus the county's
// own closures (typhoon days, 停止上班, declared per county). Two queries per run: the national
// calendar partition and the county's closures.
//
// A closure is written only after checkClosure accepted it, and written conditionally: a new one
// only where none is in force, a withdrawal only of one that is. A withdrawn closure stays as an
// item (who withdrew it, when and why) and no longer closes the day.
import { PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
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
import type { TransactAction } from './occurrence-store.ts';

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

export type OfficeCalendarRead = {
  calendar: OfficeCalendar;
  closures: ClosureRecord[];
  skippedClosures: SkippedClosure[];
  /** The years the calendar was built from (bundled, replaced by imported ones), to build it again with a change. */
  years: OfficeCalendarYear[];
};

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
    years: [...byYear.values()].sort((a, b) => a.year - b.year),
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

/** National: every county plans with the same DGPA calendar. `also` (an audit record) is written in the same transaction. */
export async function saveCalendarYear(
  table: TableConnection,
  year: OfficeCalendarYear,
  also: readonly TransactAction[] = [],
): Promise<void> {
  const Item = { pk: keys.calendar, sk: keys.calendarYear(year.year), entity: 'calendar-year', year };
  if (also.length === 0) await table.client.send(new PutCommand({ TableName: table.tableName, Item }));
  else await table.client.send(new TransactWriteCommand({ TransactItems: [{ Put: { TableName: table.tableName, Item } }, ...also] }));
}

/**
 * Stores a closure the caller has checked (checkClosure), unless one is already in force on that
 * date. Returns false when one is: the caller decides whether that is the same announcement.
 */
export async function putClosureIfNone(
  table: MeetingTable,
  closure: Closure,
  by: string,
  at: string,
  also: readonly TransactAction[] = [],
): Promise<boolean> {
  const put = {
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
  };
  return writeIf(() =>
    also.length === 0
      ? table.client.send(new PutCommand(put))
      : table.client.send(new TransactWriteCommand({ TransactItems: [{ Put: put }, ...also] })),
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
  also: readonly TransactAction[] = [],
): Promise<boolean> {
  const update = {
    TableName: table.tableName,
    Key: { pk: keys.closures(table.county), sk: id },
    UpdateExpression: 'SET withdrawn = :withdrawn',
    ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(withdrawn)',
    ExpressionAttributeValues: { ':withdrawn': withdrawn },
  };
  return writeIf(() =>
    also.length === 0
      ? table.client.send(new UpdateCommand(update))
      : table.client.send(new TransactWriteCommand({ TransactItems: [{ Update: update }, ...also] })),
  );
}
