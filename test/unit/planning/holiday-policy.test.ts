import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Temporal } from '../../../functions/core/calendar/local-date.ts';
import {
  holidayPolicySchema,
  placeOnWorkingDay,
  type HolidayPolicy,
  type WorkingDayCalendar,
} from '../../../functions/core/planning/holiday-policy.ts';

const date = (text: string) => Temporal.PlainDate.from(text);

// The exceptions to "Monday–Friday open" in the DGPA office calendars for 2018, 2023 and 2024
// (data/taiwan-office-calendar): weekdays off, and weekends that were make-up workdays.
const OFFICE_YEARS: Record<number, { daysOff: Record<string, string>; workdays: Record<string, string> }> = {
  2018: {
    daysOff: {
      '0101': '開國紀念日',
      '0215': '農曆除夕',
      '0216': '春節',
      '0219': '補假',
      '0220': '補假',
      '0228': '和平紀念日',
      '0404': '兒童節',
      '0405': '民族掃墓節',
      '0406': '調整放假',
      '0618': '端午節',
      '0924': '中秋節',
      '1010': '國慶日',
      '1231': '調整放假',
    },
    workdays: { '0331': '調整上班', '1222': '調整上班' },
  },
  2023: {
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
    workdays: { '0107': '補行上班', '0204': '補行上班', '0218': '補行上班', '0325': '補行上班', '0617': '補行上班', '0923': '補行上班' },
  },
  2024: {
    daysOff: {
      '0101': '開國紀念日',
      '0208': '小年夜',
      '0209': '農曆除夕',
      '0212': '春節',
      '0213': '補假',
      '0214': '補假',
      '0228': '和平紀念日',
      '0404': '兒童節及民族掃墓節',
      '0405': '補假',
      '0610': '端午節',
      '0917': '中秋節',
      '1010': '國慶日',
    },
    workdays: { '0217': '補行上班' },
  },
};

/** An in-memory office calendar; years without data fall back to weekends-only and are provisional. */
function officeCalendar(years = OFFICE_YEARS): WorkingDayCalendar {
  const mmdd = (d: Temporal.PlainDate) => d.toString().slice(5).replace('-', '');
  const exceptions = (d: Temporal.PlainDate) => years[d.year];
  return {
    isWorkingDay: (d) => {
      const year = exceptions(d);
      if (year?.workdays[mmdd(d)]) return true;
      if (year?.daysOff[mmdd(d)]) return false;
      return d.dayOfWeek <= 5;
    },
    isProvisional: (d) => exceptions(d) === undefined,
    dayStatus: (d) => {
      const label = exceptions(d)?.daysOff[mmdd(d)] ?? exceptions(d)?.workdays[mmdd(d)];
      return label ? { label } : {};
    },
  };
}

const calendar = officeCalendar();
const place = (nominal: string, policy: HolidayPolicy, earliest?: string) =>
  placeOnWorkingDay(date(nominal), policy, calendar, earliest === undefined ? undefined : date(earliest));

