// RRULE cadences: anything the month-based kinds cannot say, as an RFC 5545 RRULE value read as
// whole, floating dates. Only deployments with an RRULE series carry this module and ical.js in
// their Lambdas (see rruleCadenceSlots in cadence.ts).
import ICAL from 'ical.js';
import { Temporal } from '../calendar/local-date.ts';
import type { Cadence } from './cadence-schema.ts';
import type { NominalSlot } from './cadence.ts';

// ---------------------------------------------------------------------------------------------
// RRULE cadences. ical.js does the expansion; these habits of its iterator are worked around:
//  - the first date it returns is not checked against BYMONTH or BYSETPOS, so
//    FREQ=MONTHLY;BYMONTH=2;BYDAY=4WE from 2023-01-01 starts with 2023-01-25, and
//    BYDAY=WE;BYSETPOS=4 with the month's 1st Wednesday. The iterator is therefore started whole
//    periods early and its run-up dropped (rruleDates).
//  - it walks BYMONTH in the order written (BYMONTH=2,1 skips January), so the list is sorted.
//  - it accepts rules that it then expands wrongly or throws on (INTERVAL with BYMONTH on MONTHLY,
//    BYDAY with BYMONTHDAY, BYSETPOS with numbered BYDAY) or loops on for ever (FREQ=DAILY;BYMONTH=2;
//    BYMONTHDAY=30), and it ignores unknown or repeated parts. readRRule refuses all of those with
//    a message a secretariat can act on.
//  - a monthly step costs about half a millisecond, so the run-up starts near the planned range,
//    not at dtstart, and steps are capped.
// Only dates that match the rule are slots: RFC 5545 counts DTSTART as the first occurrence even
// when it does not match, but here dtstart means "from when", so COUNT counts matching dates only.

const MAX_RRULE_STEPS = 5_000;
const MAX_INTERVAL = 100;

const FREQUENCIES = ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'] as const;
type Frequency = (typeof FREQUENCIES)[number];

const SUPPORTED_PARTS = ['FREQ', 'INTERVAL', 'COUNT', 'UNTIL', 'BYDAY', 'BYMONTHDAY', 'BYMONTH', 'BYSETPOS', 'WKST'];
/** iCalendar weekday codes indexed by ISO weekday − 1. */
const ICAL_WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

type RRule = {
  text: string;
  parts: ReadonlyMap<string, string>;
  freq: Frequency;
  interval: number;
  count: number | undefined;
};

export type RRuleCadence = Extract<Cadence, { kind: 'rrule' }>;

export function rruleSlots(cadence: RRuleCadence, from: Temporal.PlainDate, to: Temporal.PlainDate): NominalSlot[] {
  const rule = readRRule(cadence.rrule);
  // Only a cadence that bypassed cadenceSchema gets here with a bad rule.
  if (typeof rule === 'string') throw new TypeError(`Invalid rrule cadence "${cadence.rrule}": ${rule}`);
  const slots: NominalSlot[] = [];
  for (const date of rruleDates(rule, Temporal.PlainDate.from(cadence.dtstart), from, to)) {
    if (Temporal.PlainDate.compare(date, from) >= 0) slots.push({ slotKey: date.toString(), nominalDate: date });
  }
  return slots;
}

/** What is wrong with the rule, in words a person can act on; undefined when it is usable. */
export function rruleProblem(text: string, dtstart: Temporal.PlainDate): string | undefined {
  const rule = readRRule(text);
  if (typeof rule === 'string') return rule;
  try {
    if (rruleDates(rule, dtstart, dtstart, undefined).next().done)
      return `RRULE ${rule.text} gives no date on or after dtstart ${dtstart.toString()}`;
  } catch (error) {
    return `RRULE ${rule.text} cannot be expanded: ${messageOf(error)}`;
  }
  return undefined;
}

