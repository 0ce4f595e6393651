// Which days government offices are open. A meeting never lands on a day off unless a person puts it
// there on purpose, so every planner asks this calendar, never `dayOfWeek` on its own.
//
// The year data is compact on purpose: only the exceptions to "Monday–Friday open, weekends closed"
// are stored (weekday days off and weekend make-up workdays), about twenty entries a year, which keeps
// the bundled data far below the Lambda bundle budget.
import { Temporal } from './local-date.ts';

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

const MMDD = /^(\d{2})(\d{2})$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

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
  for (const { date, reason } of closures) {
    // A malformed date would silently never match, leaving a typhoon day "open".
    if (!ISO_DATE.test(date)) throw new RangeError(`Closure date "${date}" is not YYYY-MM-DD`);
    const iso = Temporal.PlainDate.from(date, { overflow: 'reject' }).toString();
    const text = reason.trim();
    if (text === '') throw new RangeError(`Closure on ${iso} has no reason; invitees are told why a meeting moved`);
    const earlier = into.get(iso);
    into.set(iso, earlier === undefined || earlier === text ? text : `${earlier}；${text}`);
  }
  return into;
}
