// A plain e-mail (no calendar reply) that reached a county's secretariat mailbox goes on to the
// secretariat's real mailbox (secretariat.forwardTo): the mailbox is the only address the notices
// give, so a unit's question sent there must reach a person, not vanish.
//
// Only the header block is parsed (core/mail/inbound-header-block.ts): it says who wrote, about what,
// whether SES passed the message and whether a robot sent it. The body is never read, logged or
// stored; it travels attached whole.
// Logs carry a code and never an address or a word of the message.
import { createHash } from 'node:crypto';
import { claimForward, releaseForward, settleForward } from '../adapters/dynamodb/forwarded-mail-store.ts';
import type { MeetingTable } from '../adapters/dynamodb/meeting-table.ts';
import { composeForward } from '../adapters/ses/compose-forward.ts';
import { sendFailure, type RawMailer } from '../adapters/ses/ses-mailer.ts';
import { forwardNote } from '../core/mail/forward-note.ts';
import { readHeaderBlock } from '../core/mail/inbound-header-block.ts';
import { forwardRefusal, type ForwardRefusal } from '../core/mail/forward-policy.ts';
import type { CountyConfig } from '../core/series/county-config.ts';
import type { RsvpLogger } from './record-rsvp.ts';

export type ForwardPlainMailDependencies = {
  table: MeetingTable;
  config: CountyConfig;
  mailer: RawMailer;
  /** See ForwardSettings.requireReceiptVerdicts: true for SES, false for a local .eml. */
  requireReceiptVerdicts: boolean;
  logger?: RsvpLogger;
};

export type ReceivedMail = {
  raw: Buffer;
  /** What names this one received message: its S3 object key (SES's message id) in AWS. */
  objectKey: string;
  /** When it reached the mailbox (the S3 event's time). */
  receivedAt: Date;
  /** When the invocation handling it has surely ended: a claim older than this is a crash's. */
  leaseUntil: Date;
};

export type ForwardOutcome =
  | { forward: 'forwarded'; attached: boolean }
  /** A second delivery of the same message, or one whose forward another invocation is sending. */
  | { forward: 'already-handled' }
  | { forward: 'not-forwarded'; reason: ForwardRefusal | 'refused-by-ses' | 'unreadable-headers' };

/**
 * SES (v1 SendRawEmail) takes messages up to 10 MB; the forward's own headers and note need a few
 * kilobytes. A larger original is announced in the note and not attached.
 */
export const maxAttachedBytes = 10 * 1024 * 1024 - 64 * 1024;

export async function forwardPlainMail(deps: ForwardPlainMailDependencies, mail: ReceivedMail, now: Date): Promise<ForwardOutcome> {
  const { config } = deps;
  const { mailbox, forwardTo } = config.secretariat;
  const headers = await readHeaderBlock(mail.raw);
  if (!headers) return notForwarded(deps, 'unreadable-headers');
  const refusal = forwardRefusal(headers.facts, { mailbox, forwardTo, requireReceiptVerdicts: deps.requireReceiptVerdicts });
  if (refusal) return notForwarded(deps, refusal);
  // forwardRefusal returns 'no-forward-address' and 'no-sender' when these are missing.
  const to = forwardTo!;
  const replyTo = headers.replyTo ?? { name: headers.fromName, address: headers.facts.from! };

  const claim = await claimForward(deps.table, mail.objectKey, now, mail.leaseUntil);
  if (!claim) {
    deps.logger?.info('plain mail already forwarded', { county: config.county.id });
    return { forward: 'already-handled' };
  }

  const attached = mail.raw.length <= maxAttachedBytes;
  const note = forwardNote({
    mailbox,
    secretariatName: config.secretariat.name.zh,
    sender: { name: headers.fromName, address: headers.facts.from! },
    subject: headers.facts.subject,
    receivedAt: mail.receivedAt,
    ...(attached ? {} : { notAttachedBytes: mail.raw.length }),
  });
  const message = await composeForward({
    from: { name: config.secretariat.name.zh, address: mailbox },
    to,
    replyTo,
    note,
    original: attached ? mail.raw : undefined,
    messageId: forwardMessageId(mail.objectKey, mailbox),
  });

  let sesMessageId: string;
  try {
    sesMessageId = await deps.mailer.sendRaw(message, mailbox, to);
  } catch (error) {
    if (sendFailure(error) === 'rejected') {
      // SES refused this message (an unverified address in the sandbox, a rejected attachment):
      // another try would get the same answer, so the marker keeps retries from repeating it.
      await settleForward(deps.table, claim, { state: 'refused-by-ses' }, new Date());
      return notForwarded(deps, 'refused-by-ses');
    }
    // Not sent, or not known to be sent: give the message back and let Lambda retry the event. A
    // send that did go out is sent again then (see forwarded-mail-store.ts).
    await releaseForward(deps.table, claim);
    throw error;
  }
  await settleForward(deps.table, claim, { state: 'forwarded', sesMessageId }, new Date());
  deps.logger?.info('plain mail forwarded', { county: config.county.id, attached });
  return { forward: 'forwarded', attached };
}

function notForwarded(
  deps: ForwardPlainMailDependencies,
  reason: Extract<ForwardOutcome, { forward: 'not-forwarded' }>['reason'],
): ForwardOutcome {
  deps.logger?.warn('plain mail not forwarded', { county: deps.config.county.id, reason });
  return { forward: 'not-forwarded', reason };
}

/** Stable per received message, in the county's own domain. */
function forwardMessageId(objectKey: string, mailbox: string): string {
  const digest = createHash('sha256').update(objectKey).digest('hex').slice(0, 32);
  return `<forward.${digest}@${mailbox.split('@')[1] ?? 'localhost'}>`;
}
