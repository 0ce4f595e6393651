// Mail to the secretariat's mailbox: an SES receipt rule stores each raw message in S3, and the
// ObjectCreated event invokes this handler. A calendar reply (iMIP REPLY) is recorded through the
// same use case as the local `reply <file.eml>` command; a plain e-mail is forwarded to the
// county's real secretariat mailbox (secretariat.forwardTo), when SES passed it and no robot sent it.
//
// A message that is neither is logged (a code, never an address) and dropped: retrying would not
// change it. A DynamoDB, S3 or retryable SES failure is thrown, so Lambda retries the event; recording
// an answer twice stores the same item, and a forward is marked per S3 object so it goes once.
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Context, S3Event, S3EventRecord } from 'aws-lambda';
import type { MeetingTable } from '../adapters/dynamodb/meeting-table.ts';
import type { RawMailer } from '../adapters/ses/ses-mailer.ts';
import type { CountyConfig } from '../core/series/county-config.ts';
import { forwardPlainMail } from '../use-cases/forward-plain-mail.ts';
import type { RsvpLogger } from '../use-cases/record-rsvp.ts';
import { recordRawReply, type RawReplyResult } from '../use-cases/record-raw-reply.ts';
import { countyTable, logger, rawMailer, servedCounties } from './runtime.ts';
import { sesEnvelopeRecipient } from '../core/mail/envelope-recipient.ts';
import { countyAddressedIn } from '../core/rsvp/county-recipient.ts';

/** Reads one stored raw message. In AWS: S3 GetObject; in tests: anything that returns the bytes. */
export type FetchRawMail = (bucket: string, key: string) => Promise<Buffer>;

export type SesReplyDependencies = {
  /** The county a message is for, from the secretariat mailbox it was addressed to. */
  countyFor: (raw: Buffer) => { table: MeetingTable; config: CountyConfig } | undefined;
  fetchRawMail: FetchRawMail;
  /** Sends the forward of a plain e-mail; without it plain mail is only logged. */
  mailer?: RawMailer;
  now: () => Date;
  /** How long this invocation may still run: a forward claimed now is left alone until then. */
  remainingMillis?: () => number;
  logger?: RsvpLogger;
};

/** Without a Lambda context (tests, local runs): a minute, longer than any one forward takes. */
const defaultRemainingMillis = 60_000;

export type SesReplyResult = { bucket: string; key: string; result: RawReplyResult };

/**
 * The county whose secretariat mailbox a message was sent to: the one its To or Cc names, else the
 * envelope recipient SES wrote in its Received field (a message with the mailbox in Bcc, or one a
 * mailing list delivered, names the mailbox nowhere else).
 */
export function countyOfMessage(raw: Buffer, counties: readonly CountyConfig[]): CountyConfig | undefined {
  const addressed = countyAddressedIn(raw, counties);
  if (addressed) return addressed;
  const recipient = sesEnvelopeRecipient(raw);
  return recipient ? counties.find((county) => county.secretariat.mailbox.toLowerCase() === recipient) : undefined;
}

/** S3 event keys are URL-encoded with `+` for spaces. */
export function objectKeyOf(encoded: string): string {
  return decodeURIComponent(encoded.replace(/\+/g, ' '));
}

export async function handleReplyObjects(event: S3Event, deps: SesReplyDependencies): Promise<SesReplyResult[]> {
  const results: SesReplyResult[] = [];
  for (const record of event.Records ?? []) {
    const bucket = record.s3.bucket.name;
    const key = objectKeyOf(record.s3.object.key);
    const raw = await deps.fetchRawMail(bucket, key);
    const county = deps.countyFor(raw);
    if (!county) {
      deps.logger?.warn('calendar reply rejected', { rejected: 'unknown-county' });
      results.push({ bucket, key, result: { rejected: 'unknown-county' } });
      continue;
    }
    const log = deps.logger ? { logger: deps.logger } : {};
    const now = deps.now();
    const { mailer } = deps;
    const result = await recordRawReply(
      {
        table: county.table,
        config: county.config,
        ...log,
        ...(mailer
          ? {
              forwardPlainMail: (message: Buffer) =>
                forwardPlainMail(
                  { table: county.table, config: county.config, mailer, requireReceiptVerdicts: true, ...log },
                  {
                    raw: message,
                    objectKey: key,
                    receivedAt: receivedAt(record, now),
                    // A few seconds past the invocation's end, so a claim is never taken from a live one.
                    leaseUntil: new Date(now.getTime() + (deps.remainingMillis?.() ?? defaultRemainingMillis) + 5_000),
                  },
                  now,
                ),
            }
          : {}),
      },
      raw,
      now,
    );
    results.push({ bucket, key, result });
  }
  return results;
}

/** When SES stored the message, which is when it reached the mailbox. */
function receivedAt(record: S3EventRecord, now: Date): Date {
  const at = record.eventTime ? new Date(record.eventTime) : undefined;
  return at && !Number.isNaN(at.getTime()) ? at : now;
}

let s3: S3Client | undefined;
/** The raw reply as SES's receipt rule stored it in S3. */
const fetchRawMailFromS3: FetchRawMail = async (bucket, key) => {
  s3 ??= new S3Client({});
  const { Body } = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  if (!Body) throw new Error('ses-reply: the stored reply has no body');
  return Buffer.from(await Body.transformToByteArray());
};

export function sesReplyHandler(fetchRawMail: FetchRawMail) {
  return async (event: S3Event, context?: Context): Promise<SesReplyResult[]> => {
    if (context) logger.addContext(context);
    const results = await handleReplyObjects(event, {
      countyFor: (raw) => {
        const config = countyOfMessage(raw, servedCounties().all());
        return config ? { table: countyTable(config.county.id), config } : undefined;
      },
      fetchRawMail,
      mailer: rawMailer(),
      now: () => new Date(),
      ...(context ? { remainingMillis: () => context.getRemainingTimeInMillis() } : {}),
      logger,
    });
    const count = (test: (r: RawReplyResult) => boolean) => results.filter((r) => test(r.result)).length;
    logger.info('calendar replies processed', {
      messages: results.length,
      recorded: count((r) => 'outcome' in r && r.outcome === 'recorded'),
      stale: count((r) => 'outcome' in r && r.outcome === 'stale'),
      ignored: count((r) => 'outcome' in r && r.outcome === 'ignored'),
      rejected: count((r) => 'rejected' in r),
      forwarded: count((r) => 'forward' in r && r.forward?.forward === 'forwarded'),
      notForwarded: count((r) => 'forward' in r && r.forward?.forward === 'not-forwarded'),
    });
    return results;
  };
}

export const handler = sesReplyHandler(fetchRawMailFromS3);
