// Dates as the secretariat writes them: `2/21(二)` in plan tables and `112年2月21日（星期二）下午2時`
// in formal notices (公文). Intl's `roc` calendar would also give the year, but its output varies with
// the ICU version and it has no notion of 上午/下午 as notices use them, so the strings are built here.
import { TAIPEI, Temporal } from './local-date.ts';

/** Weekday characters indexed by ISO weekday − 1 (Monday first, as Temporal counts). */
export const WEEKDAY_CHARS = ['一', '二', '三', '四', '五', '六', '日'] as const;

export type WeekdayChar = (typeof WEEKDAY_CHARS)[number];

const ROC_EPOCH_OFFSET = 1911;

/** 民國 year: 2023 → 112. Years before 民國元年 (1912) have no ROC year in this sense. */
export function rocYear(gregorianYear: number): number {
  if (!Number.isInteger(gregorianYear) || gregorianYear <= ROC_EPOCH_OFFSET) {
    throw new RangeError(`No ROC year for Gregorian year ${gregorianYear}: the ROC calendar starts in 1912`);
  }
  return gregorianYear - ROC_EPOCH_OFFSET;
}

export function weekdayChar(date: Temporal.PlainDate): WeekdayChar {
  const char = WEEKDAY_CHARS[date.dayOfWeek - 1];
  if (char === undefined) throw new RangeError(`Unexpected ISO weekday ${date.dayOfWeek}`);
  return char;
}

/** `2/21(二)`: no year and no leading zeros, with ASCII parentheses, as in the seed's plan tables. */
export function rocTableDate(date: Temporal.PlainDate): string {
  return `${date.month}/${date.day}(${weekdayChar(date)})`;
}

/** `112年2月21日（星期二）`, with full-width parentheses, as in formal notices. */
export function rocFormalDate(date: Temporal.PlainDate): string {
  return `${rocYear(date.year)}年${date.month}月${date.day}日（星期${weekdayChar(date)}）`;
}

/**
 * `112年2月21日（星期二）下午2時`, or `…下午2時30分` when the minutes are not zero.
 * The instant is shown in Asia/Taipei whatever zone it carries: a ZonedDateTime built in UTC on
 * Lambda must still read as the local time the invitee will turn up.
 */
export function rocFormalDateTime(dateTime: Temporal.ZonedDateTime): string {
  const local = dateTime.withTimeZone(TAIPEI);
  return `${rocFormalDate(local.toPlainDate())}${rocClockTime(local.toPlainTime())}`;
}

/** `上午9時`, `中午12時`, `下午2時30分`: the twelve-hour clock of official notices. */
export function rocClockTime(time: Temporal.PlainTime): string {
  const minutes = time.minute === 0 ? '' : `${time.minute}分`;
  if (time.hour === 12 && time.minute === 0) return '中午12時';
  if (time.hour < 12) return `上午${time.hour}時${minutes}`;
  // 12:30 reads 下午12時30分, not 下午0時30分: nobody writes half past noon as hour zero.
  const hour = time.hour === 12 ? 12 : time.hour - 12;
  return `下午${hour}時${minutes}`;
}
