// A notice is one message to one person about one occurrence. Its identity, (occurrence, kind,
// variant, sequence, recipient), is the outbox key: queueing the same notice twice is a no-op, and
// a notice for an older sequence is superseded instead of sent.

export type NoticeKind =
  /** METHOD:REQUEST, the first invitation (sequence 0) or an update (higher sequence). */
  | 'invitation'
  /** METHOD:CANCEL. */
  | 'cancellation'
  | 'reminder'
  | 'chair-duty'
  | 'chair-change'
  | 'minutes-due'
  | 'minutes-overdue'
  /** Approved minutes are out: a personal read link, never the minutes text. */
  | 'minutes-distributed';

export type Recipient = { contactId: string; unitId: string; name: string; email: string };

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
};

/** Kinds that carry a calendar object; an old sequence of these must never reach a calendar. */
export const calendarKinds: ReadonlySet<NoticeKind> = new Set(['invitation', 'cancellation']);

export function noticeId(notice: Pick<Notice, 'kind' | 'variant' | 'sequence' | 'recipient'>): string {
  return `${notice.kind}#${notice.variant}#${String(notice.sequence).padStart(4, '0')}#${notice.recipient.contactId}`;
}
