// Sends what the outbox holds, within the SES rate: render each notice from the occurrence as it is
// now, take the item's lease immediately before the send, send through SES, record the outcome. A
// notice for an older SEQUENCE is superseded, never sent.
//
// Each notice is checked against the county as it is at send time, not as it was when queued:
// - a person no longer invited to the series (or no longer in the unit a chair notice is for) is
//   sent nothing, except the CANCEL that takes the meeting out of their calendar;
// - a calendar message never reaches a person after a newer one of the same meeting (the
//   meeting's outbox partition says what was sent to whom, read once per meeting per run), and it
//   is written against what that person was last told (core/notices/told-history);
// - a reminder or chair notice for a meeting changed since it was queued is superseded, and the
//   planner may queue it again for the meeting as it is.
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
import { calendarKinds, noticeId, type ChairChangeEntry } from '../core/notices/notice.ts';
import { isUninvitation } from '../core/notices/due-notices.ts';
import { calendarDecision, toldMeeting, type SentCalendarNotice } from '../core/notices/told-history.ts';
import { minutesDeadlineDay } from '../core/notices/minutes-deadline-day.ts';
import type { CountyView } from '../core/series/county-view.ts';
import { renderChairChangeDigest, renderNotice, type NoticeLinks, type ToldMeeting } from '../core/invitations/render-notice.ts';
import type { Occurrence } from '../core/planning/occurrence.ts';
import { backoffMillis, sendPacer } from '../core/notices/send-pacer.ts';
import type { MeetingTable } from '../adapters/dynamodb/meeting-table.ts';
import { forgetQueuedNotice, listOccurrences } from '../adapters/dynamodb/occurrence-store.ts';
import { loadOfficeCalendar } from '../adapters/dynamodb/calendar-store.ts';
import type { OfficeCalendar } from '../core/calendar/office-calendar.ts';
import { loadCountyView } from './load-county-view.ts';
import {
  claim,
  duePending,
  failedWrite,
  listOutbox,
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
import { openActionItems } from './minutes/minutes-views.ts';
import type { ActionItemRecord } from '../core/minutes/minutes-record.ts';
import { owedFollowUpForms, type OwedFollowUpForm } from './minutes/owed-follow-ups.ts';
import { parseFollowUpReminderVariant } from '../core/notices/follow-up-reminders.ts';
import type { OwedFollowUp } from '../core/invitations/render-notice.ts';
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
 * A slot's turn takes a claim and an SES call (in AWS about 20 and 100 ms) plus rendering, so the
 * slots cap the rate at their number over the turn. One slot per five sends a second keeps up with
 * turns of up to 200 ms. Above 20 a second, one per three (turns of up to 300 ms): a second's quota
 * missed cannot be made up, and slow answers come together (a busy SES endpoint or table, a loaded
 * machine), when the sends they held back are owed at once and only slots waiting for their turn
 * can take them. At 50/s on DynamoDB Local at load 15, the ten slots of one per five were all in
 * round trips (turns of about 300 ms) whenever a second fell short. At least four, at most sixteen,
 * which is also the most sends one crash can repeat.
 */
export function concurrencyFor(maxPerSecond: number): number {
  const sendsPerSlot = maxPerSecond > 20 ? 3 : 5;
  return Math.min(16, Math.max(4, Math.ceil(maxPerSecond / sendsPerSlot)));
}

/** One item a slot, and as many again for the slots to take while the next page is read. */
export function firstPageSizeFor(concurrency: number): number {
  return concurrency * 2;
}

/** About ten seconds of sending per query, so pages neither run dry nor go stale. */
export function pageSizeFor(maxPerSecond: number): number {
  return Math.min(1000, Math.max(50, Math.ceil(maxPerSecond * 10)));
}

/**
 * The next page is asked for while three seconds of sending are still in hand (never fewer than
 * two items a slot): reading a page, decoding it and reading what its items need must end before
 * the slots run dry. A send that misses its moment is lost for good, as no second may hold more than
 * the rate to make up for it. Two items a slot last 0.4 s at 50/s; a page of 500 took 0.3 to 1 s to read and decode on
 * DynamoDB Local at load 15, and the reads for its items came after it.
 */
export function readAheadBelowFor(concurrency: number, maxPerSecond: number): number {
  return Math.max(concurrency * 2, Math.ceil(maxPerSecond * 3));
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
  | { kind: 'send'; raw: Uint8Array; occurrence?: Occurrence; told?: ToldMeeting }
  | { kind: 'superseded'; forget?: boolean }
  | { kind: 'unsendable'; reason: string };

/** A meeting's calendar messages sent so far, by the contact they went to. */
type SentByContact = Map<string, SentCalendarNotice[]>;

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
  // The run's first page is short: sending starts after one small query and the reads its few
  // items need, while the next page (and what its items need) is read during the first sends. A
  // full first page held every send back by the time it takes to read, decode and read ahead for
  // ten seconds' worth of notices (a fifth of a second at 50/s on DynamoDB Local, with the pacer's
  // clock running).
  let firstPage = true;
  const feed = dueFeed(
    (startKey) => {
      const limit = firstPage ? firstPageSizeFor(concurrency) : pageSizeFor(options.maxPerSecond);
      firstPage = false;
      return duePending(table, options.now(), limit, startKey);
    },
    readAheadBelowFor(concurrency, options.maxPerSecond),
    (items) => readAhead(items),
  );
  // Lazily, once per run: who is invited, and attendee lists, as the roster is now.
  let view: Promise<CountyView> | undefined;
  const currentView = () => (view ??= loadCountyView(table, deployedConfig));
  const currentConfig = async () => (await currentView()).config;
  // Lazily, once per run, and only when a notice states a deadline.
  let calendar: Promise<OfficeCalendar> | undefined;
  const officeCalendar = () => (calendar ??= loadOfficeCalendar(table));
  // One query of a meeting's outbox partition per meeting per run, only for its calendar notices:
  // which calendar messages went to whom is known nowhere else (the occurrence records what was
  // queued, not what was sent), and without it a person could receive an older SEQUENCE after a
  // newer one, or a first message labelled as a change. Sends of this run are added as they happen.
  // Another dispatcher running at the same moment is not seen: the lease stops two of them sending
  // one notice, but two notices of one person (an uninvitation and a re-invitation, say) could
  // then cross. Its sends are in the partition for the next run, which corrects what comes after.
  const sentCalendars = new Map<string, Promise<SentByContact>>();
  const sentOf = (item: OutboxItem) => {
    const key = `${item.seriesId}#${item.slotKey}`;
    if (!sentCalendars.has(key)) sentCalendars.set(key, listOutbox(table, item.seriesId, item.slotKey).then(sentByContact));
    return sentCalendars.get(key)!;
  };
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
  // The county's owed follow-up forms, one index query per run, only when an invitation or a
  // reminder needs them.
  let owedForms: ReturnType<typeof owedFollowUpForms> | undefined;
  const owedFormsOf = () => (owedForms ??= owedFollowUpForms(table));
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
      if (item.kind === 'invitation' || item.kind === 'reminder') wanted.push(actionItemsOf(item.seriesId), owedFormsOf());
      if (item.kind === 'follow-up-due') wanted.push(owedFormsOf());
      if (calendarKinds.has(item.kind)) wanted.push(sentOf(item));
      if (deadlineKinds.has(item.kind)) wanted.push(officeCalendar());
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
          // Taken off what the meeting records as queued, so the planner can queue it for the
          // meeting as it is now. First, so a crash in between leaves the item pending, to be
          // superseded (and forgotten, idempotently) again, never superseded and still recorded.
          if (prepared.forget) await forgetQueuedNotice(table, item.seriesId, item.slotKey, noticeId(item));
          if (await record(table, supersededWrite(table, item))) results.push({ item, outcome: 'superseded' });
          continue;
        }
        // Taken by another dispatcher, changed since it was read, or not due after all.
        const claimed = await claimNext(item);
        if (!claimed) continue;
        const leaseUntilMillis = claimed.leaseUntil * 1000;
        if (prepared.kind === 'unsendable') {
          unrecorded = { write: failedWrite(table, claimed, prepared.reason), leaseUntilMillis };
          results.push({ item: claimed, outcome: 'failed' });
          continue;
        }
        // The slot is taken after the claim and the SES call starts in it, so what the pacer counts
        // is the SES call itself, not a claim whose round trip may be slower or faster than the
        // next one's; the wait for the slot also hides the claim's round trip.
        const sent = await pacer.paced(() =>
          // Re-checked after the round trip and the wait: a claim answered so late (a stalled
          // process) that the lease could end before SES answers is given back untried.
          leaseUntilMillis - Date.now() < 2 * mailer.timeoutMillis
            ? undefined
            : send(claimed, prepared.raw, prepared.occurrence, prepared.told),
        );
        if (!sent) {
          unrecorded = { write: untriedWrite(table, claimed), leaseUntilMillis };
          continue;
        }
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
    const uninvitation = isUninvitation(item);
    const calendarNotice = calendarKinds.has(item.kind);
    const stale =
      !occurrence ||
      // A leaver's CANCEL stays valid whatever changed since: they must not keep the meeting.
      (calendarNotice && !uninvitation && occurrence.sequence > item.sequence) ||
      // A reminder names the meeting's day as it was queued for: one changed since would mislead.
      (item.kind === 'reminder' && occurrence.sequence > item.sequence) ||
      // A chair notice (or its update) for a unit that no longer chairs this meeting.
      ((item.kind === 'chair-duty' || item.kind === 'chair-duty-update') && occurrence.chairUnitId !== item.variant) ||
      // A reminder or chair notice for a meeting that has since been cancelled would mislead.
      (occurrence.status === 'cancelled' && item.kind !== 'cancellation');
    const requeueable = item.kind === 'reminder' || item.kind === 'chair-duty';
    if (stale) return { kind: 'superseded', forget: requeueable && occurrence !== undefined };
    // A follow-up reminder goes only while its unit still owes the form: one received since, or
    // handed to another unit, is superseded (it was never recorded on the meeting: nothing to forget).
    let followUp: OwedFollowUpForm | undefined;
    if (item.kind === 'follow-up-due') {
      followUp = owedFollowUp(await owedFormsOf(), item);
      if (!followUp) return { kind: 'superseded' };
    }
    const county = await currentView();
    if (!stillAddressed(county, item)) return { kind: 'superseded' };
    try {
      let sequence = occurrence.sequence;
      let told: ToldMeeting | undefined;
      if (calendarNotice) {
        const decision = calendarDecision(item, occurrence, (await sentOf(item)).get(item.recipient.contactId) ?? []);
        if (!decision.send) return { kind: 'superseded' };
        sequence = decision.sequence;
        told = decision.told;
      }
      const series = county.findSeries(item.seriesId);
      const deadline =
        deadlineKinds.has(item.kind) && series ? minutesDeadlineDay(occurrence.date, series, await officeCalendar()) : undefined;
      const carried =
        item.kind === 'invitation' || item.kind === 'reminder'
          ? (await actionItemsOf(item.seriesId)).filter((a) => a.meetingDate < occurrence.date)
          : [];
      // Forms owed to this meeting: decided at an earlier panel of the series, not yet received.
      const owedFollowUps =
        item.kind === 'invitation' || item.kind === 'reminder'
          ? (await owedFormsOf()).filter((f) => f.seriesId === item.seriesId && f.meetingDate < occurrence.date)
          : [];
      const context = { sequence, told, deadline, openActionItems: carried, owedFollowUps, followUp };
      const raw = await composeMime(mailFor(county, item, occurrence, options.links(item, occurrence), options.now(), context));
      // What this message tells its person, recorded with the send for the next one.
      return { kind: 'send', raw, occurrence, ...(calendarNotice ? { told: toldMeeting(occurrence, sequence) } : {}) };
    } catch (error) {
      return { kind: 'unsendable', reason: describeError(error) };
    }
  }

  /** A chair-change digest is about many meetings, not one: it is rendered from the changes it lists. */
  async function prepareChairDigest(item: OutboxItem, entries: ChairChangeEntry[]): Promise<Prepared> {
    // Someone since taken off every unit's roster chairs nothing and is told nothing.
    if (!(await currentView()).unitOf(item.recipient.contactId)) return { kind: 'superseded' };
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
    told?: ToldMeeting,
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
    if (told) {
      // Known to this run at once: the person's next calendar message of this meeting, in this run,
      // is decided against this one.
      const sent = await sentOf(item);
      sent.set(item.recipient.contactId, [...(sent.get(item.recipient.contactId) ?? []), { ...item, told }]);
    }
    return {
      write: sentWrite(table, item, messageId, told),
      result: { item, outcome: 'sent', messageId, ...(occurrence ? { occurrence } : {}) },
    };
  }
}