function readRRule(raw: string): RRule | string {
  // RFC 5545 names are case-insensitive; ical.js only reads upper case.
  const text = raw.trim().toUpperCase();
  if (text === '') return 'RRULE is empty; write for example FREQ=MONTHLY;BYDAY=3TH';
  if (text.startsWith('RRULE:')) return `write the RRULE value without the "RRULE:" prefix: ${text.slice('RRULE:'.length)}`;

  const parts = new Map<string, string>();
  // An empty segment (a trailing ';') is harmless and common in pasted rules.
  for (const segment of text
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '')) {
    const match = /^([A-Z]+)=([^=]+)$/.exec(segment);
    const [, name, value] = match ?? [];
    if (name === undefined || value === undefined) return `RRULE part "${segment}" is not NAME=VALUE`;
    if (!SUPPORTED_PARTS.includes(name))
      return `RRULE part ${name} is not supported for whole-day meetings; use ${SUPPORTED_PARTS.join(', ')}`;
    if (parts.has(name)) return `RRULE part ${name} is given twice`;
    parts.set(name, value);
  }

  const freq = parts.get('FREQ');
  if (freq === undefined) return 'RRULE needs FREQ, for example FREQ=MONTHLY;BYDAY=3TH';
  if (!isFrequency(freq)) return `FREQ=${freq} is not supported: meetings are whole days, so use ${FREQUENCIES.join(', ')}`;

  const interval = positiveInteger(parts.get('INTERVAL') ?? '1');
  if (interval === undefined || interval > MAX_INTERVAL)
    return `INTERVAL must be a whole number from 1 to ${MAX_INTERVAL}, not "${parts.get('INTERVAL')}"`;
  const countText = parts.get('COUNT');
  const count = countText === undefined ? undefined : positiveInteger(countText);
  if (countText !== undefined && count === undefined) return `COUNT must be a whole number of at least 1, not "${countText}"`;
  const until = parts.get('UNTIL');
  if (until !== undefined && !isBasicDate(until))
    return `UNTIL must be a date written YYYYMMDD (the meetings are whole days), not "${until}"`;
  if (until !== undefined && countText !== undefined) return 'RRULE may have COUNT or UNTIL, not both (RFC 5545)';

  const byday = parts.get('BYDAY');
  if (byday !== undefined && /\d/.test(byday) && (freq === 'DAILY' || freq === 'WEEKLY')) {
    return `BYDAY=${byday} numbers its weekdays, which only FREQ=MONTHLY or FREQ=YEARLY can do`;
  }
  if (parts.has('BYSETPOS') && !(freq === 'MONTHLY' && byday !== undefined))
    return 'BYSETPOS is supported only with FREQ=MONTHLY and BYDAY';
  if (parts.has('BYSETPOS') && byday !== undefined && /\d/.test(byday)) {
    // ical.js picks the wrong days for this combination; plain weekdays say the same thing.
    return `BYSETPOS needs plain weekdays in BYDAY (e.g. BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1), not numbered ones like ${byday}`;
  }
  if (freq === 'MONTHLY' && parts.has('BYMONTH') && interval > 1) {
    // ical.js steps through BYMONTH and drops INTERVAL, so the rule would not mean what it says.
    return 'FREQ=MONTHLY with both BYMONTH and INTERVAL is not supported; list every wanted month in BYMONTH and leave INTERVAL out';
  }
  if (byday !== undefined && parts.has('BYMONTHDAY')) {
    // ical.js expands this pairing wrongly: with INTERVAL it loses the phase, and for some start
    // dates it throws "Malformed values in BYDAY part" (BYDAY=MO;BYMONTHDAY=1,30, found by a
    // property test). No meeting needs "a Monday that is also the 1st".
    return 'RRULE 不能同時有 BYDAY 與 BYMONTHDAY（系統無法正確算出這種組合的日期）；請只用其中一項，例如 BYDAY=3TH 或 BYMONTHDAY=15';
  }
  if (freq === 'YEARLY' && parts.has('BYMONTHDAY') && !parts.has('BYMONTH')) {
    // Calendar programs disagree on whether this means every month or dtstart's month only.
    return 'FREQ=YEARLY with BYMONTHDAY also needs BYMONTH';
  }

  let recur: ICAL.Recur;
  try {
    recur = ICAL.Recur.fromString(text);
  } catch (error) {
    return `RRULE ${text} could not be read: ${messageOf(error)}`;
  }
  const monthDays = recur.parts.BYMONTHDAY ?? [];
  if (monthDays.includes(0)) return 'BYMONTHDAY=0 is not a day of the month; use 1 to 31, or -1 for the last day';
  if (monthDays.length > 0 && !monthDayEverFalls(monthDays, recur.parts.BYMONTH ?? [])) {
    return `BYMONTHDAY=${parts.get('BYMONTHDAY')} never falls in ${parts.has('BYMONTH') ? `BYMONTH=${parts.get('BYMONTH')}` : 'any month'}`;
  }
  return { text, parts, freq, interval, count };
}

