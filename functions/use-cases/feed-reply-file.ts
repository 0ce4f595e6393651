// The local stand-in for SES inbound mail: `npm run cli -- reply <file.eml>` feeds a saved message
// (for example one exported from Outlook or Apple Mail) through the same path as the SES handler.
import { readFile } from 'node:fs/promises';
import type { RecordRsvpDependencies } from './record-rsvp.ts';
import { recordRawReply, type RawReplyResult } from './record-raw-reply.ts';

export type FeedReplyFileDependencies = RecordRsvpDependencies & { now: () => Date };

export async function feedReplyFile(deps: FeedReplyFileDependencies, path: string): Promise<RawReplyResult> {
  const raw = await readFile(path);
  return recordRawReply(deps, raw, deps.now());
}
