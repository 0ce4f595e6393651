// Next year's government office calendar (行政機關辦公日曆表), uploaded by the secretariat as the
// DGPA publishes it: the CSV in Big5 or UTF-8 (or the open-data JSON). Until it is in, next year's
// meetings are planned on weekends-only rules and marked provisional; once it is, they move off
// its holidays and bridge days and lose the mark, and every invitee of a moved meeting is told.
//
// The calendar is national (keys.calendar): one county's import serves every county of the
// deployment, and their next planning runs use it. The audit record is the importing county's.
import { randomUUID } from 'node:crypto';
import type { CountyConfig } from '../../core/series/county-config.ts';
import { OfficeCalendar, type OfficeCalendarYear } from '../../core/calendar/office-calendar.ts';
import { OfficeCalendarImportError, parseDgpaCsv, parseOpenDataJson } from '../../core/calendar/office-calendar-import.ts';
import { todayInTaipei, type Temporal } from '../../core/calendar/local-date.ts';
import type { ActionChange, SecretariatAction } from '../../core/audit/secretariat-action.ts';
import type { MeetingTable } from '../../adapters/dynamodb/meeting-table.ts';
import { readOfficeCalendar, saveCalendarYear } from '../../adapters/dynamodb/calendar-store.ts';
import { actionPuts } from '../../adapters/dynamodb/secretariat-action-store.ts';
import { withoutQueued, type PlanPreview } from './plan-preview.ts';
import type { ReplanSummary } from './replan.ts';
import { countyAction, loadCountyChange, previewCountyChange, replanAndRecord } from './county-change.ts';
import { requireReason } from './request-checks.ts';
import { SecretariatInputError } from './secretariat-input-error.ts';
import type { Actor } from './change-occurrence.ts';

export type ImportCalendarRequest = {
  /** The uploaded file's name: `.json` is the open-data JSON, anything else the DGPA CSV. */
  fileName: string;
  bytes: Uint8Array;
  reason: string;
  actor: Actor;
  now: Temporal.Instant;
};

export type ImportCalendarResult = {
  year: OfficeCalendarYear;
  /** A year already loaded (bundled or imported before) was replaced, e.g. by a revised edition. */
  replaced: boolean;
  runs: ReplanSummary[];
  action: SecretariatAction;
};

/**
 * Import a year's office calendar from an uploaded file, then re-plan every series.
 * 1. Validate: a reason; the whole file (every line: header, dates, weekdays, one year, no day
 *    missing), each problem named by its line in zh-TW; a year not already past. Nothing is read
 *    before this passes.
 * 2. Load the calendar and every series, and work out which meetings the year moves.
 * 3. Write the year and the audit record in one transaction.
 * 4. Re-plan every series on the new calendar, so moved meetings are re-placed and their invitees
 *    told, and record who was told.
 * 5. Return the year, whether it replaced one, the runs and the audit record.
 */
export async function importOfficeCalendar(
  table: MeetingTable,
  config: CountyConfig,
  request: ImportCalendarRequest,
): Promise<ImportCalendarResult> {
  const planned = await plannedImport(table, config, request);
  const recorded = { action: countyAction(planned.audit, [planned.own], planned.preview), preview: planned.preview };
  await saveCalendarYear(table, planned.year, actionPuts(table, recorded.action));
  const { calendar } = await readOfficeCalendar(table);
  const { runs, action } = await replanAndRecord(table, config, config.series, calendar, request.now, recorded);
  return { year: planned.year, replaced: planned.own.before !== null, runs, action: action! };
}

/** What importing the file would do, without writing anything: the meetings it moves and who would be told. */
export async function previewOfficeCalendarImport(
  table: MeetingTable,
  config: CountyConfig,
  request: ImportCalendarRequest,
): Promise<PlanPreview & { year: OfficeCalendarYear }> {
  const planned = await plannedImport(table, config, request);
  return { ...(await withoutQueued(table, planned.preview)), year: planned.year };
}

/** The file as a year, or a refusal naming the line; the reason and the year checked too. */
export function parseCalendarUpload(request: Pick<ImportCalendarRequest, 'fileName' | 'bytes' | 'reason' | 'now'>): {
  year: OfficeCalendarYear;
  reason: string;
} {
  const reason = requireReason(request.reason);
  const fileName = request.fileName.trim() || 'calendar.csv';
  let year: OfficeCalendarYear;
  try {
    year = fileName.toLowerCase().endsWith('.json')
      ? parseOpenDataJson(new TextDecoder('utf-8').decode(request.bytes), fileName)
      : parseDgpaCsv(request.bytes, fileName);
  } catch (error) {
    if (!(error instanceof OfficeCalendarImportError)) throw error;
    throw new SecretariatInputError({
      code: 'invalid-calendar-file',
      field: 'file',
      message: `辦公日曆檔有誤，未匯入：${error.messageZh}`,
    });
  }
  const thisYear = todayInTaipei(request.now).year;
  if (year.year < thisYear)
    throw new SecretariatInputError({
      code: 'calendar-year-past',
      field: 'file',
      message: `「${fileName}」是 ${year.year} 年的辦公日曆，已經過去；請上傳 ${thisYear} 年或以後的`,
    });
  return { year, reason };
}

async function plannedImport(table: MeetingTable, config: CountyConfig, request: ImportCalendarRequest) {
  const { year, reason } = parseCalendarUpload(request);
  const loaded = await readOfficeCalendar(table);
  const { stored, base } = await loadCountyChange(table, config.series, loaded.calendar);
  const proposal = {
    ...base,
    calendar: OfficeCalendar.from([...loaded.years.filter((y) => y.year !== year.year), year], loaded.closures),
  };
  const preview = previewCountyChange(config, config.series, { stored, base, proposal }, request.now);
  const previous = loaded.years.find((y) => y.year === year.year);
  const own: ActionChange = {
    subject: 'calendar-year',
    ref: String(year.year),
    before: previous ? summary(previous) : null,
    after: summary(year),
  };
  return {
    year,
    preview,
    own,
    audit: { id: randomUUID(), task: 'import-calendar' as const, actor: request.actor, reason, now: request.now },
  };
}

function summary(year: OfficeCalendarYear): Record<string, unknown> {
  return { source: year.source, daysOff: Object.keys(year.daysOff).length, workdays: Object.keys(year.workdays).length };
}
