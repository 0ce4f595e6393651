// What each person holds of one meeting in their calendar, from the calendar messages actually sent
// to them, and what that means for the next one: whether it may still go, the SEQUENCE it carries,
// and what the person was last told (so a first message is an invitation and an update names what
// changed).
//
// Two orders are kept apart:
// - The queue's order of a person's calendar notices: (revision, round). The revision is the
//   meeting's SEQUENCE the notice was queued for; the round counts their uninvitations, so a
//   re-invitation after a removal comes after that removal's CANCEL although both were queued at
//   one revision. A notice that comes before one already sent to the person is never sent.
// - The SEQUENCE on the wire, per person. RFC 5546 orders the revisions of one event by SEQUENCE
//   within each attendee's copy: a client ignores a REQUEST whose SEQUENCE is not above the one it
//   holds. Everyone is sent the meeting's own SEQUENCE, except a person whose copy is already above
//   it: one uninvited (their CANCEL went one above the meeting) and since invited again. They are
//   sent one above what they hold, and every later revision keeps them above. The meeting's
//   SEQUENCE itself does not move for them, so nobody else is sent anything, and everyone else's
//   answer links and replies (checked against the meeting's SEQUENCE) stay valid.
import type { Occurrence } from '../planning/occurrence.ts';
import type { ToldMeeting } from '../invitations/render-notice.ts';
import { calendarKinds, type Notice } from './notice.ts';
import { isUninvitation } from './due-notices.ts';

/** One calendar message sent to a person, as the outbox recorded it. */
export type SentCalendarNotice = Pick<Notice, 'kind' | 'variant' | 'sequence'> & {
  /** The snapshot recorded when it was sent; absent on items sent before snapshots were kept. */
  told?: ToldMeeting;
};

/** The round of a calendar notice in its person's sequence of removals and re-additions. */
function roundOf(notice: Pick<Notice, 'kind' | 'variant'>): number {
  const removed = /^removed(?:-(\d+))?$/.exec(notice.variant);
  if (notice.kind === 'cancellation' && removed) return Number(removed[1] ?? 1);
  const readded = /^readd-(\d+)$/.exec(notice.variant);
  // A re-invitation after the r-th removal comes after that removal's CANCEL.
  if (notice.kind === 'invitation' && readded) return Number(readded[1]) + 0.5;
  return 0;
}

/** Whether notice `a` comes after notice `b` in the queue's order of one person's calendar notices. */
export function comesAfter(a: Pick<Notice, 'kind' | 'variant' | 'sequence'>, b: Pick<Notice, 'kind' | 'variant' | 'sequence'>): boolean {
  return a.sequence !== b.sequence ? a.sequence > b.sequence : roundOf(a) > roundOf(b);
}

/** The SEQUENCE a sent message carried: recorded when sent, else what the dispatcher sent then. */
export function wireSequenceOf(sent: SentCalendarNotice): number {
  return sent.told?.sequence ?? (isUninvitation(sent) ? sent.sequence + 1 : sent.sequence);
}

/** The meeting as a calendar message tells it. */
export function toldMeeting(occurrence: Occurrence, sequence: number): ToldMeeting {
  const { status, date, start, durationMinutes, venueId, chairUnitId } = occurrence;
  return { sequence, status, date, start, durationMinutes, venueId, chairUnitId };
}

export type CalendarDecision =
  | { send: false; reason: string }
  | {
      send: true;
      /** The SEQUENCE this message carries to this person. */
      sequence: number;
      /** What the person was last told; absent when they hold nothing: this is their first message. */
      told?: ToldMeeting;
    };

/**
 * Whether a calendar notice (REQUEST or CANCEL) may go to its person, given the meeting as it is
 * now and the calendar messages already sent to them of this meeting.
 */
export function calendarDecision(
  notice: Pick<Notice, 'kind' | 'variant' | 'sequence'>,
  occurrence: Occurrence,
  sentToPerson: readonly SentCalendarNotice[],
): CalendarDecision {
  if (!calendarKinds.has(notice.kind)) throw new Error(`${notice.kind} is not a calendar notice`);
  const newer = sentToPerson.find((sent) => comesAfter(sent, notice));
  if (newer) return { send: false, reason: `a newer calendar message (${newer.kind} ${newer.variant} ${newer.sequence}) was sent` };
  const latest = [...sentToPerson].sort((a, b) => wireSequenceOf(a) - wireSequenceOf(b)).at(-1);
  const holds = latest !== undefined && !isUninvitation(latest);
  const uninvitation = isUninvitation(notice);
  // A CANCEL is for a meeting the person holds: one never told of it (their invitation was
  // superseded before it went) or told it is cancelled already has nothing to take out.
  if (notice.kind === 'cancellation' && (!holds || (uninvitation && latest.kind === 'cancellation')))
    return { send: false, reason: 'the person holds no invitation to this meeting' };
  // The leaver's calendar holds the meeting at the sequence they were sent; their CANCEL must be higher.
  const meeting = uninvitation ? Math.max(occurrence.sequence, notice.sequence) + 1 : occurrence.sequence;
  const sequence = latest ? Math.max(meeting, wireSequenceOf(latest) + 1) : meeting;
  if (!holds) return { send: true, sequence };
  // Sent before snapshots were kept: what they were told is taken as the meeting now, at the
  // SEQUENCE they hold, so the message is an update with nothing listed as changed rather than a
  // false first invitation.
  const told = latest.told ?? {
    ...toldMeeting(occurrence, wireSequenceOf(latest)),
    ...(latest.kind === 'cancellation' ? { status: 'cancelled' as const } : {}),
  };
  return { send: true, sequence, told };
}
