// The local stand-in for SES inbound mail: `npm run cli -- reply <file.eml>` feeds a saved message
// (for example one exported from Outlook or Apple Mail) through the same path as the SES handler:
// a calendar reply is recorded, and plain mail is forwarded to the county's secretariat.forwardTo
// when a mailer is given (npm start's SES emulator, or SES itself against a deployed table).
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { RawMailer } from '../adapters/ses/ses-mailer.ts';
import { forwardPlainMail } from './forward-plain-mail.ts';
import type { RecordRsvpDependencies } from './record-rsvp.ts';
import { recordRawReply, type RawReplyResult } from './record-raw-reply.ts';

export type FeedReplyFileDependencies = RecordRsvpDependencies & { now: () => Date; mailer?: RawMailer };

/** Longer than any one forward takes: a second feed of the same file within it is left alone. */
const localLeaseMillis = 60_000;

export async function feedReplyFile(deps: FeedReplyFileDependencies, path: string): Promise<RawReplyResult> {
  const raw = await readFile(path);
  const now = deps.now();
  const { mailer, table, config } = deps;
  const log = deps.logger ? { logger: deps.logger } : {};
  return recordRawReply(
    {
      table,
      config,
      ...log,
      ...(mailer
        ? {
            forwardPlainMail: (message: Buffer) =>
              forwardPlainMail(
                // A file a person chose to feed was scanned by no SES: there are no verdicts to ask for.
                { table, config, mailer, requireReceiptVerdicts: false, ...log },
                {
                  raw: message,
                  // The same file fed twice is one message, forwarded once.
                  objectKey: `local/${createHash('sha256').update(message).digest('hex')}`,
                  receivedAt: now,
                  leaseUntil: new Date(now.getTime() + localLeaseMillis),
                },
                now,
              ),
          }
        : {}),
    },
    raw,
    now,
  );
}
