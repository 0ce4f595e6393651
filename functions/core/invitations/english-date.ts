// English dates of the notices' English part, from fixed tables. ICU's output differs between Node
// builds: the en-GB format with `calendar: 'iso8601'` drops the month on some, and a date without
// its month is a wrong date. Nothing in a notice is formatted by ICU.
import { TAIPEI, Temporal } from '../calendar/local-date.ts';

const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const weekdays = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** `Wednesday 25 March 2026`. */
export function englishDate(date: Temporal.PlainDate): string {
  return `${weekdays[date.dayOfWeek - 1]} ${date.day} ${months[date.month - 1]} ${date.year}`;
}

/** `14:00`, on the 24-hour clock of Taipei. */
export function englishClockTime(time: Temporal.PlainTime): string {
  return time.toString().slice(0, 5);
}

/** `Wednesday 25 March 2026, 14:00 (Asia/Taipei)`, whatever zone the instant carries. */
export function englishDateTime(start: Temporal.ZonedDateTime): string {
  const local = start.withTimeZone(TAIPEI);
  return `${englishDate(local.toPlainDate())}, ${englishClockTime(local.toPlainTime())} (Asia/Taipei)`;
}

/** `Wednesday 25 March 2026, 14:00–16:00 (Asia/Taipei)`: a meeting from its start to its end. */
export function englishMeetingTime(start: Temporal.ZonedDateTime, end: Temporal.ZonedDateTime): string {
  const [from, to] = [start.withTimeZone(TAIPEI), end.withTimeZone(TAIPEI)];
  return `${englishDate(from.toPlainDate())}, ${englishClockTime(from.toPlainTime())}–${englishClockTime(to.toPlainTime())} (Asia/Taipei)`;
}
