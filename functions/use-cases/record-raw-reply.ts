// The inbound path for one raw calendar reply (SES via S3, or a local .eml): parse, then record.
import { isImipRejection, parseImipReply, type ImipRejection } from '../core/rsvp/imip-reply.ts';
import { recordImipReply, type RecordRsvpDependencies, type RsvpOutcome } from './record-rsvp.ts';

export type RawReplyResult = ImipRejection | RsvpOutcome;

/** The whole inbound path for one raw message, shared by the SES handler and the local command. */
export async function recordRawReply(deps: RecordRsvpDependencies, raw: Buffer | string, now: Date): Promise<RawReplyResult> {
  const parsed = await parseImipReply(raw);
  if (isImipRejection(parsed)) {
    // The detail is a METHOD or PARTSTAT value at most, never an address.
    deps.logger?.warn('calendar reply rejected', { rejected: parsed.rejected, ...(parsed.detail ? { detail: parsed.detail } : {}) });
    return parsed;
  }
  return recordImipReply(deps, parsed, now);
}
