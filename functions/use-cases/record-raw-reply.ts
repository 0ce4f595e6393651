// The inbound path for one raw message to a secretariat mailbox (SES via S3, or a local .eml):
// a calendar REPLY is recorded; a message that is no calendar reply at all (a person's question, an
// Outlook counter-proposal) is handed to the forward, so it reaches the secretariat's real mailbox.
import { isImipRejection, parseImipReply, type ImipRejection, type ImipRejectionCode } from '../core/rsvp/imip-reply.ts';
import type { ForwardOutcome } from './forward-plain-mail.ts';
import { recordImipReply, type RecordRsvpDependencies, type RsvpOutcome } from './record-rsvp.ts';

/** A rejected message also says what became of it when it was a plain e-mail. */
export type RawReplyResult = (ImipRejection & { forward?: ForwardOutcome }) | RsvpOutcome;

export type RecordRawReplyDependencies = RecordRsvpDependencies & {
  /** Forwards a message that is not a calendar reply; without it such a message is only logged. */
  forwardPlainMail?: (raw: Buffer) => Promise<ForwardOutcome>;
};

/**
 * The rejections that mean "not a calendar reply": no calendar part, a calendar part that is no
 * REPLY (a COUNTER, someone's own invitation) or not iCalendar at all, and a message too large to be
 * one. A REPLY that is merely malformed came from a calendar program, and a person would learn
 * nothing from it; a message that failed SES's virus or DMARC check is never passed on.
 */
const notACalendarReply: ReadonlySet<ImipRejectionCode> = new Set([
  'no-calendar-part',
  'wrong-method',
  'no-method',
  'unparsable-calendar',
  'too-large',
]);

/** The whole inbound path for one raw message, shared by the SES handler and the local command. */
export async function recordRawReply(deps: RecordRawReplyDependencies, raw: Buffer | string, now: Date): Promise<RawReplyResult> {
  const parsed = await parseImipReply(raw);
  if (isImipRejection(parsed)) {
    // The detail is a METHOD or PARTSTAT value at most, never an address.
    deps.logger?.warn('calendar reply rejected', { rejected: parsed.rejected, ...(parsed.detail ? { detail: parsed.detail } : {}) });
    if (deps.forwardPlainMail && notACalendarReply.has(parsed.rejected)) {
      return { ...parsed, forward: await deps.forwardPlainMail(typeof raw === 'string' ? Buffer.from(raw) : raw) };
    }
    return parsed;
  }
  return recordImipReply(deps, parsed, now);
}
