// Sends what the outbox holds: claim with a lease, render from the occurrence as it is now, send
// through SES, record the MessageId. A notice for an older SEQUENCE is superseded, never sent.
import { createHash } from 'node:crypto';
import type { CountyConfig } from '../core/series/county-config.ts';
import { calendarKinds } from '../core/notices/notice.ts';
import { seriesRecipients } from '../core/notices/recipients.ts';
import { renderNotice, type NoticeLinks } from '../core/invitations/render-notice.ts';
import type { Occurrence } from '../core/planning/occurrence.ts';
import { backoffMillis, sendPacer } from '../core/notices/send-pacer.ts';
import type { MeetingTable } from '../adapters/dynamodb/meeting-table.ts';
import { getOccurrence } from '../adapters/dynamodb/occurrence-store.ts';
import { claim, duePending, markFailed, markSent, markSuperseded, release, type OutboxItem } from '../adapters/dynamodb/outbox-store.ts';
import { composeMime } from '../adapters/ses/compose-mime.ts';
import { listRosterChanges } from '../adapters/dynamodb/roster-store.ts';
import { withRoster } from '../core/series/roster.ts';
import { openActionItems } from './minutes/minutes-views.ts';
import type { ActionItemRecord } from '../core/minutes/minutes-record.ts';
import { isRetryableSendError, type RawMailer } from '../adapters/ses/ses-mailer.ts';

export type DispatchOptions = {
  maxPerSecond: number;
  concurrency: number;
  leaseSeconds: number;
  maxAttempts: number;
  backoffBaseMillis: number;
  backoffCapMillis: number;
  /** Stop claiming new work when less than this is left (Lambda's remaining time). */
  shouldStop: () => boolean;
  links: (item: OutboxItem, occurrence: Occurrence) => NoticeLinks;
  now: () => Date;
};

export const defaultDispatchOptions: Omit<DispatchOptions, 'shouldStop' | 'links' | 'now'> = {
  maxPerSecond: 14,
  concurrency: 4,
  leaseSeconds: 120,
  maxAttempts: 8,
  backoffBaseMillis: 2_000,
  backoffCapMillis: 5 * 60_000,
};

export type DispatchResult = {
  item: OutboxItem;
  outcome: 'sent' | 'superseded' | 'retry' | 'failed';
  messageId?: string;
  occurrence?: Occurrence;
};

