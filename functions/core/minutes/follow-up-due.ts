// Outcome follow-up forms (成效追蹤表) are owed "before the next meeting" of the placement panel:
// the form offers the day before the panel's next scheduled meeting as their due date. Without a
// next meeting planned yet, there is no default and the chair picks the date.
import { Temporal } from '../calendar/local-date.ts';
import type { Occurrence } from '../planning/occurrence.ts';

export function followUpDueDefault(
  meeting: Pick<Occurrence, 'slotKey' | 'date'>,
  seriesOccurrences: readonly Pick<Occurrence, 'slotKey' | 'date' | 'status'>[],
): string | undefined {
  const next = seriesOccurrences
    .filter((o) => o.status === 'scheduled' && o.slotKey !== meeting.slotKey && o.date > meeting.date)
    .sort((a, b) => a.date.localeCompare(b.date))[0];
  return next ? Temporal.PlainDate.from(next.date).subtract({ days: 1 }).toString() : undefined;
}
