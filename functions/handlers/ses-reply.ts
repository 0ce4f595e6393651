// Calendar replies (iMIP REPLY) sent to the secretariat's mailbox: an SES receipt rule stores each
// raw message in S3, and the ObjectCreated event invokes this handler, which parses the message and
// records the answer through the same use case as the local `reply <file.eml>` command.
//
// A message that is not a usable REPLY is logged (a code, never an address) and dropped: retrying
// would not change it. A DynamoDB or S3 failure is thrown, so Lambda retries the event; recording
// an answer twice stores the same item.
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Context, S3Event } from 'aws-lambda';
import type { MeetingTable } from '../adapters/dynamodb/meeting-table.ts';
import type { CountyConfig } from '../core/series/county-config.ts';
import type { RsvpLogger } from '../use-cases/record-rsvp.ts';
import { recordRawReply, type RawReplyResult } from '../use-cases/record-raw-reply.ts';
import { countyTable, logger, servedCounties } from './runtime.ts';
import { countyAddressedIn } from '../core/rsvp/county-recipient.ts';

/** Reads one stored raw message. In AWS: S3 GetObject; in tests: anything that returns the bytes. */
export type FetchRawMail = (bucket: string, key: string) => Promise<Buffer>;

export type SesReplyDependencies = {
  /** The county a message is for, from the secretariat mailbox it was addressed to. */
  countyFor: (raw: Buffer) => { table: MeetingTable; config: CountyConfig } | undefined;
  fetchRawMail: FetchRawMail;
  now: () => Date;
  logger?: RsvpLogger;
};

export type SesReplyResult = { bucket: string; key: string; result: RawReplyResult };

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
    const result = await recordRawReply(
      { table: county.table, config: county.config, ...(deps.logger ? { logger: deps.logger } : {}) },
      raw,
      deps.now(),
    );
    results.push({ bucket, key, result });
  }
  return results;
}

/**
 * No S3 client is bundled yet: add `@aws-sdk/client-s3` and replace this with a GetObject call
 * (`Body.transformToByteArray()`), or pass another fetcher to `sesReplyHandler`.
 */
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
        const config = countyAddressedIn(raw, servedCounties().all());
        return config ? { table: countyTable(config.county.id), config } : undefined;
      },
      fetchRawMail,
      now: () => new Date(),
      logger,
    });
    const count = (test: (r: RawReplyResult) => boolean) => results.filter((r) => test(r.result)).length;
    logger.info('calendar replies processed', {
      messages: results.length,
      recorded: count((r) => 'outcome' in r && r.outcome === 'recorded'),
      stale: count((r) => 'outcome' in r && r.outcome === 'stale'),
      ignored: count((r) => 'outcome' in r && r.outcome === 'ignored'),
      rejected: count((r) => 'rejected' in r),
    });
    return results;
  };
}

export const handler = sesReplyHandler(fetchRawMailFromS3);
