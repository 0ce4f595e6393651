// Sends what the outbox holds, within the SES rate: render each notice from the occurrence as it is
// now, take the item's lease immediately before the send, send through SES, record the outcome. A
// notice for an older SEQUENCE is superseded, never sent.
//
// SES has no idempotency key, so the lease is what stops two dispatchers sending one notice:
// - It is taken right before the send, not before rendering: whatever a dispatcher did or waited
//   for beforehand, it holds a fresh lease when it calls SES, or it does not call SES at all.
// - It lasts at least ten times the SES call's deadline, so a send cannot outlive it; only a
//   process that stalls for longer than the lease between taking it and recording can be overtaken.
// - A send whose outcome is unknown (the request went out, no answer came) is set aside for the
//   secretariat, never retried blindly.
// Each slot (concurrency) has at most one send that SES may have taken and the outbox does not yet
// record, so a crash sends at most that many notices twice. That record travels with the slot's
// next claim, in one request.
import { createHash } from 'node:crypto';
import type { CountyConfig } from '../core/series/county-config.ts';
import { calendarKinds, type ChairChangeEntry } from '../core/notices/notice.ts';
import { seriesRecipients } from '../core/notices/recipients.ts';
import { renderChairChangeDigest, renderNotice, type NoticeLinks } from '../core/invitations/render-notice.ts';
import type { Occurrence } from '../core/planning/occurrence.ts';
import { backoffMillis, sendPacer } from '../core/notices/send-pacer.ts';
import type { MeetingTable } from '../adapters/dynamodb/meeting-table.ts';
import { listOccurrences } from '../adapters/dynamodb/occurrence-store.ts';
import {
  claim,
  duePending,
  failedWrite,
  record,
  recordAndClaim,
  retryWrite,
  sentWrite,
  supersededWrite,
  unknownWrite,
  untriedWrite,
  type ClaimedItem,
  type OutboxItem,
  type OutboxWrite,
} from '../adapters/dynamodb/outbox-store.ts';
import { composeMime } from '../adapters/ses/compose-mime.ts';
import { listRosterChanges } from '../adapters/dynamodb/roster-store.ts';
import { withRoster } from '../core/series/roster.ts';
import { openActionItems } from './minutes/minutes-views.ts';
import type { ActionItemRecord } from '../core/minutes/minutes-record.ts';
import { sendFailure, type RawMailer } from '../adapters/ses/ses-mailer.ts';
import { dueFeed } from './outbox-feed.ts';

export type DispatchOptions = {
  maxPerSecond: number;
  /**
   * Sends in flight at once; also the most notices one crash can send twice. Default: enough to
   * keep up with maxPerSecond (concurrencyFor).
   */
  concurrency?: number;
  /** At least leaseToSendTimeout times the mailer's timeout; refused otherwise. */
  leaseSeconds: number;
  maxAttempts: number;
  backoffBaseMillis: number;
  backoffCapMillis: number;
  /** Stop claiming new work when less than this is left (Lambda's remaining time). */
  shouldStop: () => boolean;
  links: (item: OutboxItem, occurrence: Occurrence) => NoticeLinks;
  /**
   * The clock that decides what is due and when notices say they were written: the schedule's
   * time, or `--now` on a local run. Leases and backoffs always use the real clock.
   */
  now: () => Date;
};

export const defaultDispatchOptions: Omit<DispatchOptions, 'shouldStop' | 'links' | 'now'> = {
  maxPerSecond: 14,
  leaseSeconds: 120,
  maxAttempts: 8,
  backoffBaseMillis: 2_000,
  backoffCapMillis: 5 * 60_000,
};

/** How many times the SES call's deadline a lease must last, at the least. */
export const leaseToSendTimeout = 10;

/**
 * A slot's turn takes a claim and an SES call (in AWS about 20 and 100 ms) plus rendering, so one
 * slot per five sends a second keeps up with the rate with room for slow answers: at least four,
 * at most sixteen (also the most sends one crash can repeat).
 */
export function concurrencyFor(maxPerSecond: number): number {
  return Math.min(16, Math.max(4, Math.ceil(maxPerSecond / 5)));
}

/** About ten seconds of sending per query, so pages neither run dry nor go stale. */
export function pageSizeFor(maxPerSecond: number): number {
  return Math.min(1000, Math.max(50, Math.ceil(maxPerSecond * 10)));
}

export function checkLease(leaseSeconds: number, sendTimeoutMillis: number): void {
  if (leaseSeconds * 1000 < leaseToSendTimeout * sendTimeoutMillis)
    throw new Error(
      `寄送租約 ${leaseSeconds} 秒太短：至少要是 SES 寄送逾時（${sendTimeoutMillis / 1000} 秒）的 ${leaseToSendTimeout} 倍 ` +
        `(the outbox lease must be at least ${leaseToSendTimeout} times the SES send timeout)`,
    );
}

