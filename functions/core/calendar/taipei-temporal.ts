// The part of Temporal this product uses, for one place: Asia/Taipei (and UTC, in which Lambda
// stamps received mail). Hand-written because temporal-polyfill was 54 KB of every Lambda bundle,
// a third of the 150 KB each may hold (issue 13 §5), while what we need is a civil calendar and a
// fixed offset: Taiwan has kept UTC+08:00 without daylight saving since 1979, and the product
// handles no date before 2020, so a fixed offset is exact for everything it does.
//
// What it deliberately does not do: other time zones (refused with a RangeError that says so),
// dates before 1980 in Asia/Taipei (the 1974–1979 summer times are not modelled), calendars other
// than ISO 8601 (refused), PlainMonthDay, Duration arithmetic and rounding, durations wider than
// days from until/since, Intl formatting, and every method and option nobody here calls (PlainTime
// from fields, Instant.until, ZonedDateTime.compare …): add one, with its property, when code
// needs it. Strings, errors and arithmetic follow Temporal:
// test/unit/calendar/taipei-temporal.test.ts checks every operation against temporal-polyfill,
// kept as a devDependency for that purpose.

type Overflow = { overflow?: 'constrain' | 'reject' };
type DateFields = { year: number; month: number; day: number };
type DateUnits = { years?: number; months?: number; weeks?: number; days?: number };
type TimeUnits = {
  hours?: number;
  minutes?: number;
  seconds?: number;
  milliseconds?: number;
  microseconds?: number;
  nanoseconds?: number;
};
type DurationLike = DateUnits & TimeUnits;

const NS_PER_MS = 1_000_000n;
const NS_PER_DAY = 86_400_000_000_000n;
/** Temporal's own limit: ±10⁸ days around 1970, in nanoseconds. */
const LIMIT_NS = 8_640_000_000_000_000_000_000n;

// ---------------------------------------------------------------------------------------------
// Civil calendar arithmetic (proleptic Gregorian, as ISO 8601), after Howard Hinnant's
// days_from_civil / civil_from_days: exact for any year, no Date and no time zone involved.

