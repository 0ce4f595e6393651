import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bundledCalendarYears } from '../../../functions/core/calendar/bundled-calendar.ts';
import { Temporal } from '../../../functions/core/calendar/local-date.ts';
import { OfficeCalendar, type OfficeCalendarYear } from '../../../functions/core/calendar/office-calendar.ts';

const date = (iso: string) => Temporal.PlainDate.from(iso);
const calendar = OfficeCalendar.from(bundledCalendarYears());

describe('bundled office calendar', () => {
  it.each([
    // 4th Wednesdays that are days off, so a "4th Wednesday" series must move them.
    ['2018-02-28', false, '和平紀念日'],
    ['2023-01-25', false, '補假'],
    ['2024-02-28', false, '和平紀念日'],
    // 2023's six make-up Saturdays.
    ['2023-01-07', true, '補行上班'],
    ['2023-02-04', true, '補行上班'],
    ['2023-02-18', true, '補行上班'],
    ['2023-03-25', true, '補行上班'],
    ['2023-06-17', true, '補行上班'],
    ['2023-09-23', true, '補行上班'],
    // Added by the June 2025 revised edition.
    ['2025-09-29', false, '補假'],
    ['2025-10-24', false, '補假'],
    ['2025-12-25', false, '行憲紀念日'],
    // 調整放假 bridge days and the 2017 調整上班 wording.
    ['2023-01-27', false, '調整放假'],
    ['2023-10-09', false, '調整放假'],
    ['2017-02-18', true, '調整上班'],
    ['2026-06-19', false, '端午節'],
    // Ordinary days carry no label.
    ['2023-02-21', true, undefined], // Tuesday, the seed's first meeting
    ['2023-01-08', false, undefined], // Sunday
    // A holiday on a weekend is off as any weekend; the compact data does not keep its name.
    ['2023-01-01', false, undefined],
  ])('%s is working=%s (%s)', (iso, working, label) => {
    const status = calendar.dayStatus(date(iso));
    expect(status).toEqual({ date: date(iso), working, provisional: false, ...(label ? { label } : {}) });
    expect(calendar.isWorkingDay(date(iso))).toBe(working);
    expect(calendar.isProvisional(date(iso))).toBe(false);
  });

  it('puts every meeting of the seed 2023 plan on a working day', () => {
    const plan = ['02-21', '03-29', '04-26', '05-24', '06-28', '07-26', '08-23', '09-27', '10-24', '11-22', '12-15'];
    for (const day of plan) expect(calendar.isWorkingDay(date(`2023-${day}`)), day).toBe(true);
  });

  it('loads exactly the years in functions/core/calendar/data', () => {
    const files = readdirSync(new URL('../../../functions/core/calendar/data/', import.meta.url))
      .filter((name) => name.endsWith('.json'))
      .map((name) => Number(name.slice(0, 4)));
    expect(calendar.loadedYears()).toEqual(files.sort((a, b) => a - b));
    expect(calendar.loadedYears()).toEqual([2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]);
  });

  it('hands out years that cannot be edited in place', () => {
    const [first] = bundledCalendarYears();
    expect(() => {
      if (first) first.daysOff['0102'] = '放假';
    }).toThrow(TypeError);
  });
});

describe('a year with no calendar loaded', () => {
  it.each([
    // Lunar New Year's Day 2028, a 4th Wednesday: off in reality, but unknown until 2028 is loaded.
    ['2028-01-26', true],
    ['2028-01-29', false], // Saturday
    ['2016-02-08', true], // before the first bundled year
  ])('%s is provisional, working=%s by weekends-only rules', (iso, working) => {
    expect(calendar.dayStatus(date(iso))).toEqual({ date: date(iso), working, provisional: true });
    expect(calendar.isProvisional(date(iso))).toBe(true);
  });

  it('follows weekends-only rules for any date', () => {
    const empty = OfficeCalendar.from([]);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 * 200 }), (offset) => {
        const day = date('1950-01-01').add({ days: offset });
        expect(empty.dayStatus(day)).toEqual({ date: day, working: day.dayOfWeek <= 5, provisional: true });
      }),
    );
  });
});

