// Every date a person sees is a civil date in Asia/Taipei. Temporal keeps "a day on the calendar"
// (PlainDate) apart from "an instant" (ZonedDateTime), which native Date cannot: Lambda runs in UTC
// and a Date formatted there is eight hours off. The Temporal here is our own Taipei-only subset
// (./taipei-temporal.ts says why), checked against temporal-polyfill in the tests.
import * as Temporal from './taipei-temporal.ts';

export { Temporal };

export const TAIPEI = 'Asia/Taipei';

/** ISO weekday, 1 = Monday … 7 = Sunday, as Temporal numbers them. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export function todayInTaipei(now: Temporal.Instant): Temporal.PlainDate {
  return now.toZonedDateTimeISO(TAIPEI).toPlainDate();
}

export function parseInstant(text: string): Temporal.Instant {
  // Accept "2026-03-09T09:00+08:00" and "...Z"; Temporal needs the offset, which both carry.
  return Temporal.Instant.from(text);
}

export function atTaipei(date: Temporal.PlainDate, time: Temporal.PlainTime): Temporal.ZonedDateTime {
  return date.toZonedDateTime({ timeZone: TAIPEI, plainTime: time });
}