/**
 * The rule's dates from dtstart on, possibly with some before `from` (the caller drops those), up
 * to `to` when given. The ical.js iterator is started at an anchor whole periods (INTERVAL × n)
 * before the range, which keeps INTERVAL's phase, so that its unchecked first date falls in the
 * run-up and is dropped with it.
 */
function* rruleDates(
  rule: RRule,
  dtstart: Temporal.PlainDate,
  from: Temporal.PlainDate,
  to: Temporal.PlainDate | undefined,
): Generator<Temporal.PlainDate> {
  const recur = ICAL.Recur.fromString(explicitRuleText(rule, dtstart));
  // With COUNT every date from dtstart counts, so the run-up cannot skip any of them.
  const base = rule.count === undefined ? lastPeriodInPhase(rule, dtstart, from) : dtstart;
  const runUpEnd = Temporal.PlainDate.compare(base, dtstart) > 0 ? base : dtstart;
  const firstTry = initialPeriodsBack(rule);
  let steps = 0;
  let iterator: ICAL.RecurIterator;
  /** A first date at or after runUpEnd that could not be checked (see below). */
  let unchecked: Temporal.PlainDate | undefined;
  // Usually one round. More only when the rule has no date for years before the range, because
  // the iterator then searches forward from the anchor into the range before returning anything.
  for (let periodsBack = firstTry; ; periodsBack *= 2) {
    iterator = recur.iterator(toIcalDate(anchorDate(rule, base, periodsBack)));
    const first = nextDate(iterator);
    steps += 1;
    if (first === undefined) return;
    if (Temporal.PlainDate.compare(first, runUpEnd) < 0) break;
    if (periodsBack >= 64 * firstTry) {
      // Nothing for decades before the range: trust the first date rather than search for ever.
      unchecked = first;
      break;
    }
  }

  let emitted = 0;
  for (;;) {
    if (rule.count !== undefined && emitted >= rule.count) return;
    if (++steps > MAX_RRULE_STEPS) {
      throw new RangeError(
        `RRULE ${rule.text} from ${dtstart.toString()} needs more than ${MAX_RRULE_STEPS} steps${to ? ` to reach ${to.toString()}` : ''}; plan a shorter period or move dtstart closer`,
      );
    }
    const date = unchecked ?? nextDate(iterator);
    unchecked = undefined;
    if (date === undefined) return;
    if (Temporal.PlainDate.compare(date, runUpEnd) < 0) continue;
    if (to !== undefined && Temporal.PlainDate.compare(date, to) > 0) return;
    emitted += 1;
    yield date;
  }
}

/**
 * The start of the latest period at or before `from`'s that is a whole number of INTERVALs after
 * dtstart's, so that expansion can begin there without shifting INTERVAL's phase.
 */
function lastPeriodInPhase(rule: RRule, dtstart: Temporal.PlainDate, from: Temporal.PlainDate): Temporal.PlainDate {
  const start = anchorDate(rule, dtstart, 0);
  if (Temporal.PlainDate.compare(from, start) <= 0) return dtstart;
  const periods = {
    DAILY: () => from.since(start).days,
    WEEKLY: () => Math.floor(from.since(start).days / 7),
    MONTHLY: () => (from.year - start.year) * 12 + from.month - start.month,
    YEARLY: () => from.year - start.year,
  }[rule.freq]();
  const whole = Math.floor(periods / rule.interval) * rule.interval;
  const unit = { DAILY: 'days', WEEKLY: 'weeks', MONTHLY: 'months', YEARLY: 'years' } as const;
  return start.add({ [unit[rule.freq]]: whole });
}

/**
 * The rule with COUNT left out (counted by rruleDates) and with what it leaves to dtstart spelled
 * out (RFC 5545: FREQ=MONTHLY alone means dtstart's day of the month), because the iterator starts
 * from an anchor date, not from dtstart.
 */
