// One meeting of a series (場次). Its slot key is its identity: the month (or nominal date) the
// cadence gave it, which never changes when a person moves the meeting to another day.

export type OccurrenceStatus = 'scheduled' | 'cancelled';

export type Occurrence = {
  seriesId: string;
  slotKey: string;
  /** iCalendar UID, generated once when the occurrence is created; every update reuses it. */
  uid: string;
  /** iCalendar SEQUENCE: up by one on every change a calendar must show (time, place, chair, status). */
  sequence: number;
  status: OccurrenceStatus;
  /** Local date in Asia/Taipei, YYYY-MM-DD. */
  date: string;
  /** Local start time, HH:MM. */
  start: string;
  durationMinutes: number;
  venueId: string;
  chairUnitId: string;
  /** The date's year has no loaded office calendar yet: planned on weekends-only rules. */
  provisional: boolean;
  /** The holiday policy could not place it on a working day: a person must decide. */
  needsDecision: boolean;
  /** Why the date differs from the cadence's nominal date, in zh-TW. */
  placementNote?: string;
  adHoc: boolean;
  /** The highest sequence whose invitations have been queued. */
  invitedSequence?: number;
  /** When the first invitation was queued: reminders whose moment had already passed are skipped. */
  invitedAt?: string;
  /** Who holds this meeting in their calendar: compared with the roster to invite newcomers and cancel for leavers. */
  invitedContactIds?: string[];
  createdAt: string;
  updatedAt: string;
};

export function occurrenceLabel(occurrence: Pick<Occurrence, 'seriesId' | 'date' | 'start'>): string {
  return `${occurrence.seriesId} ${occurrence.date} ${occurrence.start}`;
}
