// Which notices are due now, from the occurrences' stored state alone: never from what a planning
// run happened to change. Each occurrence records what was queued for it (invitedSequence and
// invitedContactIds for invitations and cancellations, queuedNotices for the rest, and its chair
// change's toldIn), in the same transaction that queues it, so a run that repeats finds nothing
// due, and a run that died before queueing finds the same notices due again.
import type { CountyConfig, SeriesDefinition } from '../series/county-config.ts';
import type { Occurrence } from '../planning/occurrence.ts';
import { hasStarted } from '../planning/has-started.ts';
import { Temporal, todayInTaipei } from '../calendar/local-date.ts';
import { noticeId, noticeTime, type ChairChangeEntry, type Notice, type Recipient } from './notice.ts';
import type { RosterChange } from '../series/roster.ts';
import { seriesRecipients, unitRecipients } from './recipients.ts';

/** The notices due for one occurrence, to be queued together with what records them. */
export type OccurrenceNotices = {
  occurrence: Occurrence;
  notices: Notice[];
  /** Set when invitations or cancellations are among the notices: who holds the meeting after them. */
  invitedContactIds?: string[];
  /** Set when uninvitations are among the notices: Occurrence.uninvited after them. */
  uninvited?: Record<string, number>;
};

/** A chair change nobody has been told of yet, and who must be: both units' contacts. */
export type UntoldChairChange = { occurrence: Occurrence; entry: ChairChangeEntry; recipients: Recipient[] };

export type DueNotices = { occurrences: OccurrenceNotices[]; chairChanges: UntoldChairChange[] };

/**
 * @param config the configuration with the current roster laid over it (withRoster)
 * @param removed contacts taken off a roster, who may still hold a meeting in their calendar
 */