const floorDiv = (a: number, b: number) => Math.floor(a / b);
const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const daysIn = (year: number, month: number) => (month === 2 ? (isLeap(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31);

function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = floorDiv(y, 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = floorDiv(153 * ((month + 9) % 12) + 2, 5) + day - 1;
  return era * 146097 + yearOfEra * 365 + floorDiv(yearOfEra, 4) - floorDiv(yearOfEra, 100) + dayOfYear - 719468;
}

function civilFromDays(days: number): DateFields {
  const z = days + 719468;
  const era = floorDiv(z, 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = floorDiv(dayOfEra - floorDiv(dayOfEra, 1460) + floorDiv(dayOfEra, 36524) - floorDiv(dayOfEra, 146096), 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + floorDiv(yearOfEra, 4) - floorDiv(yearOfEra, 100));
  const shifted = floorDiv(5 * dayOfYear + 2, 153);
  const month = shifted < 10 ? shifted + 3 : shifted - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day: dayOfYear - floorDiv(153 * shifted + 2, 5) + 1 };
}

/** Temporal's ToIntegerWithTruncation: finite, then towards zero. */
function integer(value: unknown, field: string): number {
  const number = Number(value);
  if (!Number.isFinite(number)) throw new RangeError(`${field} 不是有限的數字 / ${field} must be a finite number`);
  return Math.trunc(number) || 0;
}

function regulate(year: number, month: number, day: number, overflow: Overflow['overflow'] = 'constrain'): DateFields {
  if (month < 1 || day < 1) throw new RangeError(`月與日須為正數 / month and day must be positive: ${year}-${month}-${day}`);
  if (overflow === 'reject') {
    if (month > 12 || day > daysIn(year, month))
      throw new RangeError(`日期不存在 / no such date: ${yearString(year)}-${pad(month)}-${pad(day)}`);
    return { year, month, day };
  }
  if (overflow !== 'constrain') throw new RangeError(`overflow 須為 constrain 或 reject / invalid overflow: ${String(overflow)}`);
  const m = Math.min(month, 12);
  return { year, month: m, day: Math.min(day, daysIn(year, m)) };
}

// ---------------------------------------------------------------------------------------------
// ISO 8601 / RFC 9557 strings, as far as Temporal reads them.

// Separators must be used throughout or not at all ("2026-03-09", "20260309", not "2026-0309"):
// each part refers back to its first separator, whose group number depends on what precedes it.
const DATE = String.raw`([+-]\d{6}|\d{4})(-?)(\d{2})\2(\d{2})`;
const time = (sep: number) => `(\\d{2})(?:(:?)(\\d{2})(?:\\${sep}(\\d{2})(?:[.,](\\d{1,9}))?)?)?`;
const offset = (sep: number) => `([zZ]|[+-]\\d{2}(?:(:?)\\d{2}(?:\\${sep}\\d{2}(?:[.,]\\d{1,9})?)?)?)`;
const ANNOTATIONS = String.raw`((?:\[[^\]]*\])*)`;
const DATE_TIME = new RegExp(`^${DATE}(?:[Tt ]${time(6)}${offset(11)}?)?${ANNOTATIONS}$`);
const TIME_ONLY = new RegExp(`^[Tt]?${time(2)}${offset(7)}?${ANNOTATIONS}$`);
const YEAR_MONTH = new RegExp(String.raw`^([+-]\d{6}|\d{4})-?(\d{2})${ANNOTATIONS}$`);
const MONTH_DAY = new RegExp(String.raw`^(?:--)?(\d{2})-?(\d{2})${ANNOTATIONS}$`);

type Parsed = {
  date?: DateFields;
  time?: PlainTime;
  /** Offset in nanoseconds east of UTC; 'Z' when the string gave the exact time in UTC. */
  offset?: bigint | 'Z';
  zone?: string;
  calendar?: string;
};

function invalid(text: string): never {
  throw new RangeError(`無法解讀的日期時間 / cannot parse ISO 8601 string: ${text}`);
}

function digitsToNs(fraction: string | undefined): number {
  return fraction ? Number(fraction.padEnd(9, '0')) : 0;
}

function parseOffset(text: string): bigint | 'Z' {
  if (text === 'Z' || text === 'z') return 'Z';
  const [, sign, h, m = '0', s = '0', f] = /^([+-])(\d{2}):?(\d{2})?:?(\d{2})?(?:[.,](\d+))?$/.exec(text) ?? invalid(text);
  if (Number(h) > 23 || Number(m) > 59 || Number(s) > 59) invalid(text);
  const ns = BigInt(((Number(h) * 60 + Number(m)) * 60 + Number(s)) * 1e9 + digitsToNs(f));
  return sign === '-' ? -ns : ns;
}

/** A time zone as RFC 9557 spells one: an offset, or IANA name parts that start with a letter, . or _. */
const ZONE_NAME = /^(?:[+-]\d{2}(?::?\d{2})?|(?!\.\.?(?:\/|$))[A-Za-z._][\w.+-]*(?:\/(?!\.\.?(?:\/|$))[A-Za-z._][\w.+-]*)*)$/;

/** Reads the bracketed suffix: the time zone, then key=value annotations, of which only u-ca counts. */
function parseAnnotations(text: string, whole: string): Pick<Parsed, 'zone' | 'calendar'> {
  const found: Pick<Parsed, 'zone' | 'calendar'> = {};
  let calendarCritical = false;
  for (const [i, [, critical, body]] of [...text.matchAll(/\[(!?)([^\]]*)\]/g)].entries()) {
    const keyValue = /^([a-z_][a-z0-9_-]*)=([A-Za-z0-9]+(?:-[A-Za-z0-9]+)*)$/.exec(body!);
    if (!keyValue) {
      if (i !== 0 || !ZONE_NAME.test(body!)) invalid(whole);
      found.zone = body;
    } else if (keyValue[1] === 'u-ca') {
      // The first calendar counts; a second one is refused only when either is marked critical.
      if (found.calendar !== undefined && (critical || calendarCritical)) invalid(whole);
      found.calendar ??= keyValue[2];
      calendarCritical ||= critical === '!';
    } else if (critical) invalid(whole);
  }
  return found;
}

/** Dates carry the ISO calendar; a string asking for another (roc, gregory …) is refused, not misread. */
function isoCalendar(parsed: Parsed, whole: string): void {
  if (parsed.calendar !== undefined && parsed.calendar.toLowerCase() !== 'iso8601')
    throw new RangeError(`只支援 ISO 8601 曆法 / only the iso8601 calendar is supported: ${whole}`);
}

function parseDateTime(text: string): Parsed {
  const match = DATE_TIME.exec(text) ?? invalid(text);
  const [, y, , mo, d, h, , mi, s, f, offset, , annotations] = match;
  if (y === '-000000') invalid(text);
  const year = Number(y);
  const date = { year, month: Number(mo), day: Number(d) };
  if (date.month < 1 || date.month > 12 || date.day < 1 || date.day > daysIn(year, date.month))
    throw new RangeError(`日期不存在 / no such date: ${text}`);
  const parsed: Parsed = { date, ...parseAnnotations(annotations ?? '', text) };
  if (h !== undefined) parsed.time = timeFromParts(text, h, mi, s, f);
  if (offset !== undefined) parsed.offset = parseOffset(offset);
  return parsed;
}

function timeFromParts(text: string, h: string, mi = '0', s = '0', f?: string): PlainTime {
  const [hour, minute, second] = [Number(h), Number(mi), Number(s)];
  if (hour > 23 || minute > 59 || second > 60) throw new RangeError(`時間不存在 / no such time: ${text}`);
  const ns = digitsToNs(f);
  // A leap second (23:59:60) is read as :59, as Temporal does.
  return new PlainTime(hour, minute, Math.min(second, 59), floorDiv(ns, 1e6), floorDiv(ns, 1e3) % 1000, ns % 1000);
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

function yearString(year: number): string {
  if (year >= 0 && year <= 9999) return pad(year, 4);
  return `${year < 0 ? '-' : '+'}${pad(Math.abs(year), 6)}`;
}

function fractionString(ns: number): string {
  return ns === 0 ? '' : `.${pad(ns, 9).replace(/0+$/, '')}`;
}

function noValueOf(): never {
  throw new TypeError('Temporal 物件不能用 < 或 > 比較，請用 compare / use compare() to compare Temporal objects');
}

// ---------------------------------------------------------------------------------------------
// Durations: what until/since answer. Only read here, never added.

/** What PlainDate's until/since answer: whole days, Temporal's default largestUnit for dates. */
export class Duration {
  readonly days: number;

  constructor(days: number) {
    this.days = days || 0;
  }

  get sign(): -1 | 0 | 1 {
    return this.days < 0 ? -1 : this.days > 0 ? 1 : 0;
  }

  /** ISO 8601, as Temporal writes it: `P454D`, `-P3D`, `PT0S`. */
  toString(): string {
    return this.days ? `${this.days < 0 ? '-' : ''}P${Math.abs(this.days)}D` : 'PT0S';
  }

  toJSON(): string {
    return this.toString();
  }
}

/** Temporal's ToTemporalDurationRecord for an object: integers, one sign, at least one unit. */
function durationFields(like: DurationLike): Required<DurationLike> {
  const names = ['years', 'months', 'weeks', 'days', 'hours', 'minutes', 'seconds', 'milliseconds', 'microseconds', 'nanoseconds'] as const;
  if (typeof like !== 'object' || like === null || names.every((n) => like[n] === undefined))
    throw new TypeError('期間須至少有一個單位 / a duration needs at least one unit');
  const fields = {} as Required<DurationLike>;
  let sign = 0;
  for (const name of names) {
    const raw = like[name];
    const value = raw === undefined ? 0 : Number(raw);
    if (!Number.isInteger(value)) throw new RangeError(`期間的 ${name} 須為整數 / duration ${name} must be an integer`);
    if (value !== 0) {
      if (sign !== 0 && Math.sign(value) !== sign) throw new RangeError('期間各單位須同號 / mixed-sign duration');
      sign = Math.sign(value);
    }
    fields[name] = value || 0;
  }
  return fields;
}

function negate(like: DurationLike): DurationLike {
  return Object.fromEntries(Object.entries(durationFields(like)).map(([k, v]) => [k, -v || 0]));
}

function timeNs(d: Required<DurationLike>): bigint {
  return (
    ((BigInt(d.hours) * 60n + BigInt(d.minutes)) * 60n + BigInt(d.seconds)) * 1_000_000_000n +
    BigInt(d.milliseconds) * NS_PER_MS +
    BigInt(d.microseconds) * 1000n +
    BigInt(d.nanoseconds)
  );
}

// ---------------------------------------------------------------------------------------------
// Time zones: the two fixed offsets we need. Temporal spells the names without regard to case.

const ZONES: Record<string, [id: string, offsetNs: bigint]> = {
  'asia/taipei': ['Asia/Taipei', 8n * 3_600_000_000_000n],
  utc: ['UTC', 0n],
};

function zoneOf(id: unknown): [id: string, offsetNs: bigint] {
  if (typeof id !== 'string') throw new TypeError(`時區須為字串 / time zone must be a string: ${String(id)}`);
  const zone = ZONES[id.toLowerCase()];
  if (!zone)
    throw new RangeError(
      `只支援 Asia/Taipei 時區（及 UTC），不支援「${id}」 / only the Asia/Taipei and UTC time zones are supported, not ${id}`,
    );
  return zone;
}

// ---------------------------------------------------------------------------------------------

export class PlainDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;

  constructor(year: number, month: number, day: number) {
    const fields = regulate(integer(year, 'year'), integer(month, 'month'), integer(day, 'day'), 'reject');
    [this.year, this.month, this.day] = [fields.year, fields.month, fields.day];
    checkDays(daysFromCivil(this.year, this.month, this.day));
  }

  static from(item: PlainDate | ZonedDateTime | Partial<DateFields> | string, options?: Overflow): PlainDate {
    if (item instanceof PlainDate) return new PlainDate(item.year, item.month, item.day);
    if (item instanceof ZonedDateTime) return item.toPlainDate();
    if (typeof item === 'string') {
      const parsed = parseDateTime(item);
      if (parsed.offset === 'Z') throw new RangeError(`本地日期不能帶 Z / a plain date cannot carry Z: ${item}`);
      isoCalendar(parsed, item);
      const { year, month, day } = parsed.date!;
      return new PlainDate(year, month, day);
    }
    if (typeof item !== 'object' || item === null) throw new TypeError(`不是日期 / not a date: ${String(item)}`);
    for (const key of ['year', 'month', 'day'] as const)
      if (item[key] === undefined) throw new TypeError(`日期缺少 ${key} / date is missing ${key}`);
    const fields = regulate(integer(item.year, 'year'), integer(item.month, 'month'), integer(item.day, 'day'), options?.overflow);
    return new PlainDate(fields.year, fields.month, fields.day);
  }

  static compare(one: PlainDate | string, two: PlainDate | string): -1 | 0 | 1 {
    const [a, b] = [PlainDate.from(one).epochDays, PlainDate.from(two).epochDays];
    return a < b ? -1 : a > b ? 1 : 0;
  }

  /** Days since 1970-01-01. */
  private get epochDays(): number {
    return daysFromCivil(this.year, this.month, this.day);
  }

  get dayOfWeek(): number {
    return ((((this.epochDays + 3) % 7) + 7) % 7) + 1;
  }

  get dayOfYear(): number {
    return this.epochDays - daysFromCivil(this.year, 1, 1) + 1;
  }

  /** ISO 8601 week: weeks start on Monday, week 1 holds the year's first Thursday. */
  get weekOfYear(): number {
    return isoWeek(this)[1];
  }

  get yearOfWeek(): number {
    return isoWeek(this)[0];
  }

  get daysInMonth(): number {
    return daysIn(this.year, this.month);
  }

  get daysInYear(): number {
    return isLeap(this.year) ? 366 : 365;
  }

  /** Years and months first, the day clamped to the month reached (Jan 31 + 1 month = Feb 28), then days. */
  add(duration: DurationLike, options?: Overflow): PlainDate {
    const d = durationFields(duration);
    const days = d.weeks * 7 + d.days + Number(timeNs(d) / NS_PER_DAY);
    const months = this.month - 1 + d.months + d.years * 12;
    const moved = regulate(this.year + floorDiv(months, 12), (((months % 12) + 12) % 12) + 1, this.day, options?.overflow);
    return fromEpochDays(daysFromCivil(moved.year, moved.month, moved.day) + days);
  }

  subtract(duration: DurationLike, options?: Overflow): PlainDate {
    return this.add(negate(duration), options);
  }

  /** Whole days from this date to the other, as Temporal answers with its default largestUnit 'day'. */
  until(other: PlainDate | string): Duration {
    return new Duration(PlainDate.from(other).epochDays - this.epochDays);
  }

  since(other: PlainDate | string): Duration {
    return new Duration(this.epochDays - PlainDate.from(other).epochDays);
  }

  equals(other: PlainDate | string): boolean {
    return PlainDate.compare(this, other) === 0;
  }

  with(fields: Partial<DateFields>, options?: Overflow): PlainDate {
    if (typeof fields !== 'object' || fields === null || ['year', 'month', 'day'].every((k) => fields[k as keyof DateFields] === undefined))
      throw new TypeError('with 須至少有 year、month 或 day / with() needs year, month or day');
    return PlainDate.from({ year: this.year, month: this.month, day: this.day, ...stripUndefined(fields) }, options);
  }

  toPlainYearMonth(): PlainYearMonth {
    return new PlainYearMonth(this.year, this.month);
  }

  /** At the given time (or midnight) in Asia/Taipei or UTC. */
  toZonedDateTime(options: string | { timeZone: string; plainTime?: PlainTime | string }): ZonedDateTime {
    const { timeZone, plainTime } = typeof options === 'string' ? { timeZone: options, plainTime: undefined } : options;
    const [id, offset] = zoneOf(timeZone);
    const time = plainTime === undefined ? new PlainTime() : PlainTime.from(plainTime);
    return new ZonedDateTime(BigInt(this.epochDays) * NS_PER_DAY + time.nanosecondOfDay - offset, id);
  }

  toString(): string {
    return `${yearString(this.year)}-${pad(this.month)}-${pad(this.day)}`;
  }

  toJSON(): string {
    return this.toString();
  }

  valueOf(): never {
    return noValueOf();
  }
}

function isoWeek(date: PlainDate): [year: number, week: number] {
  const week = floorDiv(date.dayOfYear - date.dayOfWeek + 10, 7);
  const weeksIn = (year: number) => {
    const jan1 = new PlainDate(year, 1, 1).dayOfWeek;
    return jan1 === 4 || (jan1 === 3 && isLeap(year)) ? 53 : 52;
  };
  if (week < 1) return [date.year - 1, weeksIn(date.year - 1)];
  if (week > weeksIn(date.year)) return [date.year + 1, 1];
  return [date.year, week];
}

function stripUndefined<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function checkDays(days: number): void {
  // Temporal's PlainDate range: -271821-04-19 … +275760-09-13.
  if (days < -100_000_001 || days > 100_000_000) throw new RangeError(`日期超出範圍 / date out of range: ${days}`);
}

function fromEpochDays(days: number): PlainDate {
  checkDays(days);
  const { year, month, day } = civilFromDays(days);
  return new PlainDate(year, month, day);
}

// ---------------------------------------------------------------------------------------------

export class PlainYearMonth {
  constructor(
    readonly year: number,
    readonly month: number,
  ) {
    if (!Number.isInteger(year) || !Number.isInteger(month) || month < 1 || month > 12)
      throw new RangeError(`年月不存在 / year-month out of range: ${year}-${month}`);
  }

  static compare(one: PlainYearMonth, two: PlainYearMonth): -1 | 0 | 1 {
    const [a, b] = [one.year * 12 + one.month, two.year * 12 + two.month];
    return a < b ? -1 : a > b ? 1 : 0;
  }

  get daysInMonth(): number {
    return daysIn(this.year, this.month);
  }

  add(duration: { years?: number; months?: number }): PlainYearMonth {
    const d = durationFields(duration);
    const months = this.year * 12 + this.month - 1 + d.years * 12 + d.months;
    return new PlainYearMonth(floorDiv(months, 12), (((months % 12) + 12) % 12) + 1);
  }

  toPlainDate(fields: { day: number }): PlainDate {
    return PlainDate.from({ year: this.year, month: this.month, day: fields.day });
  }

  toString(): string {
    return `${yearString(this.year)}-${pad(this.month)}`;
  }

  toJSON(): string {
    return this.toString();
  }

  valueOf(): never {
    return noValueOf();
  }
}

// ---------------------------------------------------------------------------------------------

export class PlainTime {
  constructor(
    readonly hour = 0,
    readonly minute = 0,
    readonly second = 0,
    readonly millisecond = 0,
    readonly microsecond = 0,
    readonly nanosecond = 0,
  ) {
    const limits = [23, 59, 59, 999, 999, 999];
    [hour, minute, second, millisecond, microsecond, nanosecond].forEach((value, i) => {
      if (!Number.isInteger(value) || value < 0 || value > limits[i]!) throw new RangeError(`時間不存在 / time out of range: ${value}`);
    });
  }

  /** From a string ("14:00", "T1400", a date-time's time) or another time; nothing here builds one from fields. */
  static from(item: PlainTime | ZonedDateTime | string): PlainTime {
    if (item instanceof PlainTime) return new PlainTime(...item.fields());
    if (item instanceof ZonedDateTime) return item.toPlainTime();
    if (typeof item === 'string') return parseTime(item);
    throw new TypeError(`不是時間 / not a time: ${String(item)}`);
  }

  /** @internal nanoseconds since midnight. */
  get nanosecondOfDay(): bigint {
    const [h, m, s, ms, us, ns] = this.fields();
    return BigInt(((h * 60 + m) * 60 + s) * 1000 + ms) * NS_PER_MS + BigInt(us * 1000 + ns);
  }

  private fields(): [number, number, number, number, number, number] {
    return [this.hour, this.minute, this.second, this.millisecond, this.microsecond, this.nanosecond];
  }

  toString(): string {
    const subsecond = this.millisecond * 1e6 + this.microsecond * 1e3 + this.nanosecond;
    return `${pad(this.hour)}:${pad(this.minute)}:${pad(this.second)}${fractionString(subsecond)}`;
  }

  toJSON(): string {
    return this.toString();
  }

  valueOf(): never {
    return noValueOf();
  }
}

function parseTime(text: string): PlainTime {
  const withDate = DATE_TIME.exec(text) ? parseDateTime(text) : undefined;
  if (withDate) {
    if (!withDate.time || withDate.offset === 'Z') invalid(text);
    return withDate.time;
  }
  const match = TIME_ONLY.exec(text) ?? invalid(text);
  // Without a T, "2021-12" or "1231" could be a year-month or a month-day: Temporal refuses those.
  if (!/^[Tt]/.test(text)) {
    const ym = YEAR_MONTH.exec(text);
    const md = MONTH_DAY.exec(text);
    if (ym && Number(ym[2]) >= 1 && Number(ym[2]) <= 12) invalid(text);
    if (md && Number(md[1]) >= 1 && Number(md[1]) <= 12 && Number(md[2]) >= 1 && Number(md[2]) <= daysIn(2000, Number(md[1])))
      invalid(text);
  }
  const [, h, , mi, s, f, offset, , annotations] = match;
  if (offset === 'Z' || offset === 'z') invalid(text);
  if (offset !== undefined) parseOffset(offset);
  parseAnnotations(annotations ?? '', text);
  return timeFromParts(text, h!, mi, s, f);
}

// ---------------------------------------------------------------------------------------------

export class Instant {
  constructor(readonly epochNanoseconds: bigint) {
    if (typeof epochNanoseconds !== 'bigint') throw new TypeError('epochNanoseconds 須為 bigint / must be a bigint');
    if (epochNanoseconds > LIMIT_NS || epochNanoseconds < -LIMIT_NS) throw new RangeError('時刻超出範圍 / instant out of range');
  }

  static from(item: Instant | ZonedDateTime | string): Instant {
    if (item instanceof Instant) return new Instant(item.epochNanoseconds);
    if (item instanceof ZonedDateTime) return item.toInstant();
    if (typeof item !== 'string') throw new TypeError(`不是時刻 / not an instant: ${String(item)}`);
    const parsed = parseDateTime(item);
    if (!parsed.time || parsed.offset === undefined)
      throw new RangeError(`時刻須有時間與時差（Z 或 +08:00） / an instant needs a time and an offset: ${item}`);
    return new Instant(localNs(parsed.date!, parsed.time) - (parsed.offset === 'Z' ? 0n : parsed.offset));
  }

  static fromEpochMilliseconds(ms: number): Instant {
    if (!Number.isInteger(ms)) throw new RangeError(`毫秒須為整數 / epoch milliseconds must be an integer: ${ms}`);
    return new Instant(BigInt(ms) * NS_PER_MS);
  }

  static fromEpochNanoseconds(ns: bigint): Instant {
    return new Instant(ns);
  }

  static compare(one: Instant | string, two: Instant | string): -1 | 0 | 1 {
    const [a, b] = [Instant.from(one).epochNanoseconds, Instant.from(two).epochNanoseconds];
    return a < b ? -1 : a > b ? 1 : 0;
  }

  get epochMilliseconds(): number {
    const ns = this.epochNanoseconds;
    const ms = ns / NS_PER_MS;
    return Number(ns < 0n && ms * NS_PER_MS !== ns ? ms - 1n : ms);
  }

  /** Exact time only: Temporal refuses days and longer on an Instant, whose days have no zone. */
  add(duration: TimeUnits): Instant {
    const d = durationFields(duration);
    if (d.years || d.months || d.weeks || d.days)
      throw new RangeError('時刻只能加減時、分、秒 / an instant adds hours and smaller units only');
    return new Instant(this.epochNanoseconds + timeNs(d));
  }

  toZonedDateTimeISO(timeZone: string): ZonedDateTime {
    return new ZonedDateTime(this.epochNanoseconds, timeZone);
  }

  toString(): string {
    return `${localString(this.epochNanoseconds)}Z`;
  }

  toJSON(): string {
    return this.toString();
  }

  valueOf(): never {
    return noValueOf();
  }
}

function localNs(date: DateFields, time: PlainTime): bigint {
  return BigInt(daysFromCivil(date.year, date.month, date.day)) * NS_PER_DAY + time.nanosecondOfDay;
}

function splitLocal(ns: bigint): { date: PlainDate; time: PlainTime } {
  let days = ns / NS_PER_DAY;
  let rest = ns - days * NS_PER_DAY;
  if (rest < 0n) [days, rest] = [days - 1n, rest + NS_PER_DAY];
  const ms = Number(rest / NS_PER_MS);
  const sub = Number(rest % NS_PER_MS);
  const time = new PlainTime(
    floorDiv(ms, 3_600_000),
    floorDiv(ms, 60_000) % 60,
    floorDiv(ms, 1000) % 60,
    ms % 1000,
    floorDiv(sub, 1000),
    sub % 1000,
  );
  return { date: fromEpochDays(Number(days)), time };
}

function localString(ns: bigint): string {
  const { date, time } = splitLocal(ns);
  return `${date.toString()}T${time.toString()}`;
}

// ---------------------------------------------------------------------------------------------

/**
 * Only what ical-generator asks of a ZonedDateTime's wall clock: it recognises Temporal objects by
 * their fields and writes DTSTART from toPlainDateTime(). Not for product code: use PlainDate.
 */
export class PlainDateTime {
  constructor(
    private readonly date: PlainDate,
    private readonly time: PlainTime,
  ) {}

  get year(): number {
    return this.date.year;
  }
  get month(): number {
    return this.date.month;
  }
  get day(): number {
    return this.date.day;
  }
  get hour(): number {
    return this.time.hour;
  }
  get minute(): number {
    return this.time.minute;
  }
  get second(): number {
    return this.time.second;
  }

  toPlainDate(): PlainDate {
    return this.date;
  }

  toZonedDateTime(timeZone: string): ZonedDateTime {
    return this.date.toZonedDateTime({ timeZone, plainTime: this.time });
  }

  toString(): string {
    return `${this.date.toString()}T${this.time.toString()}`;
  }

  toJSON(): string {
    return this.toString();
  }

  valueOf(): never {
    return noValueOf();
  }
}

export class ZonedDateTime {
  readonly timeZoneId: string;
  private readonly offsetNs: bigint;
  private readonly local: { date: PlainDate; time: PlainTime };

  constructor(
    readonly epochNanoseconds: bigint,
    timeZone: string,
  ) {
    new Instant(epochNanoseconds);
    [this.timeZoneId, this.offsetNs] = zoneOf(timeZone);
    this.local = splitLocal(epochNanoseconds + this.offsetNs);
  }

  /** `2026-03-09T09:00+08:00[Asia/Taipei]`; the offset, when given, must be the zone's (Temporal's 'reject'). */
  static from(item: ZonedDateTime | string): ZonedDateTime {
    if (item instanceof ZonedDateTime) return new ZonedDateTime(item.epochNanoseconds, item.timeZoneId);
    if (typeof item !== 'string') throw new TypeError(`不是帶時區的時間 / not a zoned date-time: ${String(item)}`);
    const parsed = parseDateTime(item);
    if (parsed.zone === undefined) throw new RangeError(`缺少時區，例如 [Asia/Taipei] / missing time zone annotation: ${item}`);
    isoCalendar(parsed, item);
    const [id, offset] = zoneOf(parsed.zone);
    const local = localNs(parsed.date!, parsed.time ?? new PlainTime());
    if (parsed.offset === 'Z') return new ZonedDateTime(local, id);
    if (parsed.offset !== undefined && parsed.offset !== offset)
      throw new RangeError(`時差與時區不符 / offset does not match ${id}: ${item}`);
    return new ZonedDateTime(local - offset, id);
  }

  get year(): number {
    return this.local.date.year;
  }
  get month(): number {
    return this.local.date.month;
  }
  get day(): number {
    return this.local.date.day;
  }
  get hour(): number {
    return this.local.time.hour;
  }
  get minute(): number {
    return this.local.time.minute;
  }
  get second(): number {
    return this.local.time.second;
  }
  get epochMilliseconds(): number {
    return this.toInstant().epochMilliseconds;
  }
  get offset(): string {
    const minutes = Number(this.offsetNs / 60_000_000_000n);
    return `${minutes < 0 ? '-' : '+'}${pad(floorDiv(Math.abs(minutes), 60))}:${pad(Math.abs(minutes) % 60)}`;
  }

  /** Calendar units move the wall-clock date (the time stays), time units move the instant. */
  add(duration: DurationLike, options?: Overflow): ZonedDateTime {
    const d = durationFields(duration);
    const date =
      d.years || d.months || d.weeks || d.days
        ? this.local.date.add({ years: d.years, months: d.months, weeks: d.weeks, days: d.days }, options)
        : this.local.date;
    const wall = localNs(date, this.local.time) - this.offsetNs;
    return new ZonedDateTime(wall + timeNs(d), this.timeZoneId);
  }

  withTimeZone(timeZone: string): ZonedDateTime {
    return new ZonedDateTime(this.epochNanoseconds, timeZone);
  }

  toInstant(): Instant {
    return new Instant(this.epochNanoseconds);
  }

  toPlainDate(): PlainDate {
    return this.local.date;
  }

  toPlainTime(): PlainTime {
    return this.local.time;
  }

  toPlainDateTime(): PlainDateTime {
    return new PlainDateTime(this.local.date, this.local.time);
  }

  toString(): string {
    return `${localString(this.epochNanoseconds + this.offsetNs)}${this.offset}[${this.timeZoneId}]`;
  }

  toJSON(): string {
    return this.toString();
  }

  valueOf(): never {
    return noValueOf();
  }
}

export const Now = {
  instant: (): Instant => Instant.fromEpochMilliseconds(Date.now()),
};