describe('closures', () => {
  const typhoon = { date: '2023-07-26', reason: '颱風停止上班' };

  it.each([
    ['a working Wednesday', '2023-07-26', false],
    ['a make-up Saturday', '2023-01-07', false],
    ['a day in a provisional year', '2028-01-27', true],
  ])('close %s', (_what, iso, provisional) => {
    const closed = calendar.withClosures([{ date: iso, reason: '颱風停止上班' }]);
    expect(closed.dayStatus(date(iso))).toEqual({
      date: date(iso),
      working: false,
      provisional,
      label: '颱風停止上班',
      closure: '颱風停止上班',
    });
    expect(closed.isWorkingDay(date(iso))).toBe(false);
  });

  it('leaves the original calendar and other days alone', () => {
    const closed = calendar.withClosures([typhoon]);
    expect(calendar.isWorkingDay(date('2023-07-26'))).toBe(true);
    expect(closed.isWorkingDay(date('2023-07-25'))).toBe(true);
    expect(closed.isWorkingDay(date('2023-07-27'))).toBe(true);
  });

  it('can be given to from() and accumulate through withClosures()', () => {
    const closed = OfficeCalendar.from(bundledCalendarYears(), [typhoon]).withClosures([
      { date: '2023-07-27', reason: '颱風停止上班' },
      { date: '2023-07-26', reason: '停電' },
    ]);
    expect(closed.dayStatus(date('2023-07-26')).closure).toBe('颱風停止上班；停電');
    expect(closed.isWorkingDay(date('2023-07-27'))).toBe(false);
  });

  it.each([
    [{ date: '2023-7-26', reason: '颱風停止上班' }, /格式不對，應為 YYYY-MM-DD/],
    [{ date: '2023-02-30', reason: '颱風停止上班' }, /不是實際存在的日期/],
    [{ date: '2023-07-26T09:00', reason: '颱風停止上班' }, /格式不對，應為 YYYY-MM-DD/],
    [{ date: '2023-07-26', reason: '  ' }, /請填寫停止上班的原因/],
  ])('rejects %o', (closure, error) => {
    expect(() => calendar.withClosures([closure])).toThrow(RangeError);
    expect(() => calendar.withClosures([closure])).toThrow(error);
  });
});

describe('OfficeCalendar.from', () => {
  const firstEdition2025: OfficeCalendarYear = {
    year: 2025,
    source: '114年 first edition',
    daysOff: { '0101': '開國紀念日', '0228': '和平紀念日' },
    workdays: { '0208': '補行上班' },
  };

  it('lets a later edition of a year replace an earlier one', () => {
    const revised = calendar.dayStatus(date('2025-09-29'));
    const first = OfficeCalendar.from([firstEdition2025]);
    const both = OfficeCalendar.from([firstEdition2025, ...bundledCalendarYears()]);
    expect(first.isWorkingDay(date('2025-09-29'))).toBe(true);
    expect(both.dayStatus(date('2025-09-29'))).toEqual(revised);
  });

  it.each([
    ['a weekend day listed as a day off', { daysOff: { '0201': '放假' } }, /weekend day/],
    ['a weekday listed as a workday', { workdays: { '0203': '補行上班' } }, /is a weekday/],
    ['a date that does not exist', { daysOff: { '0230': '放假' } }, /not a valid MMDD/],
    ['a key that is not MMDD', { daysOff: { '2025-01-01': '放假' } }, /not a valid MMDD/],
    ['a year that is not a year', { year: 20.25 }, /not a year/],
  ])('rejects %s', (_what, change, error) => {
    expect(() => OfficeCalendar.from([{ ...firstEdition2025, ...change }])).toThrow(error);
  });
});
