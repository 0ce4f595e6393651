import type { Occurrence } from '../planning/occurrence.ts';
import { atTaipei, Temporal } from '../calendar/local-date.ts';

export type MeetingTime = { start: Temporal.ZonedDateTime; end: Temporal.ZonedDateTime };

/** The meeting's start and end as zoned times in Asia/Taipei, never as the process's local clock. */
export function meetingTime(occurrence: Pick<Occurrence, 'date' | 'start' | 'durationMinutes'>): MeetingTime {
  const start = atTaipei(Temporal.PlainDate.from(occurrence.date), Temporal.PlainTime.from(occurrence.start));
  return { start, end: start.add({ minutes: occurrence.durationMinutes }) };
}