function explicitRuleText(rule: RRule, dtstart: Temporal.PlainDate): string {
  const parts = new Map(rule.parts);
  parts.delete('COUNT');
  const has = (name: string) => parts.has(name);
  // ical.js walks BYMONTH in the order written, so BYMONTH=2,1 would skip January.
  const bymonth = parts.get('BYMONTH');
  if (bymonth !== undefined)
    parts.set(
      'BYMONTH',
      bymonth
        .split(',')
        .map(Number)
        .sort((a, b) => a - b)
        .join(','),
    );
  if (rule.freq === 'WEEKLY' && !has('BYDAY')) parts.set('BYDAY', icalWeekday(dtstart.dayOfWeek));
  if (rule.freq === 'MONTHLY' && !has('BYDAY') && !has('BYMONTHDAY')) parts.set('BYMONTHDAY', String(dtstart.day));
  if (rule.freq === 'YEARLY' && !has('BYDAY') && !has('BYMONTHDAY')) {
    parts.set('BYMONTHDAY', String(dtstart.day));
    if (!has('BYMONTH')) parts.set('BYMONTH', String(dtstart.month));
  }
  return [...parts].map(([name, value]) => `${name}=${value}`).join(';');
}

function initialPeriodsBack(rule: RRule): number {
  // The iterator's first-date search can run ahead a few months (a 5th weekday) or years (29 Feb).
  const lookahead = { DAILY: 1, WEEKLY: 1, MONTHLY: 12, YEARLY: 8 }[rule.freq];
  return Math.ceil(lookahead / rule.interval) * rule.interval;
}

/** The start of the period `periodsBack` periods before the one holding `date`: a day, a WKST week, a month or a year. */
function anchorDate(rule: RRule, date: Temporal.PlainDate, periodsBack: number): Temporal.PlainDate {
  switch (rule.freq) {
    case 'DAILY':
      return date.subtract({ days: periodsBack });
    case 'WEEKLY': {
      const weekStart = ICAL_WEEKDAYS.indexOf((rule.parts.get('WKST') ?? 'MO') as (typeof ICAL_WEEKDAYS)[number]) + 1;
      return date.subtract({ days: (date.dayOfWeek - weekStart + 7) % 7, weeks: periodsBack });
    }
    case 'MONTHLY':
      return date.with({ day: 1 }).subtract({ months: periodsBack });
    case 'YEARLY':
      return date.with({ month: 1, day: 1 }).subtract({ years: periodsBack });
  }
}

function nextDate(iterator: ICAL.RecurIterator): Temporal.PlainDate | undefined {
  // Typed as always returning a Time, but returns null once the rule is exhausted.
  const time = iterator.next() as ICAL.Time | null;
  return time ? Temporal.PlainDate.from({ year: time.year, month: time.month, day: time.day }) : undefined;
}

function toIcalDate(date: Temporal.PlainDate): ICAL.Time {
  // No zone: a floating all-day date, the same wherever the code runs.
  return ICAL.Time.fromData({ year: date.year, month: date.month, day: date.day, isDate: true });
}

function icalWeekday(isoWeekday: number): string {
  const code = ICAL_WEEKDAYS[isoWeekday - 1];
  if (code === undefined) throw new RangeError(`Unexpected ISO weekday ${isoWeekday}`);
  return code;
}

/** Whether some listed day of the month exists in some listed month (all months if none), 29 Feb included. */
function monthDayEverFalls(monthDays: readonly number[], months: readonly number[]): boolean {
  const longest = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  const candidates = months.length > 0 ? months : [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  return candidates.some((m) => monthDays.some((d) => Math.abs(d) <= (longest[m - 1] ?? 0)));
}

function isFrequency(value: string): value is Frequency {
  return (FREQUENCIES as readonly string[]).includes(value);
}

function positiveInteger(text: string): number | undefined {
  return /^[1-9]\d{0,8}$/.test(text) ? Number(text) : undefined;
}

function isBasicDate(text: string): boolean {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (match === null) return false;
  try {
    Temporal.PlainDate.from({ year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) }, { overflow: 'reject' });
    return true;
  } catch {
    return false;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