export type DispatchResult = {
  item: OutboxItem;
  outcome: 'sent' | 'superseded' | 'retry' | 'failed' | 'unknown';
  messageId?: string;
  occurrence?: Occurrence;
};

/** A notice ready to go, or why it will not. Everything here happens before any lease is taken. */
type Prepared =
  { kind: 'send'; raw: Uint8Array; occurrence?: Occurrence } | { kind: 'superseded' } | { kind: 'unsendable'; reason: string };

/** A slot's outcome not yet written, and until when (ms, real clock) its lease lets it be. */
type Unrecorded = { write: OutboxWrite; leaseUntilMillis: number };

export async function dispatchOutbox(
  table: MeetingTable,
  mailer: RawMailer,
  deployedConfig: CountyConfig,
  options: DispatchOptions,
): Promise<DispatchResult[]> {
  checkLease(options.leaseSeconds, mailer.timeoutMillis);
  const concurrency = options.concurrency ?? concurrencyFor(options.maxPerSecond);
  const pacer = sendPacer(options.maxPerSecond);
  const feed = dueFeed(
    (startKey) => duePending(table, options.now(), pageSizeFor(options.maxPerSecond), startKey),
    concurrency * 2,
    (items) => readAhead(items),
  );
  // Lazily, once per run: attendee lists show the roster as it is now.
  let config: Promise<CountyConfig> | undefined;
  const currentConfig = () => (config ??= listRosterChanges(table).then((roster) => withRoster(deployedConfig, roster)));
  // One query per series for its occurrences, not one read per meeting.
  const occurrences = new Map<string, Promise<Map<string, Occurrence>>>();
  const occurrenceOf = async (item: OutboxItem) => {
    if (!occurrences.has(item.seriesId))
      occurrences.set(
        item.seriesId,
        listOccurrences(table, item.seriesId).then((list) => new Map(list.map((o) => [o.slotKey, o]))),
      );
    return (await occurrences.get(item.seriesId)!).get(item.slotKey);
  };
  const actionItems = new Map<string, Promise<ActionItemRecord[]>>();
  const actionItemsOf = (seriesId: string) => {
    if (!actionItems.has(seriesId)) actionItems.set(seriesId, openActionItems(table, seriesId));
    return actionItems.get(seriesId)!;
  };
  /**
   * What a page's items will need, asked for as soon as the page is read and all at once, rather
   * than one round trip after another as the first item of each series is rendered. Only what
   * these items need: a run with nothing due reads nothing more. Failures surface where awaited.
   */
  const readAhead = (items: readonly OutboxItem[]) => {
    const wanted: Promise<unknown>[] = [currentConfig()];
    for (const item of items) {
      if (item.chairChanges) continue;
      wanted.push(occurrenceOf(item));
      if (item.kind === 'invitation' || item.kind === 'reminder') wanted.push(actionItemsOf(item.seriesId));
    }
    for (const promise of wanted) promise.catch(() => undefined);
  };
  const results: DispatchResult[] = [];
  let broken = false;

  const slot = async () => {
    let unrecorded: Unrecorded | undefined;
    const flush = async () => {
      if (unrecorded) await record(table, unrecorded.write);
      unrecorded = undefined;
    };
    /** The lease on the next item, taken together with the record of the last send. */
    const claimNext = async (item: OutboxItem): Promise<ClaimedItem | undefined> => {
      // A record whose lease would run out before the transaction is written goes first, alone.
      if (unrecorded && unrecorded.leaseUntilMillis - Date.now() < mailer.timeoutMillis) await flush();
      if (!unrecorded) return claim(table, item, options.leaseSeconds);
      const { claimed } = await recordAndClaim(table, unrecorded.write, item, options.leaseSeconds);
      unrecorded = undefined;
      return claimed;
    };
    try {
      while (!broken && !options.shouldStop()) {
        let item = feed.ready();
        if (!item) {
          // Nothing read yet: write the last outcome now rather than hold it while waiting.
          await flush();
          item = await feed.next();
          if (!item) break;
        }
        const prepared = await prepare(item);
        if (prepared.kind === 'superseded') {
          if (await record(table, supersededWrite(table, item))) results.push({ item, outcome: 'superseded' });
          continue;
        }
        if (prepared.kind === 'send') await pacer.waitForSlot();
        const claimed = await claimNext(item);
        if (!claimed) {
          // Taken by another dispatcher, changed since it was read, or not due after all.
          if (prepared.kind === 'send') pacer.returnSlot();
          continue;
        }
        const leaseUntilMillis = claimed.leaseUntil * 1000;
        if (prepared.kind === 'unsendable') {
          unrecorded = { write: failedWrite(table, claimed, prepared.reason), leaseUntilMillis };
          results.push({ item: claimed, outcome: 'failed' });
          continue;
        }
        // Re-checked after the round trip: a claim answered so late (a stalled process) that the
        // lease could end before SES answers is given back untried.
        if (leaseUntilMillis - Date.now() < 2 * mailer.timeoutMillis) {
          unrecorded = { write: untriedWrite(table, claimed), leaseUntilMillis };
          pacer.returnSlot();
          continue;
        }
        const sent = await send(claimed, prepared.raw, prepared.occurrence);
        unrecorded = { write: sent.write, leaseUntilMillis };
        results.push(sent.result);
      }
    } catch (error) {
      broken = true;
      throw error;
    } finally {
      await flush();
    }
  };
  const slots = await Promise.allSettled(Array.from({ length: concurrency }, slot));
  const failure = slots.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failure) throw failure.reason;
  return results;

  async function prepare(item: OutboxItem): Promise<Prepared> {
    if (item.chairChanges) return prepareChairDigest(item, item.chairChanges);
    const occurrence = await occurrenceOf(item);
    const removal = item.kind === 'cancellation' && item.variant === 'removed';
    const stale =
      !occurrence ||
      // A leaver's CANCEL stays valid whatever changed since: they must not keep the meeting.
      (calendarKinds.has(item.kind) && !removal && occurrence.sequence > item.sequence) ||
      // A reminder or chair notice for a meeting that has since been cancelled would mislead.
      (occurrence.status === 'cancelled' && item.kind !== 'cancellation');
    if (stale) return { kind: 'superseded' };
    try {
      const carried =
        item.kind === 'invitation' || item.kind === 'reminder'
          ? (await actionItemsOf(item.seriesId)).filter((a) => a.meetingDate < occurrence.date)
          : [];
      const raw = await composeMime(
        mailFor(await currentConfig(), item, occurrence, options.links(item, occurrence), options.now(), carried),
      );
      return { kind: 'send', raw, occurrence };
    } catch (error) {
      return { kind: 'unsendable', reason: describeError(error) };
    }
  }

  /** A chair-change digest is about many meetings, not one: it is rendered from the changes it lists. */
  async function prepareChairDigest(item: OutboxItem, entries: ChairChangeEntry[]): Promise<Prepared> {
    try {
      const config = await currentConfig();
      const notice = renderChairChangeDigest({ county: config, recipient: item.recipient, day: item.variant, entries });
      return { kind: 'send', raw: await composeMime({ ...envelope(config, item), notice }) };
    } catch (error) {
      return { kind: 'unsendable', reason: describeError(error) };
    }
  }

  async function send(
    item: ClaimedItem,
    raw: Uint8Array,
    occurrence?: Occurrence,
  ): Promise<{ write: OutboxWrite; result: DispatchResult }> {
    let messageId: string;
    try {
      messageId = await mailer.sendRaw(raw, deployedConfig.secretariat.mailbox, item.recipient.email);
    } catch (error) {
      const reason = describeError(error);
      const failure = sendFailure(error);
      if (failure === 'unknown') return { write: unknownWrite(table, item, reason), result: { item, outcome: 'unknown' } };
      if (failure === 'retry' && item.attempts < options.maxAttempts) {
        const retryAt = new Date(Date.now() + backoffMillis(item.attempts, options.backoffBaseMillis, options.backoffCapMillis));
        return { write: retryWrite(table, item, retryAt, reason), result: { item, outcome: 'retry' } };
      }
      return { write: failedWrite(table, item, reason), result: { item, outcome: 'failed' } };
    }
    // Sent. The record goes out with the slot's next claim; until then this is the one send of
    // this slot that a crash could repeat. If the lease was lost meanwhile (a stall longer than
    // the lease), the dispatcher that took the item over owns it and the record is refused.
    return {
      write: sentWrite(table, item, messageId),
      result: { item, outcome: 'sent', messageId, ...(occurrence ? { occurrence } : {}) },
    };
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
  return { ...envelope(config, item), notice };
}

/** From, To and a Message-ID that is the same for every attempt at one outbox item. */
function envelope(config: CountyConfig, item: OutboxItem) {
  const domain = config.secretariat.mailbox.split('@')[1] ?? 'safetynet-meetings.invalid';
  const messageId = `<${createHash('sha256').update(`${item.pk}#${item.sk}`).digest('hex').slice(0, 32)}@${domain}>`;
  return {
    from: { name: config.secretariat.name.zh, address: config.secretariat.mailbox },
    to: { name: item.recipient.name, address: item.recipient.email },
    messageId,
  };
}

/** Error text for the outbox and logs: the kind of failure, never the address or message body. */
function describeError(error: unknown): string {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number }; code?: string };
  return [e.name, e.code, e.$metadata?.httpStatusCode].filter(Boolean).join(' ') || 'unknown error';
}
