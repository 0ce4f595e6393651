// Turns the DGPA office calendar (行政院人事行政總處 政府行政機關辦公日曆表) into the compact
// OfficeCalendarYear. The secretariat imports a new year once a year, usually from a file they
// downloaded and perhaps re-saved in Excel, so every check names the file and line it tripped on,
// and nothing is returned unless the whole year is sound: a half-imported calendar would quietly
// put meetings on holidays.
import { Temporal } from './local-date.ts';
import type { OfficeCalendarYear } from './office-calendar.ts';
import { weekdayChar } from './roc-date.ts';

export class OfficeCalendarImportError extends Error {
  override readonly name = 'OfficeCalendarImportError';

  constructor(
    readonly fileName: string,
    readonly line: number,
    readonly reason: string,
    /** The same reason in zh-TW, for the secretariat who uploaded the file. */
    readonly reasonZh: string = reason,
  ) {
    super(`${fileName} line ${line}: ${reason}`);
  }

  /** 「116年辦公日曆表.csv」第 3 行：… */
  get messageZh(): string {
    return `「${baseName(this.fileName)}」第 ${this.line} 行：${this.reasonZh}`;
  }
}

const DGPA_SOURCE = '行政院人事行政總處 政府行政機關辦公日曆表 (data.gov.tw 14718)';
const DGPA_HEADER = ['西元日期', '星期', '是否放假', '備註'] as const;
// Used when the file leaves 備註 empty, so that a day off still explains itself to a person.
const DEFAULT_DAY_OFF_LABEL = '放假';
const DEFAULT_WORKDAY_LABEL = '補行上班';

/** One day as any source format states it, before the year is checked as a whole. */
type DayRow = { line: number; date: string; week: string; off: boolean; label: string };

// ---------------------------------------------------------------------------------------------
// DGPA CSV: 西元日期,星期,是否放假,備註 — e.g. 20260619,五,2,端午節

export function parseDgpaCsv(bytes: Uint8Array, fileName: string): OfficeCalendarYear {
  const lines = decodeLines(bytes, fileName);
  const header = splitCsvLine(lines[0] ?? '').map((field) => field.trim());
  if (header.length !== DGPA_HEADER.length || header.some((field, i) => field !== DGPA_HEADER[i])) {
    fail(
      fileName,
      1,
      `expected the header "${DGPA_HEADER.join(',')}", found "${lines[0] ?? ''}"`,
      `第一行應為標題「${DGPA_HEADER.join(',')}」，檔案卻是「${lines[0] ?? ''}」`,
    );
  }
  const rows: DayRow[] = [];
  lines.forEach((text, index) => {
    const line = index + 1;
    if (line === 1 || text.trim() === '') return;
    const fields = splitCsvLine(text).map((field) => field.trim());
    // Some exports drop the trailing empty 備註 column entirely.
    if (fields.length === 3) fields.push('');
    if (fields.length !== 4)
      fail(
        fileName,
        line,
        `expected 4 columns (${DGPA_HEADER.join(',')}), found ${fields.length}`,
        `應有 4 欄（${DGPA_HEADER.join(',')}），這一行有 ${fields.length} 欄`,
      );
    const [date = '', week = '', offFlag = '', label = ''] = fields;
    if (offFlag !== '0' && offFlag !== '2') {
      fail(
        fileName,
        line,
        `是否放假 must be 2 (day off) or 0 (working day), found "${offFlag}"`,
        `「是否放假」應為 2（放假）或 0（上班），這一行是「${offFlag}」`,
      );
    }
    rows.push({ line, date, week, off: offFlag === '2', label });
  });
  // Where a missing last day would have been: after the last non-blank line.
  const endLine = lines.findLastIndex((text) => text.trim() !== '') + 2;
  return compactYear(rows, fileName, `${DGPA_SOURCE}: ${baseName(fileName)}`, endLine);
}

/**
 * The DGPA publishes in Big5 (CP950) or UTF-8 with a BOM, and Excel may re-save either way.
 * Big5 never uses 0x0A inside a character, so the bytes can be split into lines first and each line
 * decoded on its own, which lets a bad byte be reported with its line number.
 */
function decodeLines(bytes: Uint8Array, fileName: string): string[] {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    fail(
      fileName,
      1,
      'the file is UTF-16; save it as UTF-8 or Big5 (CP950) CSV',
      '檔案是 UTF-16 編碼；請另存為 UTF-8 或 Big5（CP950）的 CSV',
    );
  }
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = hasBom ? bytes.subarray(3) : bytes;
  // Without a BOM, valid UTF-8 is taken as UTF-8: Big5 Chinese text is practically never valid UTF-8.
  const encoding = hasBom || isUtf8(body) ? 'utf-8' : 'big5';
  const decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
  const lines: string[] = [];
  let start = 0;
  for (let end = 0; end <= body.length; end++) {
    if (end < body.length && body[end] !== 0x0a) continue;
    const stop = end > start && body[end - 1] === 0x0d ? end - 1 : end;
    try {
      lines.push(decoder.decode(body.subarray(start, stop)));
    } catch {
      fail(fileName, lines.length + 1, `the text is neither UTF-8 nor Big5 (CP950)`, '文字既不是 UTF-8 也不是 Big5（CP950）編碼');
    }
    start = end + 1;
  }
  return lines;
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Comma-separated fields; a field may be double-quoted, with "" for a literal quote. */
function splitCsvLine(text: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        field += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      fields.push(field);
      field = '';
    } else {
      field += ch;
    }
  }
  fields.push(field);
  return fields;
}

