// Which days government offices are open. A meeting never lands on a day off unless a person puts it
// there on purpose, so every planner asks this calendar, never `dayOfWeek` on its own.
//
// The year data is compact on purpose: only the exceptions to "Monday–Friday open, weekends closed"
// are stored (weekday days off and weekend make-up workdays), about twenty entries a year, which keeps
// the bundled data far below the Lambda bundle budget.
import { Temporal } from './local-date.ts';

const MMDD = /^(\d{2})(\d{2})$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export type OfficeCalendarYear = {
  year: number;
  /** Where the data came from, e.g. the DGPA file name and edition. */
  source: string;
  /** Weekdays on which offices are closed (holidays, 補假, 調整放假), MMDD -> label. */
  daysOff: Record<string, string>;
  /** Weekend days on which offices are open (補行上班 / 調整上班), MMDD -> label. */
  workdays: Record<string, string>;
};

/** A day closed at short notice, typically 颱風停止上班 announced by the county the evening before. */
export type Closure = { date: string /* YYYY-MM-DD */; reason: string };

/** What is wrong with a closure, per field, in words the secretariat reads (zh-TW). */
export type ClosureProblem = {
  field: 'date' | 'reason';
  code: 'not-a-date' | 'reason-required' | 'reason-invalid';
  message: string;
};

export type ClosureCheck = { ok: true; closure: Closure } | { ok: false; problems: ClosureProblem[] };

const REASON_MAX = 200;

/**
 * The one definition of a valid closure: a real calendar date (2026-02-30 and 2026-13-45 are not)
 * and a one-line reason, since the reason is what invitees are told. Used before a closure is
 * written and again when stored ones are read, because data written by an older version or by hand
 * may not be what it claims to be. Takes unknown input: a stored item may lack either field.
 */
export function checkClosure(input: { date?: unknown; reason?: unknown }): ClosureCheck {
  const problems: ClosureProblem[] = [];
  const date = typeof input.date === 'string' ? input.date : '';
  let iso: string | undefined;
  if (!ISO_DATE.test(date)) {
    problems.push({ field: 'date', code: 'not-a-date', message: `日期「${date}」格式不對，應為 YYYY-MM-DD，例如 2026-08-05` });
  } else {
    try {
      iso = Temporal.PlainDate.from(date, { overflow: 'reject' }).toString();
    } catch {
      problems.push({ field: 'date', code: 'not-a-date', message: `日期「${date}」不是實際存在的日期` });
    }
  }
  const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
  if (reason === '') {
    problems.push({ field: 'reason', code: 'reason-required', message: '請填寫停止上班的原因（例如 颱風停止上班），與會者會看到' });
  } else if (reason.length > REASON_MAX || /\p{Cc}/u.test(reason)) {
    problems.push({ field: 'reason', code: 'reason-invalid', message: `原因須為一行文字，最多 ${REASON_MAX} 字` });
  }
  if (problems.length > 0 || iso === undefined) return { ok: false, problems };
  return { ok: true, closure: { date: iso, reason } };
}

export type DayStatus = {
  date: Temporal.PlainDate;
  working: boolean;
  /** No office calendar is loaded for this year: weekends-only rules, to be confirmed later. */
  provisional: boolean;
  /** The official label of an exception day (e.g. 和平紀念日, 補行上班), or the closure reason. */
  label?: string;
  closure?: string;
};

type YearExceptions = {
  daysOff: ReadonlyMap<string, string>;
  workdays: ReadonlyMap<string, string>;
};

export class OfficeCalendar {
  private constructor(
    private readonly years: ReadonlyMap<number, YearExceptions>,
    /** ISO date -> reason. */
    private readonly closures: ReadonlyMap<string, string>,
  ) {}

  /**
   * Later entries for the same year replace earlier ones, so a revised edition (修正版) can be
   * passed after the bundled years: `OfficeCalendar.from([...bundledCalendarYears(), revised])`.
   */
  static from(years: OfficeCalendarYear[], closures: Closure[] = []): OfficeCalendar {
    const byYear = new Map<number, YearExceptions>();
    for (const year of years) byYear.set(year.year, indexYear(year));
    return new OfficeCalendar(byYear, addClosures(new Map(), closures));
  }