export function dueNotices(
  config: CountyConfig,
  series: SeriesDefinition,
  occurrences: readonly Occurrence[],
  now: Temporal.Instant,
  removed: readonly RosterChange[] = [],
): DueNotices {
  const due: OccurrenceNotices[] = [];
  const chairChanges: UntoldChairChange[] = [];
  const everyone = seriesRecipients(config, series);
  const everyoneIds = everyone.map((r) => r.contactId);
  const dueAt = noticeTime(now);

  const today = todayInTaipei(now);
  const todayText = today.toString();
  for (const occurrence of occurrences) {
    if (hasStarted(occurrence, now, todayText)) continue;
    const notices: Notice[] = [];
    let invitedContactIds: string[] | undefined;
    let uninvited: Record<string, number> | undefined;
    // Every notice is of the meeting as it is now: its SEQUENCE.
    const notice = (kind: Notice['kind'], variant: string) => (recipient: Recipient) =>
      notices.push({ seriesId: series.id, slotKey: occurrence.slotKey, kind, variant, sequence: occurrence.sequence, recipient, dueAt });
    // Lead times count calendar days in Taipei, as people do: "21 days before" is due from the
    // first run on that day, whatever hour the meeting starts.
    const meetingDay = Temporal.PlainDate.from(occurrence.date);
    const daysLeft = today.until(meetingDay).days;
    /** Due once the meeting is at most `days` days ahead. */
    const daysAhead = (days: number) => daysLeft <= days;
    const everInvited = occurrence.invitedSequence !== undefined;
    const upToDate = occurrence.invitedSequence === occurrence.sequence;

    // People taken off a roster who hold the meeting get a CANCEL naming them alone (an
    // uninvitation), whatever else is due, so nobody keeps a meeting they are no longer part of.
    // A person removed, re-added and removed again is told each time, under a numbered identity.
    const holding = new Set(occurrence.invitedContactIds ?? everyoneIds);
    const rounds = occurrence.uninvited ?? {};
    const leavers: Recipient[] = !everInvited
      ? []
      : [...holding]
          .filter((id) => !everyoneIds.includes(id))
          .flatMap((id) => {
            const change = removed.find((r) => r.contact.id === id);
            return change ? [{ contactId: id, unitId: change.unitId, name: change.contact.name, email: change.contact.email }] : [];
          });
    const uninvite = () => {
      if (leavers.length === 0) return;
      uninvited = { ...rounds };
      for (const r of leavers) {
        const round = (rounds[r.contactId] ?? 0) + 1;
        uninvited[r.contactId] = round;
        notice('cancellation', uninvitationVariant(round))(r);
      }
      invitedContactIds = everyoneIds;
    };
    const record = () => ({ ...(invitedContactIds ? { invitedContactIds } : {}), ...(uninvited ? { uninvited } : {}) });

    if (occurrence.status === 'cancelled') {
      // Only people who were invited need to hear of a cancellation.
      if (everInvited && !upToDate) {
        everyone.forEach(notice('cancellation', 'cancel'));
        invitedContactIds = everyoneIds;
      }
      uninvite();
      if (notices.length > 0) due.push({ occurrence, notices, ...record() });
      continue;
    }
    // An update goes out at once to people already invited; a first invitation waits for the lead time.
    if (!upToDate && (everInvited || daysAhead(series.leadTimes.invitationDaysBefore))) {
      everyone.forEach(notice('invitation', 'request'));
      invitedContactIds = everyoneIds;
    } else if (upToDate) {
      // The roster changed since the invitations went out: newcomers get the REQUEST. A newcomer
      // who was uninvited from this meeting before (removed, now back) is invited under an identity
      // of their own, since their first invitation and their CANCEL keep theirs in the outbox; the
      // SEQUENCE they are sent is the dispatcher's to raise above that CANCEL.
      const newcomers = everyone.filter((r) => !holding.has(r.contactId));
      for (const r of newcomers) notice('invitation', reinvitationVariant(rounds[r.contactId] ?? 0))(r);
      if (newcomers.length > 0) invitedContactIds = everyoneIds;
    }
    uninvite();
    const recorded = new Set(occurrence.queuedNotices ?? []);
    // Each reminder (7-day, 1-day) goes at most once per person per meeting, whatever changed since
    // it was queued: one queued for an earlier SEQUENCE counts unless the dispatcher superseded it
    // (it then takes it off queuedNotices), so a meeting moved after its reminder went out is not
    // reminded of twice, and one moved before is reminded of on its new day.
    // A reminder already queued to others for the meeting as it is now (this SEQUENCE) is not
    // queued to someone invited since: their invitation came after its moment, and an invitation
    // five days ahead is not followed by "7 days to go".
    const reminded = new Set<string>();
    const remindedNow = new Set<string>();
    // What each contact of the chair unit was told of as its chair: the highest SEQUENCE of its
    // chair duty and their updates (one recorded before the chair duty carried it counts as 0).
    const chair = occurrence.chairUnitId;
    const chairTold = new Map<string, number>();
    for (const id of recorded) {
      const [kind, variant, sequence, contactId = ''] = id.split('#');
      if (kind?.startsWith('chair-duty') && variant === chair)
        chairTold.set(contactId, Math.max(chairTold.get(contactId) ?? 0, Number(sequence)));
      if (kind !== 'reminder') continue;
      reminded.add(`${variant}#${contactId}`);
      if (Number(sequence) === occurrence.sequence) remindedNow.add(variant!);
    }
    const remindOnce = (variant: string) => (recipient: Recipient) => {
      if (remindedNow.has(variant) || reminded.has(`${variant}#${recipient.contactId}`)) return;
      notice('reminder', variant)(recipient);
    };
    // The chair unit's duty, once per person and unit (keyed by the unit, so a new chair after a
    // swap or a cancellation is told too), at the meeting's SEQUENCE: what the chair was told of.
    // Until the invitations go out it is all they know of the meeting, so when the meeting changes
    // before then (a move, another venue) the chair gets a short update, once per change, wherever
    // the meeting now falls. From the invitations on (queued in this run: invitedContactIds), the
    // invitation's updates tell them.
    for (const r of unitRecipients(config, chair)) {
      const told = chairTold.get(r.contactId);
      const kind =
        told === undefined
          ? daysAhead(series.leadTimes.chairNoticeDaysBefore) && 'chair-duty'
          : told < occurrence.sequence && !everInvited && !invitedContactIds && 'chair-duty-update';
      if (kind) notice(kind, chair)(r);
    }
    // A reminder is due once its moment has passed, and only if the invitation went out before that
    // moment: an invitation sent three days ahead is not followed at once by a "7 days to go".
    // Only the nearest due reminder is sent, never a burst of stale ones.
    if (upToDate && occurrence.invitedAt) {
      const invitedDaysAhead = todayInTaipei(Temporal.Instant.from(occurrence.invitedAt)).until(meetingDay).days;
      const invitedBefore = (days: number) => invitedDaysAhead > days;
      const reminder = series.leadTimes.reminderDaysBefore
        .filter((days) => daysAhead(days) && invitedBefore(days))
        .sort((a, b) => a - b)[0];
      // Only to people who held the meeting before this run: a newcomer's invitation, queued now,
      // says all a reminder would, and must not arrive after one.
      if (reminder !== undefined) everyone.filter((r) => holding.has(r.contactId)).forEach(remindOnce(String(reminder)));
    }
    if (notices.length > 0) due.push({ occurrence, notices, ...record() });

    const untold = untoldChairChange(config, occurrence);
    if (untold) chairChanges.push(untold);
  }
  return { occurrences: due, chairChanges };
}