export async function dispatchOutbox(
  table: MeetingTable,
  mailer: RawMailer,
  deployedConfig: CountyConfig,
  options: DispatchOptions,
): Promise<DispatchResult[]> {
  const pacer = sendPacer(options.maxPerSecond);
  // Lazily, once per run: attendee lists show the roster as it is now.
  let config: Promise<CountyConfig> | undefined;
  const currentConfig = () => (config ??= listRosterChanges(table).then((roster) => withRoster(deployedConfig, roster)));
  const occurrences = new Map<string, Promise<Occurrence | undefined>>();
  const occurrenceOf = (item: OutboxItem) => {
    const key = `${item.seriesId}#${item.slotKey}`;
    if (!occurrences.has(key)) occurrences.set(key, getOccurrence(table, item.seriesId, item.slotKey));
    return occurrences.get(key)!;
  };
  const actionItems = new Map<string, Promise<ActionItemRecord[]>>();
  const actionItemsOf = (seriesId: string) => {
    if (!actionItems.has(seriesId)) actionItems.set(seriesId, openActionItems(table, seriesId));
    return actionItems.get(seriesId)!;
  };
  const results: DispatchResult[] = [];
  const seen = new Set<string>();

  // Pass after pass over the due items, each item tried at most once per run; a pass that finds
  // nothing new ends the run, and the next scheduled run takes what is left.
  let startKey: Record<string, unknown> | undefined;
  let foundThisPass = false;
  for (;;) {
    if (options.shouldStop()) break;
    const page = await duePending(table, options.now(), 200, startKey);
    startKey = page.next;
    const due = page.items.filter((item) => !seen.has(`${item.pk}#${item.sk}`));
    due.forEach((item) => seen.add(`${item.pk}#${item.sk}`));
    if (due.length > 0) foundThisPass = true;
    if (!startKey) {
      if (!foundThisPass && due.length === 0) break;
      foundThisPass = false;
    }
    let cursor = 0;
    const worker = async () => {
      while (cursor < due.length && !options.shouldStop()) {
        const candidate = due[cursor++]!;
        const claimed = await claim(table, candidate, options.now(), options.leaseSeconds);
        if (!claimed) continue; // another dispatcher has it, or it waits for a retry
        results.push(await deliver(claimed));
      }
    };
    await Promise.all(Array.from({ length: options.concurrency }, worker));
  }
  return results;

  async function deliver(item: OutboxItem): Promise<DispatchResult> {
    const occurrence = await occurrenceOf(item);
    const removal = item.kind === 'cancellation' && item.variant === 'removed';
    const stale =
      !occurrence ||
      // A leaver's CANCEL stays valid whatever changed since: they must not keep the meeting.
      (calendarKinds.has(item.kind) && !removal && occurrence.sequence > item.sequence) ||
      // A reminder or chair notice for a meeting that has since been cancelled would mislead.
      (occurrence.status === 'cancelled' && item.kind !== 'cancellation');
    if (stale) {
      await markSuperseded(table, item, options.now());
      return { item, outcome: 'superseded' };
    }
    let messageId: string;
    try {
      const carried =
        item.kind === 'invitation' || item.kind === 'reminder'
          ? (await actionItemsOf(item.seriesId)).filter((a) => a.meetingDate < occurrence.date)
          : [];
      const raw = await composeMime(
        mailFor(await currentConfig(), item, occurrence, options.links(item, occurrence), options.now(), carried),
      );
      await pacer.waitForSlot();
      messageId = await mailer.sendRaw(raw, deployedConfig.secretariat.mailbox, item.recipient.email);
    } catch (error) {
      const reason = describeError(error);
      if (isRetryableSendError(error) && item.attempts < options.maxAttempts) {
        const retryAt = new Date(
          options.now().getTime() + backoffMillis(item.attempts, options.backoffBaseMillis, options.backoffCapMillis),
        );
        await release(table, item, retryAt, reason);
        return { item, outcome: 'retry' };
      }
      await markFailed(table, item, reason, options.now());
      return { item, outcome: 'failed' };
    }
    // Sent. Recording it is a separate step: whatever happens now, the message must not be sent
    // again by this run. If the lease was lost (a slow send outlived it), the dispatcher that took
    // the item over owns it; if DynamoDB fails, the lease expires and the item goes out once more,
    // the one duplicate a crash between sending and recording may cause.
    try {
      await markSent(table, item, messageId, options.now());
    } catch {
      // Not recorded; see above. The error kind is not worth a failed run.
    }
    return { item, outcome: 'sent', messageId, occurrence };
  }
}

function mailFor(
  config: CountyConfig,
  item: OutboxItem,
  stored: Occurrence,
  links: NoticeLinks,
  now: Date,
  openActionItems: readonly ActionItemRecord[] = [],
) {
  const removal = item.kind === 'cancellation' && item.variant === 'removed';
  // The leaver's calendar holds the meeting at the sequence they were sent; their CANCEL must be higher.
  const occurrence = removal ? { ...stored, sequence: Math.max(stored.sequence, item.sequence) + 1 } : stored;
  const series = config.series.find((s) => s.id === item.seriesId);
  if (!series) throw new Error(`series "${item.seriesId}" is no longer configured`);
  const venue = config.venues.find((v) => v.id === occurrence.venueId);
  const chairUnit = config.units.find((u) => u.id === occurrence.chairUnitId);
  if (!venue || !chairUnit) throw new Error(`occurrence ${item.seriesId}/${item.slotKey} names an unknown venue or chair unit`);
  // The chair's first contact (the section or squad chief) is the one marked ROLE=CHAIR.
  const chairContactId = chairUnit.contacts[0]?.id;
  const attendees = seriesRecipients(config, series).map((r) => ({ name: r.name, email: r.email, chair: r.contactId === chairContactId }));
  if (removal) attendees.push({ name: item.recipient.name, email: item.recipient.email, chair: false });
  const notice = renderNotice(item.kind, {
    county: config,
    series,
    occurrence,
    venue,
    chairUnit,
    recipient: item.recipient,
    attendees,
    links,
    variant: item.variant,
    now,
    openActionItems,
  });
  const domain = config.secretariat.mailbox.split('@')[1] ?? 'safetynet-meetings.invalid';
  const messageId = `<${createHash('sha256').update(`${item.pk}#${item.sk}`).digest('hex').slice(0, 32)}@${domain}>`;
  return {
    from: { name: config.secretariat.name.zh, address: config.secretariat.mailbox },
    to: { name: item.recipient.name, address: item.recipient.email },
    notice,
    messageId,
  };
}

/** Error text for the outbox and logs: the kind of failure, never the address or message body. */
function describeError(error: unknown): string {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number }; code?: string };
  return [e.name, e.code, e.$metadata?.httpStatusCode].filter(Boolean).join(' ') || 'unknown error';
}
