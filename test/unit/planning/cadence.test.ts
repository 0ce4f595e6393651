import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Temporal } from '../../../functions/core/calendar/local-date.ts';
import { cadenceSchema, type Cadence } from '../../../functions/core/planning/cadence-schema.ts';
import { nominalSlots } from '../../../functions/core/planning/cadence.ts';

const date = (text: string) => Temporal.PlainDate.from(text);
const cadence = (input: unknown): Cadence => cadenceSchema.parse(input);
const datesOf = (c: Cadence, from: string, to: string, activeMonths?: readonly number[]) =>
  nominalSlots(c, activeMonths, date(from), date(to)).map((slot) => slot.nominalDate.toString());

const FEB_TO_DEC = [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
const fourthWednesday = cadence({ kind: 'monthly-nth-weekday', nth: 4, weekday: 3 });

describe('monthly-nth-weekday', () => {
  it('gives the seed’s 2023 child-protection series: 4th Wednesday, February to December', () => {
    // The seed's plan moved four of these by hand (2/21, 3/29, 10/24, 12/15); the cadence gives the nominal dates.
    expect(datesOf(fourthWednesday, '2023-01-01', '2023-12-31', FEB_TO_DEC)).toEqual([
      '2023-02-22',
      '2023-03-22',
      '2023-04-26',
      '2023-05-24',
      '2023-06-28',
      '2023-07-26',
      '2023-08-23',
      '2023-09-27',
      '2023-10-25',
      '2023-11-22',
      '2023-12-27',
    ]);
  });

  it('keys each slot by its month, so a later move does not change its identity', () => {
    const slots = nominalSlots(fourthWednesday, FEB_TO_DEC, date('2023-01-01'), date('2023-03-31'));
    expect(slots.map((s) => s.slotKey)).toEqual(['2023-02', '2023-03']);
  });

  it('gives the 2026 4th Wednesdays', () => {
    expect(datesOf(fourthWednesday, '2026-01-01', '2026-12-31')).toEqual([
      '2026-01-28',
      '2026-02-25',
      '2026-03-25',
      '2026-04-22',
      '2026-05-27',
      '2026-06-24',
      '2026-07-22',
      '2026-08-26',
      '2026-09-23',
      '2026-10-28',
      '2026-11-25',
      '2026-12-23',
    ]);
  });

  it.each([
    // nth, weekday, range, expected
    {
      nth: -1,
      weekday: 5,
      from: '2023-01-01',
      to: '2023-06-30',
      want: ['2023-01-27', '2023-02-24', '2023-03-31', '2023-04-28', '2023-05-26', '2023-06-30'],
    },
    { nth: -1, weekday: 4, from: '2024-02-01', to: '2024-02-29', want: ['2024-02-29'] }, // leap day is the last Thursday
    { nth: 1, weekday: 1, from: '2023-01-01', to: '2023-03-31', want: ['2023-01-02', '2023-02-06', '2023-03-06'] },
    // Only four months of 2023 have a 5th Wednesday; the others have no slot at all.
    { nth: 5, weekday: 3, from: '2023-01-01', to: '2023-12-31', want: ['2023-03-29', '2023-05-31', '2023-08-30', '2023-11-29'] },
  ] as const)('nth $nth weekday $weekday from $from to $to', ({ nth, weekday, from, to, want }) => {
    expect(datesOf(cadence({ kind: 'monthly-nth-weekday', nth, weekday }), from, to)).toEqual(want);
  });
});

describe('every-n-months', () => {
  it('gives the placement panel’s three meetings a year (every 4 months from March)', () => {
    const panel = cadence({ kind: 'every-n-months', intervalMonths: 4, firstMonth: 3, nth: 4, weekday: 3 });
    expect(datesOf(panel, '2023-01-01', '2024-12-31')).toEqual([
      '2023-03-22',
      '2023-07-26',
      '2023-11-22',
      '2024-03-27',
      '2024-07-24',
      '2024-11-27',
    ]);
  });

  it('treats firstMonth as a phase: July gives the same months as March', () => {
    const fromJuly = cadence({ kind: 'every-n-months', intervalMonths: 4, firstMonth: 7, nth: 4, weekday: 3 });
    expect(datesOf(fromJuly, '2023-01-01', '2023-12-31')).toEqual(['2023-03-22', '2023-07-26', '2023-11-22']);
  });

  it('gives every second month for an interval of 2', () => {
    const bimonthly = cadence({ kind: 'every-n-months', intervalMonths: 2, firstMonth: 1, nth: 1, weekday: 1 });
    expect(datesOf(bimonthly, '2023-01-01', '2023-06-30')).toEqual(['2023-01-02', '2023-03-06', '2023-05-01']);
  });

  it('refuses an interval that does not divide 12, pointing to rrule', () => {
    const result = cadenceSchema.safeParse({ kind: 'every-n-months', intervalMonths: 5, firstMonth: 3, nth: 4, weekday: 3 });
    expect(result.error?.issues[0]?.message).toMatch(/divide 12.*rrule/);
  });
});

describe('semiannual', () => {
  it('gives the employment meeting in June and December', () => {
    const employment = cadence({ kind: 'semiannual', months: [6, 12], nth: 3, weekday: 4 });
    expect(datesOf(employment, '2023-01-01', '2024-12-31')).toEqual(['2023-06-15', '2023-12-21', '2024-06-20', '2024-12-19']);
  });

  it('refuses the same month twice', () => {
    expect(cadenceSchema.safeParse({ kind: 'semiannual', months: [6, 6], nth: 3, weekday: 4 }).success).toBe(false);
  });
});

describe('range and activeMonths', () => {
  it.each([
    { from: '2023-02-22', to: '2023-03-22', want: ['2023-02-22', '2023-03-22'] }, // both ends inclusive
    { from: '2023-02-23', to: '2023-03-21', want: [] }, // a day inside on each side drops both
    { from: '2023-02-23', to: '2023-04-30', want: ['2023-03-22', '2023-04-26'] }, // February's slot is before `from`
    { from: '2023-05-01', to: '2023-04-30', want: [] }, // an empty range
    { from: '2023-12-01', to: '2024-01-31', want: ['2023-12-27', '2024-01-24'] }, // across the year end
  ])('from $from to $to', ({ from, to, want }) => {
    expect(datesOf(fourthWednesday, from, to)).toEqual(want);
  });

  it('keeps only active months; undefined keeps all', () => {
    expect(datesOf(fourthWednesday, '2023-01-01', '2023-03-31', [1, 3])).toEqual(['2023-01-25', '2023-03-22']);
    expect(datesOf(fourthWednesday, '2023-01-01', '2023-03-31', undefined)).toEqual(['2023-01-25', '2023-02-22', '2023-03-22']);
  });

  it('refuses unknown fields and out-of-range values', () => {
    expect(cadenceSchema.safeParse({ kind: 'monthly-nth-weekday', nth: 4, weekday: 3, extra: 1 }).success).toBe(false);
    expect(cadenceSchema.safeParse({ kind: 'monthly-nth-weekday', nth: 0, weekday: 3 }).success).toBe(false);
    expect(cadenceSchema.safeParse({ kind: 'monthly-nth-weekday', nth: 4, weekday: 8 }).success).toBe(false);
  });
});

describe('rrule', () => {
  const rrule = (text: string, dtstart: string) => cadence({ kind: 'rrule', rrule: text, dtstart });

  it('expands a 3rd-Thursday rule and keys slots by their nominal date', () => {
    const slots = nominalSlots(rrule('FREQ=MONTHLY;BYDAY=3TH', '2023-01-01'), undefined, date('2023-01-01'), date('2023-04-30'));
    expect(slots.map((s) => s.slotKey)).toEqual(['2023-01-19', '2023-02-16', '2023-03-16', '2023-04-20']);
    expect(slots.map((s) => s.nominalDate.toString())).toEqual(slots.map((s) => s.slotKey));
  });

  it.each([
    // ical.js starts these with a date that breaks BYMONTH or BYSETPOS (2023-01-25, 2023-01-04, 2023-01-02, 2023-01-10).
    {
      text: 'FREQ=MONTHLY;BYMONTH=2,3,4,5,6,7,8,9,10,11,12;BYDAY=4WE',
      dtstart: '2023-01-01',
      to: '2023-04-30',
      want: ['2023-02-22', '2023-03-22', '2023-04-26'],
    },
    { text: 'FREQ=MONTHLY;BYDAY=WE;BYSETPOS=4', dtstart: '2023-01-01', to: '2023-03-31', want: ['2023-01-25', '2023-02-22', '2023-03-22'] },
    {
      text: 'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1',
      dtstart: '2023-01-01',
      to: '2023-03-31',
      want: ['2023-01-31', '2023-02-28', '2023-03-31'],
    },
    {
      text: 'FREQ=WEEKLY;BYMONTH=3;BYDAY=TU',
      dtstart: '2023-01-10',
      to: '2023-12-31',
      want: ['2023-03-07', '2023-03-14', '2023-03-21', '2023-03-28'],
    },
    // dtstart counts only when it matches the rule.
    { text: 'FREQ=DAILY;BYDAY=MO,WE', dtstart: '2023-01-01', to: '2023-01-09', want: ['2023-01-02', '2023-01-04', '2023-01-09'] },
    // What the rule leaves open comes from dtstart; months without a 31st are skipped (RFC 5545).
    { text: 'FREQ=MONTHLY', dtstart: '2023-01-31', to: '2023-05-31', want: ['2023-01-31', '2023-03-31', '2023-05-31'] },
    {
      text: 'FREQ=WEEKLY;INTERVAL=2',
      dtstart: '2023-01-05',
      to: '2023-02-28',
      want: ['2023-01-05', '2023-01-19', '2023-02-02', '2023-02-16'],
    },
    // COUNT counts matching dates from dtstart; UNTIL is inclusive.
    { text: 'FREQ=MONTHLY;BYDAY=4WE;COUNT=3', dtstart: '2023-01-26', to: '2023-12-31', want: ['2023-02-22', '2023-03-22', '2023-04-26'] },
    {
      text: 'FREQ=MONTHLY;BYDAY=4WE;UNTIL=20230322',
      dtstart: '2023-01-01',
      to: '2023-12-31',
      want: ['2023-01-25', '2023-02-22', '2023-03-22'],
    },
    // Names are case-insensitive (RFC 5545); a trailing ';' is harmless.
    { text: 'freq=monthly;byday=-1fr;', dtstart: '2023-01-01', to: '2023-02-28', want: ['2023-01-27', '2023-02-24'] },
    { text: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29', dtstart: '2023-01-01', to: '2030-12-31', want: ['2024-02-29', '2028-02-29'] },
    // RFC 5545 §3.8.5.3: WKST decides which weeks INTERVAL=2 skips.
    {
      text: 'FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO',
      dtstart: '1997-08-05',
      to: '1997-12-31',
      want: ['1997-08-05', '1997-08-10', '1997-08-19', '1997-08-24'],
    },
    {
      text: 'FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU',
      dtstart: '1997-08-05',
      to: '1997-12-31',
      want: ['1997-08-05', '1997-08-17', '1997-08-19', '1997-08-31'],
    },
  ])('$text from $dtstart', ({ text, dtstart, to, want }) => {
    expect(datesOf(rrule(text, dtstart), dtstart, to)).toEqual(want);
  });

  it('keeps INTERVAL’s phase from dtstart when the range starts later', () => {
    const everyOtherMonth = rrule('FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU', '2023-02-01');
    expect(datesOf(everyOtherMonth, '2024-01-01', '2024-06-30')).toEqual(['2024-02-13', '2024-04-09', '2024-06-11']);
  });

  it('filters by activeMonths like the other kinds', () => {
    expect(datesOf(rrule('FREQ=MONTHLY;BYDAY=3TH', '2023-01-01'), '2023-01-01', '2023-04-30', [2, 4])).toEqual([
      '2023-02-16',
      '2023-04-20',
    ]);
  });

  it.each([
    { text: '', message: /empty/ },
    { text: 'RRULE:FREQ=MONTHLY;BYDAY=3TH', message: /without the "RRULE:" prefix/ },
    { text: 'BYDAY=3TH', message: /needs FREQ/ },
    { text: 'FREQ=FORTNIGHTLY', message: /FREQ=FORTNIGHTLY is not supported/ },
    { text: 'FREQ=HOURLY', message: /whole days/ },
    { text: 'FREQ=MONTHLY;BYDAY=3XX', message: /could not be read: invalid BYDAY value "3XX"/ },
    { text: 'FREQ=MONTHLY;BYDAY=9WE', message: /cannot be expanded: Malformed values in BYDAY/ },
    { text: 'FREQ=MONTHLY;BYDAY', message: /"BYDAY" is not NAME=VALUE/ },
    { text: 'FREQ=MONTHLY;BYDAY=4WE;BYDAY=1MO', message: /BYDAY is given twice/ },
    { text: 'FREQ=MONTHLY;BYHOUR=14', message: /BYHOUR is not supported/ },
    { text: 'FREQ=MONTHLY;INTERVAL=0', message: /INTERVAL must be a whole number/ },
    { text: 'FREQ=MONTHLY;COUNT=two', message: /COUNT must be a whole number/ },
    { text: 'FREQ=MONTHLY;UNTIL=2023-12-31', message: /UNTIL must be a date written YYYYMMDD/ },
    { text: 'FREQ=MONTHLY;COUNT=3;UNTIL=20231231', message: /COUNT or UNTIL, not both/ },
    { text: 'FREQ=WEEKLY;BYDAY=2MO', message: /only FREQ=MONTHLY or FREQ=YEARLY/ },
    { text: 'FREQ=MONTHLY;BYSETPOS=2', message: /BYSETPOS is supported only/ },
    { text: 'FREQ=MONTHLY;BYDAY=1MO,-1FR;BYSETPOS=2', message: /BYSETPOS needs plain weekdays/ },
    { text: 'FREQ=MONTHLY;INTERVAL=2;BYMONTH=3,5;BYDAY=1MO', message: /BYMONTH and INTERVAL is not supported/ },
    { text: 'FREQ=MONTHLY;INTERVAL=2;BYDAY=FR;BYMONTHDAY=13', message: /不能同時有 BYDAY 與 BYMONTHDAY/ },
    // The counterexample fast-check found (seed -1245542871): ical.js threw for some dtstarts.
    { text: 'FREQ=MONTHLY;BYDAY=MO;BYMONTHDAY=1,30', message: /不能同時有 BYDAY 與 BYMONTHDAY/ },
    { text: 'FREQ=YEARLY;BYMONTH=9;BYDAY=FR;BYMONTHDAY=13', message: /不能同時有 BYDAY 與 BYMONTHDAY/ },
    { text: 'FREQ=YEARLY;BYMONTHDAY=15', message: /also needs BYMONTH/ },
    { text: 'FREQ=MONTHLY;BYMONTHDAY=0', message: /BYMONTHDAY=0 is not a day/ },
    { text: 'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30', message: /BYMONTHDAY=30 never falls in BYMONTH=2/ },
    { text: 'FREQ=MONTHLY;BYDAY=4WE;UNTIL=20221231', message: /gives no date on or after dtstart 2023-01-01/ },
  ])('refuses "$text" saying what is wrong', ({ text, message }) => {
    const result = cadenceSchema.safeParse({ kind: 'rrule', rrule: text, dtstart: '2023-01-01' });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ path: ['rrule'], message: expect.stringMatching(message) as unknown }),
    ]);
  });

  it('refuses a dtstart that is not a date without tripping over it', () => {
    const result = cadenceSchema.safeParse({ kind: 'rrule', rrule: 'FREQ=MONTHLY', dtstart: '2023-02-30' });
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([['dtstart']]);
  });

  it('starts expanding near the range, not at a long-past dtstart', () => {
    // 1990-01-01 + 13149 days (36 years, 9 of them leap) = 2026-01-01, and 13149 = 3 × 4383.
    expect(datesOf(rrule('FREQ=DAILY;INTERVAL=3', '1990-01-01'), '2026-01-01', '2026-01-07')).toEqual([
      '2026-01-01',
      '2026-01-04',
      '2026-01-07',
    ]);
    expect(datesOf(rrule('FREQ=DAILY;INTERVAL=3', '1990-01-02'), '2026-01-01', '2026-01-07')).toEqual(['2026-01-02', '2026-01-05']);
    expect(datesOf(rrule('FREQ=MONTHLY;BYDAY=4WE', '1990-01-01'), '2026-03-01', '2026-03-31')).toEqual(['2026-03-25']);
  });

  it('stops a runaway expansion instead of looping for seconds', () => {
    const daily = rrule('FREQ=DAILY', '2023-01-01');
    expect(() => nominalSlots(daily, undefined, date('2023-01-01'), date('2040-12-31'))).toThrow(
      /more than 5000 steps.*plan a shorter period/,
    );
  });

  it('agrees with the month-based kind for every nth and weekday', () => {
    const weekdayCodes = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
    fc.assert(
      fc.property(
        fc.constantFrom(1, 2, 3, 4, 5, -1),
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 0, max: 3 * 365 }),
        fc.integer({ min: 0, max: 400 }),
        (nth, weekday, startOffset, length) => {
          const from = date('2022-01-01').add({ days: startOffset });
          const to = from.add({ days: length });
          const monthly = cadence({ kind: 'monthly-nth-weekday', nth, weekday });
          const asRRule = rrule(`FREQ=MONTHLY;BYDAY=${nth}${weekdayCodes[weekday - 1]}`, '2022-01-01');
          const dates = (c: Cadence) => nominalSlots(c, undefined, from, to).map((s) => s.nominalDate.toString());
          expect(dates(asRRule)).toEqual(dates(monthly));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('gives the same dates whether the range starts at dtstart or later', () => {
    fc.assert(
      fc.property(referenceRule(), fc.integer({ min: 0, max: 365 }), fc.integer({ min: 0, max: 3 * 365 }), (rule, startOffset, skip) => {
        const dtstart = date('2022-01-01').add({ days: startOffset });
        const from = dtstart.add({ days: skip });
        const to = from.add({ months: 6 });
        const parsed = cadenceSchema.safeParse({ kind: 'rrule', rrule: rule.text, dtstart: dtstart.toString() });
        fc.pre(parsed.success);
        if (!parsed.success) return;
        const whole = nominalSlots(parsed.data, undefined, dtstart, to).filter((s) => Temporal.PlainDate.compare(s.nominalDate, from) >= 0);
        expect(nominalSlots(parsed.data, undefined, from, to)).toEqual(whole);
      }),
      { numRuns: 300 },
    );
  });

  it('matches a day-by-day reading of the rule, whatever the dtstart', () => {
    fc.assert(
      fc.property(referenceRule(), fc.integer({ min: 0, max: 2 * 365 }), (rule, startOffset) => {
        const dtstart = date('2022-01-01').add({ days: startOffset });
        const to = dtstart.add({ years: 2 });
        const parsed = cadenceSchema.safeParse({ kind: 'rrule', rrule: rule.text, dtstart: dtstart.toString() });
        fc.pre(parsed.success); // e.g. BYMONTHDAY=31 with only BYMONTH=4 is refused, rightly
        if (!parsed.success) return;
        const got = nominalSlots(parsed.data, undefined, dtstart, to).map((s) => s.nominalDate.toString());
        expect(got).toEqual(referenceDates(rule, dtstart, to));
      }),
      { numRuns: 300 },
    );
  });
});

// A deliberately plain reading of the RRULE shapes the product expects, day by day, to check the
// ical.js expansion and its workarounds against.
type ReferenceRule = {
  text: string;
  freq: 'WEEKLY' | 'MONTHLY' | 'YEARLY';
  interval: number;
  byday: { ordinal: number; weekday: number }[]; // ordinal 0 = every such weekday
  bymonthday: number[];
  bymonth: number[];
  bysetpos: number[];
  count: number | undefined;
};

const CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

function referenceRule(): fc.Arbitrary<ReferenceRule> {
  const weekdays = fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 3 });
  const months = fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 4 });
  const monthly = fc.record({
    freq: fc.constant('MONTHLY' as const),
    shape: fc.constantFrom('byday', 'byday-setpos', 'bymonthday', 'dtstart-day'),
    ordinals: fc.array(fc.constantFrom(0, 1, 2, 3, 4, 5, -1, -2), { minLength: 3, maxLength: 3 }),
    weekdays,
    bymonthday: fc.uniqueArray(fc.constantFrom(1, 10, 15, 28, 29, 30, 31, -1, -3), { minLength: 1, maxLength: 3 }),
    bysetpos: fc.uniqueArray(fc.constantFrom(1, 2, 4, -1, -2), { minLength: 1, maxLength: 2 }),
    bymonth: fc.option(months, { nil: undefined }),
    interval: fc.integer({ min: 1, max: 4 }),
    count: fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }),
  });
  const weekly = fc.record({
    freq: fc.constant('WEEKLY' as const),
    weekdays,
    bymonth: fc.option(months, { nil: undefined }),
    interval: fc.integer({ min: 1, max: 3 }),
    count: fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }),
  });
  // The semiannual meeting as an RRULE: chosen months, a weekday numbered within each month.
  const yearly = fc.record({
    freq: fc.constant('YEARLY' as const),
    shape: fc.constant('byday' as const),
    ordinals: fc.array(fc.constantFrom(1, 2, 3, 4, 5, -1), { minLength: 3, maxLength: 3 }),
    weekdays,
    bymonth: months,
    interval: fc.integer({ min: 1, max: 2 }),
    count: fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }),
  });
  return fc.oneof(monthly, weekly, yearly).map((r) => {
    const bymonth = r.bymonth ?? [];
    // The schema refuses INTERVAL with BYMONTH on MONTHLY (ical.js expands it wrongly), and BYDAY
    // with BYMONTHDAY altogether, so neither is generated.
    const interval = r.freq === 'MONTHLY' && bymonth.length > 0 ? 1 : r.interval;
    const withOrdinals = r.freq !== 'WEEKLY' && r.shape === 'byday';
    const byday =
      r.freq === 'WEEKLY' || r.shape.startsWith('byday')
        ? r.weekdays.map((weekday, i) => ({ ordinal: withOrdinals ? ('ordinals' in r ? (r.ordinals[i] ?? 0) : 0) : 0, weekday }))
        : [];
    const bymonthday = r.freq === 'MONTHLY' && r.shape === 'bymonthday' ? r.bymonthday : [];
    const bysetpos = r.freq === 'MONTHLY' && r.shape === 'byday-setpos' ? r.bysetpos : [];
    const parts = [`FREQ=${r.freq}`];
    if (interval > 1) parts.push(`INTERVAL=${interval}`);
    if (byday.length > 0) parts.push(`BYDAY=${byday.map((d) => `${d.ordinal || ''}${CODES[d.weekday - 1]}`).join(',')}`);
    if (bymonthday.length > 0) parts.push(`BYMONTHDAY=${bymonthday.join(',')}`);
    if (bymonth.length > 0) parts.push(`BYMONTH=${bymonth.join(',')}`);
    if (bysetpos.length > 0) parts.push(`BYSETPOS=${bysetpos.join(',')}`);
    if (r.count !== undefined) parts.push(`COUNT=${r.count}`);
    return { text: parts.join(';'), freq: r.freq, interval, byday, bymonthday, bymonth, bysetpos, count: r.count };
  });
}

