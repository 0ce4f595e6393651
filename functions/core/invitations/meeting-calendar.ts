// The iCalendar object of one occurrence (RFC 5545/5546), one VEVENT per meeting: each occurrence
// has its own chair and place, which a repeating event with exceptions shows differently in every
// client. See shared/references/imip.md for the rules each line here follows.
import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { taipeiVtimezone } from '../calendar/taipei-vtimezone.ts';
import type { Occurrence } from '../planning/occurrence.ts';
import { TAIPEI } from '../calendar/local-date.ts';
import { meetingTime } from './meeting-time.ts';

export type CalendarMethod = 'REQUEST' | 'CANCEL';

export type CalendarAttendee = { name: string; email: string; chair: boolean };

export type MeetingCalendarInput = {
  method: CalendarMethod;
  occurrence: Occurrence;
  summary: string;
  location: string;
  description: string;
  organizer: { name: string; email: string };
  attendees: readonly CalendarAttendee[];
  /**
   * For a CANCEL, what it cancels: the whole meeting (STATUS:CANCELLED, every attendee), or only the
   * listed attendees' invitation (RFC 5546 §3.2.5: no STATUS, the meeting goes on without them).
   */
  cancels?: 'meeting' | 'attendees';
  /** DTSTAMP: when this message was made. */
  stamp: Date;
};

export function renderMeetingCalendar(input: MeetingCalendarInput): string {
  const { start, end } = meetingTime(input.occurrence);
  const calendar = ical({
    method: input.method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
    prodId: { company: 'safetynet-meetings', product: 'safetynet-meetings', language: 'ZH-TW' },
  });
  // No calendar-level time zone name: it would drop the Z from DTSTAMP. The generator adds the
  // VTIMEZONE block that every TZID needs.
  calendar.timezone({ name: null, generator: taipeiVtimezone });
  const event = calendar.createEvent({
    id: input.occurrence.uid,
    sequence: input.occurrence.sequence,
    stamp: input.stamp,
    // Zoned values, not Date: a Date would be formatted with the process's clock (UTC in Lambda).
    start,
    end,
    timezone: TAIPEI,
    summary: input.summary,
    location: input.location,
    description: input.description,
    organizer: { name: input.organizer.name, email: input.organizer.email },
    // A date in a year whose office calendar is not published yet is tentative until it is. An
    // uninvitation carries no STATUS: STATUS:CANCELLED would tell the client the meeting is off.
    status:
      input.method === 'CANCEL'
        ? input.cancels === 'attendees'
          ? null
          : ICalEventStatus.CANCELLED
        : input.occurrence.provisional
          ? ICalEventStatus.TENTATIVE
          : ICalEventStatus.CONFIRMED,
  });
  for (const attendee of input.attendees) {
    event.createAttendee({
      name: attendee.name,
      email: attendee.email,
      role: attendee.chair ? ICalAttendeeRole.CHAIR : ICalAttendeeRole.REQ,
      rsvp: input.method === 'REQUEST',
      status: ICalAttendeeStatus.NEEDSACTION,
    });
  }
  return calendar.toString();
}