/** Kinds that state the minutes deadline. */
const deadlineKinds: ReadonlySet<OutboxItem['kind']> = new Set(['chair-duty', 'minutes-due', 'minutes-overdue']);

/**
 * Whether the notice's person is still someone it is for, in the county as it is now: invited to
 * the series, or for a chair's notices, still a contact of the chair's unit it names. An
 * uninvitation is for someone no longer invited; one re-added since keeps the meeting.
 */
function stillAddressed(county: CountyView, item: OutboxItem): boolean {
  const { contactId, unitId } = item.recipient;
  if (isUninvitation(item)) return !county.isInvited(item.seriesId, contactId);
  if (deadlineKinds.has(item.kind) || item.kind === 'follow-up-due') return county.unitOf(contactId)?.id === unitId;
  return county.isInvited(item.seriesId, contactId);
}

/** Calendar messages already sent, by person, from the meeting's outbox partition. */
function sentByContact(items: readonly OutboxItem[]): SentByContact {
  const byContact: SentByContact = new Map();
  for (const item of items) {
    if (item.status !== 'sent' || !calendarKinds.has(item.kind)) continue;
    const list = byContact.get(item.recipient.contactId) ?? [];
    list.push(item);
    byContact.set(item.recipient.contactId, list);
  }
  return byContact;
}

