// When minutes are due and when they are overdue: the series' minutesDueDaysAfter calendar days
// after the meeting. Submitted minutes are delivered; draft or missing ones past the day are late.
import type { SeriesDefinition } from '../series/county-config.ts';
import { Temporal } from '../calendar/local-date.ts';
import type { MinutesState } from './minutes-lifecycle.ts';

export function minutesDueDate(meetingDate: string, series: Pick<SeriesDefinition, 'leadTimes'>): string {
  return Temporal.PlainDate.from(meetingDate).add({ days: series.leadTimes.minutesDueDaysAfter }).toString();
}

export function minutesOverdue(state: MinutesState | undefined, dueDate: string, today: string): boolean {
  const delivered = state !== undefined && state !== 'draft';
  return !delivered && today > dueDate;
}

/** An open item (or an owed follow-up form) is overdue from the day after its due date. */
export function itemOverdue(dueDate: string, today: string): boolean {
  return today > dueDate;
}