  /**
   * A new calendar with these closures added to the ones this calendar already has. Closures only
   * accumulate; to drop one (an announcement withdrawn), build the calendar again from its sources.
   */
  withClosures(closures: Closure[]): OfficeCalendar {
    return new OfficeCalendar(this.years, addClosures(new Map(this.closures), closures));
  }

  isWorkingDay(date: Temporal.PlainDate): boolean {
    return this.dayStatus(date).working;
  }

  isProvisional(date: Temporal.PlainDate): boolean {
    return !this.years.has(date.year);
  }

  dayStatus(date: Temporal.PlainDate): DayStatus {
    const exceptions = this.years.get(date.year);
    const weekend = date.dayOfWeek >= 6;
    let working = !weekend;
    let label: string | undefined;
    if (exceptions) {
      const key = mmdd(date);
      label = weekend ? exceptions.workdays.get(key) : exceptions.daysOff.get(key);
      if (label !== undefined) working = weekend;
    }
    const closure = this.closures.get(date.toString());
    const status: DayStatus = { date, working, provisional: exceptions === undefined };
    if (closure !== undefined) return { ...status, working: false, label: closure, closure };
    return label === undefined ? status : { ...status, label };
  }

  loadedYears(): number[] {
    return [...this.years.keys()].sort((a, b) => a - b);
  }
}

function mmdd(date: Temporal.PlainDate): string {
  return `${String(date.month).padStart(2, '0')}${String(date.day).padStart(2, '0')}`;
}

// Year data may come from storage or a hand edit, not only from the importer, so it is checked here:
// a key that is not a date, or a "day off" on a Saturday, means the data is not what it claims to be.
function indexYear(year: OfficeCalendarYear): YearExceptions {
  if (!Number.isInteger(year.year) || year.year < 1 || year.year > 9999) {
    throw new RangeError(`Office calendar year ${String(year.year)} (${year.source}) is not a year`);
  }
  const check = (entries: Record<string, string>, kind: 'daysOff' | 'workdays'): Map<string, string> => {
    const index = new Map<string, string>();
    for (const [key, label] of Object.entries(entries)) {
      const date = plainDateOf(year.year, key);
      const where = `${kind}["${key}"] of office calendar ${year.year} (${year.source})`;
      if (date === undefined) throw new RangeError(`${where} is not a valid MMDD date`);
      if (typeof label !== 'string') throw new RangeError(`${where} has no label text`);
      const weekend = date.dayOfWeek >= 6;
      if (kind === 'daysOff' && weekend) throw new RangeError(`${where} is a weekend day; list only weekdays off`);
      if (kind === 'workdays' && !weekend) throw new RangeError(`${where} is a weekday; list only weekend workdays`);
      index.set(key, label);
    }
    return index;
  };
  return { daysOff: check(year.daysOff, 'daysOff'), workdays: check(year.workdays, 'workdays') };
}

function plainDateOf(year: number, key: string): Temporal.PlainDate | undefined {
  const match = MMDD.exec(key);
  if (!match) return undefined;
  try {
    return Temporal.PlainDate.from({ year, month: Number(match[1]), day: Number(match[2]) }, { overflow: 'reject' });
  } catch {
    return undefined;
  }
}

function addClosures(into: Map<string, string>, closures: Closure[]): Map<string, string> {
  for (const closure of closures) {
    // A malformed date would silently never match, leaving a typhoon day "open": refuse it loudly.
    // Stored closures are checked (and skipped with a warning) before they get here.
    const check = checkClosure(closure);
    if (!check.ok) throw new RangeError(`Closure ${JSON.stringify(closure)}: ${check.problems.map((p) => p.message).join('；')}`);
    const { date, reason } = check.closure;
    const earlier = into.get(date);
    into.set(date, earlier === undefined || earlier === reason ? reason : `${earlier}；${reason}`);
  }
  return into;
}