function referenceDates(rule: ReferenceRule, dtstart: Temporal.PlainDate, to: Temporal.PlainDate): string[] {
  const out: string[] = [];
  const inMonths = (d: Temporal.PlainDate) => rule.bymonth.length === 0 || rule.bymonth.includes(d.month);
  if (rule.freq === 'WEEKLY') {
    const firstMonday = dtstart.subtract({ days: dtstart.dayOfWeek - 1 });
    for (let week = 0, monday = firstMonday; Temporal.PlainDate.compare(monday, to) <= 0; week++, monday = monday.add({ weeks: 1 })) {
      if (week % rule.interval !== 0) continue;
      for (let i = 0; i < 7; i++) {
        const d = monday.add({ days: i });
        if (rule.byday.some((b) => b.weekday === d.dayOfWeek) && inMonths(d)) out.push(d.toString());
      }
    }
  } else {
    let ym = dtstart.toPlainYearMonth();
    for (let k = 0; Temporal.PlainYearMonth.compare(ym, to.toPlainYearMonth()) <= 0; k++, ym = ym.add({ months: 1 })) {
      const period = rule.freq === 'YEARLY' ? ym.year - dtstart.year : k;
      if (period % rule.interval !== 0 || (rule.bymonth.length > 0 && !rule.bymonth.includes(ym.month))) continue;
      const days = Array.from({ length: ym.daysInMonth }, (_, i) => ym.toPlainDate({ day: i + 1 }));
      let matching = days.filter((d) => {
        if (rule.byday.length === 0 && rule.bymonthday.length === 0) return d.day === dtstart.day;
        const byday =
          rule.byday.length === 0 || rule.byday.some((b) => b.weekday === d.dayOfWeek && (b.ordinal === 0 || ordinalInMonth(d, b.ordinal)));
        const bymonthday = rule.bymonthday.length === 0 || rule.bymonthday.some((n) => (n > 0 ? n : ym.daysInMonth + n + 1) === d.day);
        return byday && bymonthday;
      });
      if (rule.bysetpos.length > 0) {
        const picked = rule.bysetpos.map((p) => (p > 0 ? matching[p - 1] : matching[matching.length + p]));
        matching = matching.filter((d) => picked.includes(d));
      }
      out.push(...matching.map((d) => d.toString()));
    }
  }
  const fromDtstart = out.filter((d) => d >= dtstart.toString() && d <= to.toString());
  return rule.count === undefined ? fromDtstart : fromDtstart.slice(0, rule.count);
}

function ordinalInMonth(d: Temporal.PlainDate, ordinal: number): boolean {
  return ordinal > 0 ? Math.ceil(d.day / 7) === ordinal : Math.ceil((d.daysInMonth - d.day + 1) / 7) === -ordinal;
}
