import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { bundledCalendarYears } from '../../../functions/core/calendar/bundled-calendar.ts';
import { Temporal } from '../../../functions/core/calendar/local-date.ts';
import { OfficeCalendar, type OfficeCalendarYear } from '../../../functions/core/calendar/office-calendar.ts';
import {
  OfficeCalendarImportError,
  parseDgpaCsv,
  parseOpenDataJson,
  serializeYear,
} from '../../../functions/core/calendar/office-calendar-import.ts';
import { weekdayChar } from '../../../functions/core/calendar/roc-date.ts';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const dataDir = join(repoRoot, 'functions/core/calendar/data');
// The shared open-data files the bundled data was imported from; outside the repo, so optional.
const sharedDir = process.env.OFFICE_CALENDAR_SOURCE_DIR ?? join(repoRoot, '../shared/data/taiwan-office-calendar');

// 2023 and 2026 as the official calendar has them: weekdays off and weekend make-up workdays.
const days2023 = {
  daysOff: {
    '0102': '補假',
    '0120': '小年夜',
    '0123': '春節',
    '0124': '春節',
    '0125': '補假',
    '0126': '補假',
    '0127': '調整放假',
    '0227': '調整放假',
    '0228': '和平紀念日',
    '0403': '調整放假',
    '0404': '兒童節',
    '0405': '民族掃墓節',
    '0622': '端午節',
    '0623': '調整放假',
    '0929': '中秋節',
    '1009': '調整放假',
    '1010': '國慶日',
  },
  workdays: {
    '0107': '補行上班',
    '0204': '補行上班',
    '0218': '補行上班',
    '0325': '補行上班',
    '0617': '補行上班',
    '0923': '補行上班',
  },
};
const days2026 = {
  daysOff: {
    '0101': '開國紀念日',
    '0216': '農曆除夕',
    '0217': '春節',
    '0218': '春節',
    '0219': '春節',
    '0220': '補假',
    '0227': '補假',
    '0403': '補假',
    '0406': '補假',
    '0501': '勞動節',
    '0619': '端午節',
    '0925': '中秋節',
    '0928': '孔子誕辰紀念日/教師節',
    '1009': '補假',
    '1026': '補假',
    '1225': '行憲紀念日',
  },
  workdays: {},
};

/** A DGPA-style CSV for a whole year, as lines (header first), from its compact exceptions. */
function dgpaCsvLines(year: number, days: Pick<OfficeCalendarYear, 'daysOff' | 'workdays'>): string[] {
  const lines = ['西元日期,星期,是否放假,備註'];
  for (let day = Temporal.PlainDate.from({ year, month: 1, day: 1 }); day.year === year; day = day.add({ days: 1 })) {
    const compact = day.toString().replaceAll('-', '');
    const key = compact.slice(4);
    const weekend = day.dayOfWeek >= 6;
    const label = (weekend ? days.workdays[key] : days.daysOff[key]) ?? '';
    const off = weekend ? label === '' : label !== '';
    lines.push(`${compact},${weekdayChar(day)},${off ? 2 : 0},${label}`);
  }
  return lines;
}

const utf8WithBom = (lines: string[]) => new TextEncoder().encode(`\uFEFF${lines.join('\r\n')}\r\n`);

// Big5 (CP950) code points of the few characters the 2023 CSV needs, from Python's cp950 codec.
const BIG5 = new Map(
  (
    '西a6e8 元a4b8 日a4e9 期b4c1 星ac50 是ac4f 否a75f 放a9f1 假b0b2 備b3c6 註b5f9 一a440 二a447 三a454 ' +
    '四a57c 五a4ad 六a4bb 補b8c9 小a470 年a67e 夜a95d 春ac4b 節b860 調bdd5 整bee3 和a94d 平a5ad 紀acf6 ' +
    '念a9c0 兒a8e0 童b5a3 民a5c1 族b1da 掃b1bd 墓b9d3 端badd 午a4c8 中a4a4 秋acee 國b0ea 慶bc79 行a6e6 ' +
    '上a457 班af5a'
  )
    .split(' ')
    .map((pair) => [pair.slice(0, 1), [parseInt(pair.slice(1, 3), 16), parseInt(pair.slice(3, 5), 16)]] as const),
);

function big5(lines: string[]): Uint8Array {
  const bytes: number[] = [];
  for (const char of `${lines.join('\r\n')}\r\n`) {
    const pair = BIG5.get(char);
    if (pair) bytes.push(...pair);
    else if (char.charCodeAt(0) < 0x80) bytes.push(char.charCodeAt(0));
    else throw new Error(`no Big5 bytes for ${char} in the test table`);
  }
  return Uint8Array.from(bytes);
}

const lineOf = (lines: string[], compactDate: string) => lines.findIndex((line) => line.startsWith(compactDate)) + 1;