// ---------------------------------------------------------------------------------------------
// Open-data JSON: [{"date": "20240228", "week": "三", "isHoliday": true, "description": "和平紀念日"}, …]

type OpenDataDay = { date: string; week: string; isHoliday: boolean; description?: string };

/** What is wrong with one entry: the field (none when the entry itself is wrong) and why, in English. */
type EntryProblem = { path: string; message: string };

/**
 * Checks one entry as zod's z.object({ date: string, week: string, isHoliday: boolean, description?:
 * string }) did, with the first issue zod would report and its English message word for word
 * ("Invalid input: expected string, received number"). Hand-written because this was the only zod
 * schema of the console's office-calendar function (zod/mini and its messages: 24 KB there); the
 * values are JSON.parse's, so a type is one of six. test/unit/calendar/office-calendar-import.test.ts
 * holds it to that zod schema as the oracle.
 */
function readOpenDataDay(entry: unknown): { day: OpenDataDay } | { problem: EntryProblem } {
  const wrong = (path: string, expected: string, value: unknown) => ({
    problem: {
      path,
      message: `Invalid input: expected ${expected}, received ${value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value}`,
    },
  });
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return wrong('', 'object', entry);
  const day = entry as Record<string, unknown>;
  for (const [key, type] of [
    ['date', 'string'],
    ['week', 'string'],
    ['isHoliday', 'boolean'],
  ] as const)
    if (typeof day[key] !== type) return wrong(key, type, day[key]);
  if (day.description !== undefined && typeof day.description !== 'string') return wrong('description', 'string', day.description);
  return { day: day as OpenDataDay };
}

export function parseOpenDataJson(text: string, fileName: string): OfficeCalendarYear {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    fail(fileName, syntaxErrorLine(text, String(error)), `not valid JSON (${String(error)})`, '不是有效的 JSON');
  }
  if (!Array.isArray(data)) fail(fileName, 1, 'expected a JSON array of days', '應為每日一筆的 JSON 陣列');
  const entries = topLevelEntries(text);
  const rows = data.map((entry: unknown, index): DayRow => {
    const line = entries[index]?.line ?? 1;
    const read = readOpenDataDay(entry);
    if ('problem' in read) {
      const { path, message } = read.problem;
      fail(
        fileName,
        line,
        `day ${index + 1}${path === '' ? '' : ` field "${path}"`}: ${message}`,
        `第 ${index + 1} 筆${path === '' ? '' : `的欄位「${path}」`}格式不對`,
      );
    }
    const { day } = read;
    return { line, date: day.date, week: day.week, off: day.isHoliday, label: day.description ?? '' };
  });
  return compactYear(rows, fileName, `${DGPA_SOURCE}: ${baseName(fileName)}`, lineAt(text, text.lastIndexOf(']')));
}

function lineAt(text: string, position: number): number {
  let line = 1;
  for (let i = 0; i < position && i < text.length; i++) if (text[i] === '\n') line++;
  return line;
}

/**
 * Node 20's JSON.parse gives a position for some syntax errors and only a snippet for others
 * ("Unexpected token"). Without a position, the first array entry that does not parse on its own
 * is where the file is broken.
 */
