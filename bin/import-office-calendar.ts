// Imports a year of the DGPA office calendar into functions/core/calendar/data/<year>.json.
//
//   npx tsx bin/import-office-calendar.ts <file.csv|file.json>... [--out functions/core/calendar/data]
//                                         [--source "…114年修正版…"]
//
// A .csv is the DGPA's own file (Big5 or UTF-8 with BOM); a .json is the open-data format of
// data/taiwan-office-calendar. Nothing is written unless every input parses. When a year already
// exists the days that changed are listed, which is what to check for a revised edition (修正版).
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { basename, extname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import type { OfficeCalendarYear } from '../functions/core/calendar/office-calendar.ts';
import {
  OfficeCalendarImportError,
  parseDgpaCsv,
  parseOpenDataJson,
  serializeYear,
} from '../functions/core/calendar/office-calendar-import.ts';

const calendarDir = fileURLToPath(new URL('../functions/core/calendar/', import.meta.url));

const usage = 'usage: npx tsx bin/import-office-calendar.ts <file.csv|file.json>... [--out DIR] [--source TEXT]';

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: 'string', default: join(calendarDir, 'data') },
      source: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || positionals.length === 0) {
    console.error(usage);
    return values.help ? 0 : 2;
  }

  const years: OfficeCalendarYear[] = [];
  for (const path of positionals) {
    const year = await parseFile(path);
    years.push(values.source === undefined ? year : { ...year, source: values.source });
  }

  await mkdir(values.out, { recursive: true });
  const bundled = await readFile(join(calendarDir, 'bundled-calendar.ts'), 'utf8').catch(() => '');
  for (const year of years) {
    const target = join(values.out, `${year.year}.json`);
    const before = await readFile(target, 'utf8').catch(() => undefined);
    await writeFile(target, serializeYear(year));
    const counts = `${Object.keys(year.daysOff).length} weekdays off, ${Object.keys(year.workdays).length} weekend workdays`;
    console.log(`${year.year}: ${counts} -> ${relative(process.cwd(), target)}`);
    if (before !== undefined) for (const change of changes(JSON.parse(before) as OfficeCalendarYear, year)) console.log(`  ${change}`);
    if (!bundled.includes(`./data/${year.year}.json`)) {
      console.log(`  note: add ${year.year}.json to functions/core/calendar/bundled-calendar.ts to ship it`);
    }
  }
  return 0;
}

async function parseFile(path: string): Promise<OfficeCalendarYear> {
  const name = basename(path);
  switch (extname(path).toLowerCase()) {
    case '.csv':
      return parseDgpaCsv(await readFile(path), name);
    case '.json':
      return parseOpenDataJson(await readFile(path, 'utf8'), name);
    default:
      throw new Error(`${name}: expected a .csv (DGPA) or .json (open data) file`);
  }
}

/** Day-level differences, e.g. "+ 0929 day off (補假)", for reviewing a revised edition. */
function changes(before: OfficeCalendarYear, after: OfficeCalendarYear): string[] {
  const lines: string[] = [];
  const compare = (kind: 'daysOff' | 'workdays', what: string): void => {
    const keys = new Set([...Object.keys(before[kind]), ...Object.keys(after[kind])]);
    for (const key of [...keys].sort()) {
      const old = before[kind][key];
      const now = after[kind][key];
      if (old === now) continue;
      if (old === undefined) lines.push(`+ ${key} ${what} (${now})`);
      else if (now === undefined) lines.push(`- ${key} ${what} (${old})`);
      else lines.push(`~ ${key} ${what}: ${old} -> ${now}`);
    }
  };
  compare('daysOff', 'day off');
  compare('workdays', 'make-up workday');
  return lines;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // An import error already names file, line and reason; a stack trace would only bury it.
    console.error(error instanceof Error ? error.message : String(error));
    if (!(error instanceof OfficeCalendarImportError)) console.error(usage);
    process.exitCode = 1;
  },
);