/** The first uninvitation of a person keeps the variant renderers know; later ones are numbered. */
export function uninvitationVariant(round: number): string {
  return round <= 1 ? 'removed' : `removed-${round}`;
}

/** A first invitation, or the invitation of someone uninvited `round` times before. */
export function reinvitationVariant(round: number): string {
  return round === 0 ? 'request' : `readd-${round}`;
}

/** Whether a notice is an uninvitation (a CANCEL to one person taken off the roster). */
export function isUninvitation(notice: Pick<Notice, 'kind' | 'variant'>): boolean {
  return notice.kind === 'cancellation' && /^removed(-\d+)?$/.test(notice.variant);
}

/** Notices the occurrence does not record as queued yet (for notices computed elsewhere, e.g. minutes follow-up). */
export function notYetQueued(occurrence: Pick<Occurrence, 'queuedNotices'>, notices: readonly Notice[]): Notice[] {
  const recorded = new Set(occurrence.queuedNotices ?? []);
  return notices.filter((n) => !recorded.has(noticeId(n)));
}

/**
 * The occurrence's stored chair change, if the units have not been told of it: both the unit that
 * no longer chairs and the one that now does. A meeting since cancelled (its cancellation says
 * enough) or changed back to the unit people last heard of has nothing to tell.
 */
function untoldChairChange(config: CountyConfig, occurrence: Occurrence): UntoldChairChange | undefined {
  const change = occurrence.chairChange;
  if (!change || change.toldIn !== undefined || occurrence.status !== 'scheduled') return undefined;
  if (change.fromUnitId === occurrence.chairUnitId) return undefined;
  const entry: ChairChangeEntry = {
    seriesId: occurrence.seriesId,
    slotKey: occurrence.slotKey,
    date: occurrence.date,
    start: occurrence.start,
    fromUnitId: change.fromUnitId,
    toUnitId: occurrence.chairUnitId,
    cause: change.cause,
    ...(change.cancelledDate ? { cancelledDate: change.cancelledDate } : {}),
    ...(change.reason ? { reason: change.reason } : {}),
  };
  const recipients = new Map<string, Recipient>();
  for (const r of [...unitRecipients(config, change.fromUnitId), ...unitRecipients(config, occurrence.chairUnitId)])
    if (!recipients.has(r.contactId)) recipients.set(r.contactId, r);
  return { occurrence, entry, recipients: [...recipients.values()] };
}