describe('placeOnWorkingDay', () => {
  it.each([
    // nominal (a day off), policy → placed date
    {
      nominal: '2018-02-28',
      policy: 'nearest-working-day-same-week',
      want: '2018-02-27',
      reason: '2018/2/28 和平紀念日，改至前一工作日 2018/2/27（二）',
    },
    {
      nominal: '2018-02-28',
      policy: 'next-working-day',
      want: '2018-03-01',
      reason: '2018/2/28 和平紀念日，改至次一工作日 2018/3/1（四）',
    },
    {
      nominal: '2018-02-28',
      policy: 'previous-working-day',
      want: '2018-02-27',
      reason: '2018/2/28 和平紀念日，改至前一工作日 2018/2/27（二）',
    },
    {
      nominal: '2024-02-28',
      policy: 'nearest-working-day-same-week',
      want: '2024-02-27',
      reason: '2024/2/28 和平紀念日，改至前一工作日 2024/2/27（二）',
    },
    {
      nominal: '2024-02-28',
      policy: 'next-working-day',
      want: '2024-02-29',
      reason: '2024/2/28 和平紀念日，改至次一工作日 2024/2/29（四）',
    },
    {
      nominal: '2024-02-28',
      policy: 'previous-working-day',
      want: '2024-02-27',
      reason: '2024/2/28 和平紀念日，改至前一工作日 2024/2/27（二）',
    },
    // The whole Lunar New Year week is off: next and previous leave the week.
    { nominal: '2023-01-25', policy: 'next-working-day', want: '2023-01-30', reason: '2023/1/25 補假，改至次一工作日 2023/1/30（一）' },
    { nominal: '2023-01-25', policy: 'previous-working-day', want: '2023-01-19', reason: '2023/1/25 補假，改至前一工作日 2023/1/19（四）' },
    // Monday is off too (調整放假), so the nearest day of the week is the day after.
    {
      nominal: '2023-02-28',
      policy: 'nearest-working-day-same-week',
      want: '2023-03-01',
      reason: '2023/2/28 和平紀念日，改至次一工作日 2023/3/1（三）',
    },
    // A plain Saturday (an rrule can give one) moves into its Monday–Friday week.
    {
      nominal: '2023-03-04',
      policy: 'nearest-working-day-same-week',
      want: '2023-03-03',
      reason: '2023/3/4 星期六，改至前一工作日 2023/3/3（五）',
    },
    // Wednesday and Friday tie around a Thursday off: the earlier day wins, as the seed's hand moves did.
    {
      nominal: '2024-10-10',
      policy: 'nearest-working-day-same-week',
      want: '2024-10-09',
      reason: '2024/10/10 國慶日，改至前一工作日 2024/10/9（三）',
    },
  ] as const)('$nominal with $policy → $want', ({ nominal, policy, want, reason }) => {
    expect(place(nominal, policy)).toEqual({ date: date(want), moved: true, needsDecision: false, provisional: false, reason });
  });

  it.each([
    {
      nominal: '2023-01-25',
      policy: 'nearest-working-day-same-week',
      reason: '2023/1/25 補假，該週（2023/1/23–2023/1/27）無工作日，保留原日期待決定',
    },
    {
      nominal: '2023-01-28',
      policy: 'nearest-working-day-same-week',
      reason: '2023/1/28 星期六，該週（2023/1/23–2023/1/27）無工作日，保留原日期待決定',
    },
    { nominal: '2018-02-28', policy: 'keep-and-flag', reason: '2018/2/28 和平紀念日，保留原日期待決定' },
    { nominal: '2023-01-25', policy: 'keep-and-flag', reason: '2023/1/25 補假，保留原日期待決定' },
  ] as const)('keeps $nominal with $policy and asks for a decision', ({ nominal, policy, reason }) => {
    expect(place(nominal, policy)).toEqual({ date: date(nominal), moved: false, needsDecision: true, provisional: false, reason });
  });

  it.each(holidayPolicySchema.options)('returns a working nominal date unchanged under %s', (policy) => {
    expect(place('2023-02-22', policy)).toEqual({ date: date('2023-02-22'), moved: false, needsDecision: false, provisional: false });
    // 2023-02-18 is a Saturday make-up workday: the calendar decides, not the weekday.
    expect(place('2023-02-18', policy)).toEqual({ date: date('2023-02-18'), moved: false, needsDecision: false, provisional: false });
  });

  it('marks a date in a year without a loaded calendar as provisional', () => {
    // Lunar New Year's Day 2028 is a 4th Wednesday, but no 2028 calendar exists yet.
    expect(place('2028-01-26', 'nearest-working-day-same-week')).toEqual({
      date: date('2028-01-26'),
      moved: false,
      needsDecision: false,
      provisional: true,
    });
  });

  describe('never places before earliest', () => {
    it.each([
      // 2/27 is before earliest; Thursday 3/1 is still in the week.
      { nominal: '2018-02-28', policy: 'nearest-working-day-same-week', earliest: '2018-02-28', want: '2018-03-01' },
      // earliest itself is allowed.
      { nominal: '2018-02-28', policy: 'nearest-working-day-same-week', earliest: '2018-02-27', want: '2018-02-27' },
      { nominal: '2018-02-28', policy: 'previous-working-day', earliest: '2018-02-27', want: '2018-02-27' },
      // previous would be earlier: falls back to the next working day.
      { nominal: '2018-02-28', policy: 'previous-working-day', earliest: '2018-02-28', want: '2018-03-01' },
      { nominal: '2023-01-25', policy: 'previous-working-day', earliest: '2023-01-20', want: '2023-01-30' },
      // Friday 4/6 off, Wednesday and Thursday off, Monday and Tuesday before earliest: next week's Monday.
      { nominal: '2018-04-06', policy: 'nearest-working-day-same-week', earliest: '2018-04-04', want: '2018-04-09' },
      // A nominal date already past: next-working-day skips working days before earliest.
      { nominal: '2023-01-25', policy: 'next-working-day', earliest: '2023-02-01', want: '2023-02-01' },
    ] as const)('$nominal with $policy, earliest $earliest → $want', ({ nominal, policy, earliest, want }) => {
      const placed = place(nominal, policy, earliest);
      expect(placed).toMatchObject({ date: date(want), moved: true, needsDecision: false });
    });

    it('says why it fell back', () => {
      expect(place('2018-02-28', 'previous-working-day', '2018-02-28').reason).toBe(
        '2018/2/28 和平紀念日，前一工作日 2018/2/27 早於 2018/2/28，改至次一工作日 2018/3/1（四）',
      );
      expect(place('2018-04-06', 'nearest-working-day-same-week', '2018-04-04').reason).toBe(
        '2018/4/6 調整放假，同週工作日皆早於 2018/4/4，改至次一工作日 2018/4/9（一）',
      );
    });

    it('keeps and flags when the fallback finds nothing within 14 days', () => {
      expect(place('2018-02-28', 'previous-working-day', '2018-03-20')).toEqual({
        date: date('2018-02-28'),
        moved: false,
        needsDecision: true,
        provisional: false,
        reason: '2018/2/28 和平紀念日，前一工作日 2018/2/27 早於 2018/3/20，其後 14 日內無 2018/3/20 以後的工作日，保留原日期待決定',
      });
    });
  });

  describe('searches at most 14 days', () => {
    // A closure from 2030-01-01 to `lastDayOff`, weekends-only otherwise.
    const closedUntil = (lastDayOff: string): WorkingDayCalendar => ({
      isWorkingDay: (d) =>
        d.dayOfWeek <= 5 && (Temporal.PlainDate.compare(d, date('2030-01-01')) < 0 || Temporal.PlainDate.compare(d, date(lastDayOff)) > 0),
      isProvisional: () => true,
      dayStatus: () => ({ label: '颱風停止上班' }),
    });

    it.each([
      { lastDayOff: '2030-01-14', want: '2030-01-15', needsDecision: false }, // 14 days after 2030-01-01
      { lastDayOff: '2030-01-15', want: '2030-01-01', needsDecision: true },
    ])('next-working-day with offices closed until $lastDayOff', ({ lastDayOff, want, needsDecision }) => {
      const placed = placeOnWorkingDay(date('2030-01-01'), 'next-working-day', closedUntil(lastDayOff));
      expect(placed).toMatchObject({ date: date(want), needsDecision, provisional: true });
    });

    it('previous-working-day flags a day with no working day in the 14 before it', () => {
      const placed = placeOnWorkingDay(date('2030-01-20'), 'previous-working-day', closedUntil('2030-01-31'));
      expect(placed).toMatchObject({ date: date('2030-01-20'), moved: false, needsDecision: true });
      expect(placed.reason).toBe('2030/1/20 颱風停止上班，其前 14 日內無工作日，保留原日期待決定');
    });
  });

  describe('properties', () => {
    // Days off are the interesting inputs, so half the dates come from the holiday lists.
    const daysOff = Object.entries(OFFICE_YEARS).flatMap(([year, { daysOff }]) =>
      Object.keys(daysOff).map((mmdd) => date(`${year}-${mmdd.slice(0, 2)}-${mmdd.slice(2)}`)),
    );
    const anyDate = fc.integer({ min: 0, max: 8 * 365 }).map((n) => date('2017-06-01').add({ days: n }));
    const nominal = fc.oneof(fc.constantFrom(...daysOff), anyDate);
    const policy = fc.constantFrom(...holidayPolicySchema.options);
    const earliest = fc.option(fc.integer({ min: -10, max: 10 }), { nil: undefined });
    const sameIsoWeek = (a: Temporal.PlainDate, b: Temporal.PlainDate) => a.yearOfWeek === b.yearOfWeek && a.weekOfYear === b.weekOfYear;

    it('lands on a working day unless a decision is needed, and then keeps the date', () => {
      fc.assert(
        fc.property(nominal, policy, earliest, (d, p, offset) => {
          const placed = placeOnWorkingDay(d, p, calendar, offset === undefined ? undefined : d.add({ days: offset }));
          if (placed.needsDecision) expect(placed.date).toEqual(d);
          else expect(calendar.isWorkingDay(placed.date)).toBe(true);
          expect(placed.moved).toBe(!placed.date.equals(d));
          expect(placed.provisional).toBe(calendar.isProvisional(placed.date));
          if (placed.moved) expect(placed.reason).toMatch(/改至/);
        }),
        { numRuns: 1000 },
      );
    });

    it('never moves a meeting before earliest', () => {
      fc.assert(
        fc.property(nominal, policy, fc.integer({ min: -10, max: 10 }), (d, p, offset) => {
          const placed = placeOnWorkingDay(d, p, calendar, d.add({ days: offset }));
          if (placed.moved) expect(Temporal.PlainDate.compare(placed.date, d.add({ days: offset }))).toBeGreaterThanOrEqual(0);
        }),
        { numRuns: 1000 },
      );
    });

    it('stays in the Monday–Friday week with nearest-working-day-same-week', () => {
      fc.assert(
        fc.property(nominal, (d) => {
          const placed = placeOnWorkingDay(d, 'nearest-working-day-same-week', calendar);
          expect(sameIsoWeek(placed.date, d)).toBe(true);
          if (placed.moved) expect(placed.date.dayOfWeek).toBeLessThanOrEqual(5);
        }),
        { numRuns: 1000 },
      );
    });
  });
});