function syntaxErrorLine(text: string, message: string): number {
  const line = /\(line (\d+) column \d+\)/.exec(message)?.[1];
  if (line !== undefined) return Number(line);
  const position = /at position (\d+)/.exec(message)?.[1];
  if (position !== undefined) return lineAt(text, Number(position));
  const broken = topLevelEntries(text).find((entry) => !isJson(text.slice(entry.start, entry.end)));
  return broken?.line ?? lineAt(text, text.length);
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Where each element of the top-level array starts and ends, so errors can point at its line.
 * A lenient scan (strings and brackets only), so that it also works on text JSON.parse rejected.
 */
function topLevelEntries(text: string): { line: number; start: number; end: number }[] {
  const entries: { line: number; start: number; end: number }[] = [];
  let open: { line: number; start: number } | undefined;
  let line = 1;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let expectingEntry = false;
  const close = (end: number): void => {
    if (open) entries.push({ ...open, end });
    open = undefined;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (ch === '\n') line++;
    if (inString) {
      if (escaped) escaped = false;
      else if (ch === '\\') escaped = true;
      else if (ch === '"') inString = false;
      continue;
    }
    if (/\s/.test(ch)) continue;
    if (depth === 1 && expectingEntry && ch !== ']' && ch !== ',') {
      open = { line, start: i };
      expectingEntry = false;
    }
    if (ch === '"') {
      inString = true;
    } else if (ch === '[' || ch === '{') {
      depth++;
      if (depth === 1) expectingEntry = true;
    } else if (ch === ']' || ch === '}') {
      if (depth === 1) close(i);
      depth--;
    } else if (ch === ',' && depth === 1) {
      close(i);
      expectingEntry = true;
    }
  }
  close(text.length);
  return entries;
}

// ---------------------------------------------------------------------------------------------
// Checks shared by both formats, then the compact form.

function compactYear(rows: DayRow[], fileName: string, source: string, endLine: number): OfficeCalendarYear {
  let year: { value: number; line: number } | undefined;
  const seen = new Map<string, DayRow>();
  const daysOff: Record<string, string> = {};
  const workdays: Record<string, string> = {};
  for (const row of rows) {
    const date = parseCompactDate(row.date);
    if (date === undefined)
      fail(
        fileName,
        row.line,
        `"${row.date}" is not a valid date (expected YYYYMMDD)`,
        `「${row.date}」不是實際存在的日期（應為 YYYYMMDD）`,
      );
    if (year === undefined) year = { value: date.year, line: row.line };
    if (date.year !== year.value) {
      fail(
        fileName,
        row.line,
        `${row.date} is in ${date.year}, but the file is for ${year.value} (line ${year.line}); one year per file`,
        `${row.date} 是 ${date.year} 年，但這個檔案是 ${year.value} 年的（第 ${year.line} 行）；一個檔案只能有一年`,
      );
    }
    const first = seen.get(row.date);
    if (first)
      fail(
        fileName,
        row.line,
        `${row.date} appears twice (first on line ${first.line})`,
        `${row.date} 重複出現（第一次在第 ${first.line} 行）`,
      );
    seen.set(row.date, row);
    const expected = weekdayChar(date);
    if (row.week !== expected) {
      fail(
        fileName,
        row.line,
        `${row.date} is a 星期${expected}, but the row says "${row.week}"`,
        `${row.date} 是星期${expected}，這一行卻寫「${row.week}」`,
      );
    }
    const weekend = date.dayOfWeek >= 6;
    const key = row.date.slice(4);
    if (!weekend && row.off) daysOff[key] = row.label || DEFAULT_DAY_OFF_LABEL;
    if (weekend && !row.off) workdays[key] = row.label || DEFAULT_WORKDAY_LABEL;
  }
  if (year === undefined) fail(fileName, endLine, 'no days in the file', '檔案裡沒有任何日期');
  const missing = firstMissingDay(year.value, seen);
  if (missing !== undefined) {
    const next = missing.nextRow;
    fail(
      fileName,
      next?.line ?? endLine,
      `${missing.date} is missing: the file has ${seen.size} of the ${missing.daysInYear} days of ${year.value}`,
      `缺少 ${missing.date}：檔案只有 ${year.value} 年 ${missing.daysInYear} 天中的 ${seen.size} 天`,
    );
  }
  return { year: year.value, source, daysOff, workdays };
}

function parseCompactDate(text: string): Temporal.PlainDate | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!match) return undefined;
  try {
    return Temporal.PlainDate.from({ year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) }, { overflow: 'reject' });
  } catch {
    return undefined;
  }
}

function firstMissingDay(
  year: number,
  seen: ReadonlyMap<string, DayRow>,
): { date: string; daysInYear: number; nextRow: DayRow | undefined } | undefined {
  const first = Temporal.PlainDate.from({ year, month: 1, day: 1 });
  const daysInYear = first.daysInYear;
  if (seen.size === daysInYear) return undefined;
  let missing: string | undefined;
  for (let day = first; day.year === year; day = day.add({ days: 1 })) {
    const key = compactDate(day);
    if (missing === undefined && !seen.has(key)) missing = key;
    // The row after the gap is where a person reading the file would notice it.
    else if (missing !== undefined && seen.has(key)) return { date: missing, daysInYear, nextRow: seen.get(key) };
  }
  return missing === undefined ? undefined : { date: missing, daysInYear, nextRow: undefined };
}

function compactDate(date: Temporal.PlainDate): string {
  return date.toString().replaceAll('-', '');
}

function baseName(fileName: string): string {
  return fileName.split(/[\\/]/).pop() ?? fileName;
}

function fail(fileName: string, line: number, reason: string, zh: string): never {
  throw new OfficeCalendarImportError(fileName, line, reason, zh);
}

// ---------------------------------------------------------------------------------------------

/**
 * Pretty JSON with a fixed key order and days in calendar order, so a re-import shows in a diff
 * only as the days that changed. Written by hand because JSON.stringify would put integer-like keys
 * such as "1010" before "0101".
 */
export function serializeYear(year: OfficeCalendarYear): string {
  const days = (record: Record<string, string>): string => {
    const keys = Object.keys(record).sort();
    if (keys.length === 0) return '{}';
    return `{\n${keys.map((key) => `    ${JSON.stringify(key)}: ${JSON.stringify(record[key])}`).join(',\n')}\n  }`;
  };
  return [
    '{',
    `  "year": ${JSON.stringify(year.year)},`,
    `  "source": ${JSON.stringify(year.source)},`,
    `  "daysOff": ${days(year.daysOff)},`,
    `  "workdays": ${days(year.workdays)}`,
    '}',
    '',
  ].join('\n');
}
