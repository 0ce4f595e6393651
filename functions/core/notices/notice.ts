// A notice is one message to one person about one occurrence. Its identity, (occurrence, kind,
// variant, sequence, recipient), is the outbox key: queueing the same notice twice is a no-op, and
// a notice for an older sequence is superseded instead of sent.
import type { Temporal } from '../calendar/local-date.ts';
import type { ChairChangeCause } from '../planning/occurrence.ts';

export type NoticeKind =
  /** METHOD:REQUEST, the first invitation (sequence 0) or an update (higher sequence). */
  | 'invitation'
  /** METHOD:CANCEL. */
  | 'cancellation'
  | 'reminder'
  | 'chair-duty'
  /**
   * To the chair unit told of its duty (chair-duty) when the meeting changed before the invitations
   * went out, which would otherwise be the first they hear of it. Its SEQUENCE is the meeting's.
   */
  | 'chair-duty-update'
  | 'chair-change'
  | 'minutes-due'
  | 'minutes-overdue'
  /** Approved minutes are out: a personal read link, never the minutes text. */
  | 'minutes-distributed'
  /**
   * To the unit that owes outcome follow-up forms (成效追蹤表) decided at this (panel) meeting:
   * variant "<placementType>-ahead" a few working days before they are due, "-due" on the day.
   */
  | 'follow-up-due';

export type Recipient = { contactId: string; unitId: string; name: string; email: string };

/** One meeting in a chair-change digest: its chair from which unit to which, and the true cause. */
export type ChairChangeEntry = {
  seriesId: string;
  slotKey: string;
  /** The meeting's date (YYYY-MM-DD) and start (HH:MM), Taipei. */
  date: string;
  start: string;
  fromUnitId: string;
  toUnitId: string;
  cause: ChairChangeCause;
  /** For a cancellation: the date of the cancelled meeting; for a reinstatement, of the one reinstated. */
  cancelledDate?: string;
  /** The secretariat's reason, for a swap or an acting chair. */
  reason?: string;
};

export type Notice = {
  seriesId: string;
  slotKey: string;
  kind: NoticeKind;
  /** Distinguishes notices of one kind, e.g. the 7-day and the 1-day reminder. */
  variant: string;
  sequence: number;
  recipient: Recipient;
  /** ISO instant from which it may be sent. */
  dueAt: string;
  /**
   * A chair-change digest: every chair change one person is told of on one Taipei day, across
   * series. Its seriesId is empty (no single series), its slotKey and variant are that date.
   */
  chairChanges?: ChairChangeEntry[];
};

/** Kinds that carry a calendar object; an old sequence of these must never reach a calendar. */
export const calendarKinds: ReadonlySet<NoticeKind> = new Set(['invitation', 'cancellation']);

export function noticeId(notice: Pick<Notice, 'kind' | 'variant' | 'sequence' | 'recipient'>): string {
  return `${notice.kind}#${notice.variant}#${String(notice.sequence).padStart(4, '0')}#${notice.recipient.contactId}`;
}

/**
 * A notice's dueAt: an ISO instant of fixed width, with milliseconds (as Date.toISOString writes
 * it). The outbox orders and selects due notices by comparing these as strings, which only works
 * when every one of them has the same shape ("…T01:00:00Z" sorts after "…T01:00:00.000Z").
 */
export function noticeTime(instant: Temporal.Instant): string {
  return new Date(instant.epochMilliseconds).toISOString();
}