describe('parseDgpaCsv', () => {
  it('reads a UTF-8 CSV with BOM and CRLF', () => {
    const year = parseDgpaCsv(utf8WithBom(dgpaCsvLines(2026, days2026)), '115年中華民國政府行政機關辦公日曆表.csv');
    expect(year).toEqual({
      year: 2026,
      source: '行政院人事行政總處 政府行政機關辦公日曆表 (data.gov.tw 14718): 115年中華民國政府行政機關辦公日曆表.csv',
      ...days2026,
    });
  });

  it('reads a Big5 (CP950) CSV', () => {
    const bytes = big5(dgpaCsvLines(2023, days2023));
    expect(bytes.slice(0, 4)).toEqual(Uint8Array.from([0xa6, 0xe8, 0xa4, 0xb8])); // 西元, not UTF-8
    expect(parseDgpaCsv(bytes, '112年辦公日曆表.csv')).toMatchObject({ year: 2023, ...days2023 });
  });

  it('reads UTF-8 without a BOM, LF line ends and a missing 備註 column', () => {
    const lines = dgpaCsvLines(2026, days2026).map((line) => (line.endsWith(',') ? line.slice(0, -1) : line));
    const year = parseDgpaCsv(new TextEncoder().encode(lines.join('\n')), '2026.csv');
    expect(year).toMatchObject(days2026);
  });

  it('accepts quoted fields and trailing blank lines', () => {
    const lines = dgpaCsvLines(2026, days2026).map((line) => line.replace(',孔子誕辰紀念日/教師節', ',"孔子誕辰紀念日/教師節"'));
    expect(parseDgpaCsv(utf8WithBom([...lines, '', '']), '2026.csv')).toMatchObject(days2026);
  });

  it('labels a day off or make-up workday that has no 備註', () => {
    const lines = dgpaCsvLines(2023, days2023).map((line) => line.replace(/^(20230228,二,2|20230107,六,0),.*$/, '$1,'));
    const year = parseDgpaCsv(utf8WithBom(lines), '2023.csv');
    expect(year.daysOff['0228']).toBe('放假');
    expect(year.workdays['0107']).toBe('補行上班');
  });

  // Each malformed file: how it is broken, the line the error must name, and the reason.
  const good = dgpaCsvLines(2026, days2026);
  const without = (date: string) => good.filter((line) => !line.startsWith(date));
  it.each<[string, () => Uint8Array, number, RegExp]>([
    ['bad header', () => utf8WithBom(['date,week,isHoliday,note', ...good.slice(1)]), 1, /expected the header/],
    ['empty file', () => new Uint8Array(), 1, /expected the header/],
    ['header only', () => utf8WithBom(good.slice(0, 1)), 2, /no days/],
    ['bad date', () => utf8WithBom(good.map((l) => l.replace('20260213,', '20260230,'))), 45, /"20260230" is not a valid date/],
    ['not a date', () => utf8WithBom(good.map((l) => l.replace('20260213,', '2026-2-13,'))), 45, /not a valid date/],
    [
      'wrong weekday',
      () => utf8WithBom(good.map((l) => l.replace('20260619,五', '20260619,四'))),
      171,
      /20260619 is a 星期五, but the row says "四"/,
    ],
    [
      'duplicate date',
      () => utf8WithBom([...good.slice(0, 6), good[5] ?? '', ...good.slice(6)]),
      7,
      /20260105 appears twice \(first on line 6\)/,
    ],
    ['missing day', () => utf8WithBom(without('20260213')), 45, /20260213 is missing: the file has 364 of the 365 days of 2026/],
    ['missing last day', () => utf8WithBom(without('20261231')), 366, /20261231 is missing/],
    [
      'mixed years',
      () => utf8WithBom([...good.slice(0, 365), '20270101,五,2,開國紀念日']),
      366,
      /20270101 is in 2027, but the file is for 2026 \(line 2\)/,
    ],
    [
      'bad 是否放假',
      () => utf8WithBom(good.map((l) => l.replace('20260105,一,0', '20260105,一,1'))),
      6,
      /是否放假 must be 2 \(day off\) or 0/,
    ],
    ['too many columns', () => utf8WithBom(good.map((l) => l.replace('20260105,一,0,', '20260105,一,0,,x'))), 6, /expected 4 columns/],
    [
      'bytes neither UTF-8 nor Big5',
      () => Uint8Array.from([...big5(dgpaCsvLines(2023, days2023).slice(0, 3)), 0xa4, 0x0a]),
      4,
      /neither UTF-8 nor Big5/,
    ],
    ['UTF-16', () => Uint8Array.from([0xff, 0xfe, 0x7f, 0x89]), 1, /UTF-16/],
  ])('%s', (_what, bytes, line, reason) => {
    const fileName = 'broken.csv';
    let error: unknown;
    try {
      parseDgpaCsv(bytes(), fileName);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(OfficeCalendarImportError);
    const importError = error as OfficeCalendarImportError;
    expect(importError.message).toMatch(new RegExp(`^broken\\.csv line ${line}: `));
    expect(importError.message).toMatch(reason);
    expect({ fileName: importError.fileName, line: importError.line }).toEqual({ fileName, line });
  });

  it('rejects a Big5 file with a bad row by its line too', () => {
    const lines = dgpaCsvLines(2023, days2023).map((l) => l.replace('20230125,三', '20230125,四'));
    expect(() => parseDgpaCsv(big5(lines), '112.csv')).toThrow(`112.csv line ${lineOf(lines, '20230125')}: 20230125 is a 星期三`);
  });
});

describe('parseOpenDataJson', () => {
  const rows = (lines: string[]) => `[\n${lines.join(',\n')}\n]\n`;
  const row = (date: string, week: string, isHoliday: boolean, description = '') =>
    JSON.stringify({ date, week, isHoliday, description }).replaceAll('":', '": ').replaceAll(',"', ', "');
  const year2026 = dgpaCsvLines(2026, days2026)
    .slice(1)
    .map((line) => {
      const [date = '', week = '', off = '', label = ''] = line.split(',');
      return row(date, week, off === '2', label);
    });

  it('reads the open-data format', () => {
    expect(parseOpenDataJson(rows(year2026), '2026.json')).toEqual({
      year: 2026,
      source: '行政院人事行政總處 政府行政機關辦公日曆表 (data.gov.tw 14718): 2026.json',
      ...days2026,
    });
  });

  it.each<[string, string, number, RegExp]>([
    ['not JSON', rows(year2026).replace('"isHoliday": false', '"isHoliday": nope'), 3, /not valid JSON/],
    ['not JSON, with a position', rows(year2026).replace('}', '}}'), 2, /not valid JSON/],
    ['not an array', '{"date": "20260101"}', 1, /expected a JSON array/],
    ['a missing field', rows(year2026.map((r) => r.replace(', "isHoliday": false', ''))), 3, /day 2 field "isHoliday"/],
    ['a wrong type', rows(year2026.map((r, i) => (i === 4 ? r.replace('false', '"false"') : r))), 6, /day 5 field "isHoliday"/],
    [
      'wrong weekday',
      rows(year2026.map((r) => r.replace('"20260619", "week": "五"', '"20260619", "week": "四"'))),
      171,
      /20260619 is a 星期五/,
    ],
    ['missing day', rows(year2026.filter((r) => !r.includes('20260213'))), 45, /20260213 is missing/],
  ])('rejects %s, naming the line', (_what, text, line, reason) => {
    expect(() => parseOpenDataJson(text, '2026.json')).toThrow(OfficeCalendarImportError);
    expect(() => parseOpenDataJson(text, '2026.json')).toThrow(new RegExp(`^2026\\.json line ${line}: ${reason.source}`));
  });

  // The oracle: the zod schema each entry was checked with before the check was written out, with
  // zod's English messages. Same verdict, same first issue, same words, for any JSON an entry can be.
  const zodOpenDataDay = z.object({ date: z.string(), week: z.string(), isHoliday: z.boolean(), description: z.optional(z.string()) });
  const zodVerdict = (entry: unknown): string | undefined => {
    const parsed = zodOpenDataDay.safeParse(entry, { error: en().localeError });
    if (parsed.success) return undefined;
    const issue = parsed.error.issues[0]!;
    const path = issue.path.join('.');
    return `day 1${path === '' ? '' : ` field "${path}"`}: ${issue.message}`;
  };

  it('checks each entry as the zod schema did, word for word (property)', () => {
    const value = fc.oneof(fc.jsonValue({ maxDepth: 1 }), fc.constant('20260101'), fc.constant('四'), fc.boolean());
    const entry = fc.oneof(
      fc.record({ date: value, week: value, isHoliday: value, description: value, other: value }, { requiredKeys: [] }),
      fc.record(
        { date: fc.constant('20260101'), week: fc.constant('四'), isHoliday: fc.boolean(), description: value },
        { requiredKeys: ['date', 'week', 'isHoliday'] },
      ),
      fc.jsonValue({ maxDepth: 2 }),
    );
    fc.assert(
      fc.property(entry, (candidate) => {
        const read: unknown = JSON.parse(JSON.stringify(candidate) ?? 'null');
        const expected = zodVerdict(read);
        let found: string | undefined;
        try {
          parseOpenDataJson(JSON.stringify([read]), '2026.json');
        } catch (error) {
          found = (error as OfficeCalendarImportError).reason;
        }
        // A well-formed entry goes on to the year's checks (one day is not a year): not an entry problem.
        if (expected === undefined) expect(found).not.toMatch(/^day 1/);
        else expect(found).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('finds entry lines in compact JSON too', () => {
    const text = `[${year2026.slice(0, 3).join(',')},\n${year2026.slice(3).join(',').replace('"20260619", "week": "五"', '"20260619", "week": "四"')}]`;
    expect(() => parseOpenDataJson(text, 'one-line.json')).toThrow(/^one-line\.json line 2: 20260619/);
  });
});

describe('serializeYear', () => {
  const year2023: OfficeCalendarYear = { year: 2023, source: 'test', ...days2023 };

  it('writes days in calendar order, October after September', () => {
    const text = serializeYear({ ...year2023, daysOff: { '1010': '國慶日', '0102': '補假', '0929': '中秋節' } });
    expect(text).toBe(
      '{\n  "year": 2023,\n  "source": "test",\n  "daysOff": {\n    "0102": "補假",\n    "0929": "中秋節",\n' +
        '    "1010": "國慶日"\n  },\n  "workdays": {\n    "0107": "補行上班",\n    "0204": "補行上班",\n' +
        '    "0218": "補行上班",\n    "0325": "補行上班",\n    "0617": "補行上班",\n    "0923": "補行上班"\n  }\n}\n',
    );
  });

  it('round-trips through JSON.parse', () => {
    expect(JSON.parse(serializeYear(year2023))).toEqual(year2023);
    expect(serializeYear({ ...year2023, workdays: {} })).toContain('"workdays": {}\n}');
  });

  it.each(readdirSync(dataDir).filter((name) => name.endsWith('.json')))('keeps data/%s in its serialized form', (name) => {
    const text = readFileSync(join(dataDir, name), 'utf8');
    expect(serializeYear(JSON.parse(text) as OfficeCalendarYear)).toBe(text);
  });

  it('bundles the DGPA 2023 calendar unchanged', () => {
    expect(bundledCalendarYears().find((y) => y.year === 2023)).toMatchObject(days2023);
    expect(bundledCalendarYears().find((y) => y.year === 2026)).toMatchObject(days2026);
  });
});

describe.skipIf(!existsSync(sharedDir))('round trip against the shared open-data files', () => {
  const years = [2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026];
  const bundled = OfficeCalendar.from(bundledCalendarYears());

  it.each(years)('%i: compact form agrees day by day with isHoliday', (year) => {
    const text = readFileSync(join(sharedDir, `${year}.json`), 'utf8');
    const shared = JSON.parse(text) as { date: string; isHoliday: boolean; description: string }[];
    const compact = parseOpenDataJson(text, `${year}.json`);
    // Through the text form too, as the bundle reads it.
    const reparsed = OfficeCalendar.from([JSON.parse(serializeYear(compact)) as OfficeCalendarYear]);
    expect(shared).toHaveLength(Temporal.PlainDate.from({ year, month: 1, day: 1 }).daysInYear);
    for (const day of shared) {
      const date = Temporal.PlainDate.from(`${day.date.slice(0, 4)}-${day.date.slice(4, 6)}-${day.date.slice(6)}`);
      expect(reparsed.isWorkingDay(date), day.date).toBe(!day.isHoliday);
      expect(bundled.isWorkingDay(date), day.date).toBe(!day.isHoliday);
    }
    const { source: _source, ...committed } = JSON.parse(readFileSync(join(dataDir, `${year}.json`), 'utf8')) as OfficeCalendarYear;
    expect(compact).toMatchObject(committed);
  });
});

describe('bin/import-office-calendar.ts', () => {
  const run = promisify(execFile);
  const tsx = join(repoRoot, 'node_modules/.bin/tsx');
  const script = join(repoRoot, 'bin/import-office-calendar.ts');

  it('writes <year>.json from a DGPA CSV and refuses a broken one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'office-calendar-'));
    const csv = join(dir, '112年辦公日曆表.csv');
    writeFileSync(csv, big5(dgpaCsvLines(2023, days2023)));
    const out = join(dir, 'data');
    await run(tsx, [script, csv, '--out', out]);
    const written = readFileSync(join(out, '2023.json'), 'utf8');
    expect(written).toBe(serializeYear(parseDgpaCsv(readFileSync(csv), '112年辦公日曆表.csv')));

    const broken = join(dir, 'broken.csv');
    writeFileSync(broken, utf8WithBom(dgpaCsvLines(2024, { daysOff: {}, workdays: {} }).slice(0, 100)));
    const failure = run(tsx, [script, broken, '--out', out]);
    await expect(failure).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/broken\.csv line 101: 20240409 is missing/) as unknown,
    });
    expect(readdirSync(out)).toEqual(['2023.json']);
  }, 60_000);
});
