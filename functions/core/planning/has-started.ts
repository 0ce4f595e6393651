// Whether a meeting has started by a given moment: the line between what planning may still
// change and what has taken place. Decided by the date alone, unless the meeting is on the day of
// `now` itself; a run weighs thousands of meetings, and zoned-time arithmetic on each is its cost.
import { Temporal } from '../calendar/local-date.ts';
import { meetingTime } from '../invitations/meeting-time.ts';
import type { Occurrence } from './occurrence.ts';

/** @param today `now`'s date in Taipei (YYYY-MM-DD), as todayInTaipei gives it */
export function hasStarted(
  occurrence: Pick<Occurrence, 'date' | 'start' | 'durationMinutes'>,
  now: Temporal.Instant,
  today: string,
): boolean {
  if (occurrence.date !== today) return occurrence.date < today;
  return Temporal.Instant.compare(meetingTime(occurrence).start.toInstant(), now) <= 0;
}