type MailContext = {
  /** The SEQUENCE this message carries to its person (core/notices/told-history). */
  sequence: number;
  told: ToldMeeting | undefined;
  deadline: string | undefined;
  openActionItems: readonly ActionItemRecord[];
  owedFollowUps: readonly OwedFollowUp[];
  followUp: OwedFollowUp | undefined;
};

/** The form a follow-up reminder is about, if its unit still owes it. */
function owedFollowUp(owed: readonly OwedFollowUpForm[], item: OutboxItem): OwedFollowUpForm | undefined {
  const placementType = parseFollowUpReminderVariant(item.variant)?.placementType;
  return owed.find(
    (f) =>
      f.seriesId === item.seriesId && f.slotKey === item.slotKey && f.placementType === placementType && f.unitId === item.recipient.unitId,
  );
}

function mailFor(county: CountyView, item: OutboxItem, stored: Occurrence, links: NoticeLinks, now: Date, context: MailContext) {
  const config = county.config;
  const removal = isUninvitation(item);
  const occurrence = { ...stored, sequence: context.sequence };
  const series = county.findSeries(item.seriesId);
  if (!series) throw new Error(`series "${item.seriesId}" is no longer configured`);
  const venue = county.venue(occurrence.venueId);
  const chairUnit = county.unit(occurrence.chairUnitId);
  if (!venue || !chairUnit) throw new Error(`occurrence ${item.seriesId}/${item.slotKey} names an unknown venue or chair unit`);
  // The chair's first contact (the section or squad chief) is the one marked ROLE=CHAIR.
  const chairContactId = chairUnit.contacts[0]?.id;
  // An uninvitation names the person it takes the meeting from, and only them (RFC 5546 §3.2.5).
  const attendees = removal
    ? [{ name: item.recipient.name, email: item.recipient.email, chair: false }]
    : county.recipients(series).map((r) => ({ name: r.name, email: r.email, chair: r.contactId === chairContactId }));
  const notice = renderNotice(item.kind, {
    county: config,
    series,
    occurrence,
    venue,
    chairUnit,
    recipient: item.recipient,
    attendees,
    links,
    // The renderer knows the first round's names: a later uninvitation is worded as the first, a
    // re-invitation as an invitation.
    variant: removal ? 'removed' : item.kind === 'invitation' ? 'request' : item.variant,
    now,
    openActionItems: context.openActionItems,
    owedFollowUps: context.owedFollowUps,
    ...(context.followUp ? { followUp: context.followUp } : {}),
    ...(context.told ? { told: context.told } : {}),
    // The reason of the change: for the calendar's updates, and the chair's update before them.
    ...((calendarKinds.has(item.kind) || item.kind === 'chair-duty-update') && occurrence.changeReason
      ? { changeReason: occurrence.changeReason }
      : {}),
    ...(context.deadline ? { deadline: context.deadline } : {}),
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
