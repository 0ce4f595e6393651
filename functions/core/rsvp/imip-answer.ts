// What a calendar client's REPLY says, apart from how it is parsed: kept free of postal-mime so the
// HTTP function, which records answers from links, does not carry a MIME parser it never uses.
import type { RsvpAnswer } from './rsvp-links.ts';

export type ImipPartstat = 'ACCEPTED' | 'DECLINED' | 'TENTATIVE';

export type ImipReply = {
  uid: string;
  /** The SEQUENCE the client answered; 0 when the REPLY has none (RFC 5545's default). */
  sequence: number;
  /** Set when the reply is about one instance of a repeating event; our events never repeat. */
  recurrenceId?: string;
  /** The replying attendee's address: lower case, without `mailto:`. */
  attendee: string;
  partstat: ImipPartstat;
  /**
   * SENT-BY of the ATTENDEE, lower case: who answered on the attendee's behalf (Outlook writes it
   * when a secretary answers from their chief's calendar, and sends from the secretary's mailbox).
   */
  sentBy?: string;
  /** The ATTENDEE's CN, if any: shown to the secretariat for a reply nobody invited. Never logged. */
  attendeeName?: string;
  /** The From address of the message: lower case. */
  from: string;
  messageId?: string;
};

export type ImipRejectionCode =
  | 'too-large'
  /** Addressed to no county's secretariat mailbox (or to several) that this deployment serves. */
  | 'unknown-county'
  | 'unreadable-message'
  | 'no-from'
  | 'several-from'
  | 'failed-virus-check'
  | 'failed-dmarc'
  | 'no-calendar-part'
  | 'unparsable-calendar'
  | 'no-method'
  | 'wrong-method'
  | 'method-mismatch'
  | 'no-event'
  | 'several-events'
  | 'no-uid'
  | 'no-attendee'
  | 'several-attendees'
  | 'no-attendee-address'
  | 'unsupported-partstat'
  | 'bad-sequence';

export type ImipRejection = { rejected: ImipRejectionCode; detail?: string };

/** SES accepts messages up to 40 MB; a calendar reply is a few kilobytes. */
export const maxReplyBytes = 10 * 1024 * 1024;

export const partstats: readonly ImipPartstat[] = ['ACCEPTED', 'DECLINED', 'TENTATIVE'];

export function answerOfPartstat(partstat: ImipPartstat): RsvpAnswer {
  return partstat === 'ACCEPTED' ? 'accept' : partstat === 'DECLINED' ? 'decline' : 'tentative';
}

export function isImipRejection(value: ImipReply | ImipRejection): value is ImipRejection {
  return 'rejected' in value;
}

/** `MAILTO:Someone@Example.org ` → `someone@example.org`. */
export function normalizeAddress(value: string): string {
  return value
    .trim()
    .replace(/^mailto:/i, '')
    .trim()
    .toLowerCase();
}
