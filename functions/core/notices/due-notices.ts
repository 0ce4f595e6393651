// Which notices are due now, from the occurrences' state alone. Queueing is idempotent (the outbox
// key is the notice's identity), so computing the same due notices again on every run is harmless.
import type { CountyConfig, SeriesDefinition } from '../series/county-config.ts';
import type { Occurrence } from '../planning/occurrence.ts';
import type { ChairChangeNotice } from '../planning/plan-series.ts';
import { meetingTime } from '../invitations/meeting-time.ts';
import { Temporal, todayInTaipei } from '../calendar/local-date.ts';
import type { Notice, Recipient } from './notice.ts';
import type { RosterChange } from '../series/roster.ts';
import { seriesRecipients, unitRecipients } from './recipients.ts';

export type DueNotices = {
  notices: Notice[];
  /** Occurrences whose invitations (or cancellation) are queued by this run, with who now holds them. */
  invited: Array<{ occurrence: Occurrence; contactIds: string[] }>;
};

/**
 * @param config the configuration with the current roster laid over it (withRoster)
 * @param removed contacts taken off a roster, who may still hold a meeting in their calendar
 */
export function dueNotices(
  config: CountyConfig,
  series: SeriesDefinition,
  occurrences: readonly Occurrence[],
  chairChanges: readonly ChairChangeNotice[],
  now: Temporal.Instant,
  removed: readonly RosterChange[] = [],
): DueNotices {
  const notices: Notice[] = [];
  const invited: DueNotices['invited'] = [];
  const everyone = seriesRecipients(config, series);
  const everyoneIds = everyone.map((r) => r.contactId);
  const dueAt = now.toString();
  const notice = (occurrence: Occurrence, kind: Notice['kind'], variant: string, sequence: number) => (recipient: Notice['recipient']) =>
    notices.push({ seriesId: series.id, slotKey: occurrence.slotKey, kind, variant, sequence, recipient, dueAt });

  const today = todayInTaipei(now);
  for (const occurrence of occurrences) {
    const { start } = meetingTime(occurrence);
    if (Temporal.Instant.compare(now, start.toInstant()) >= 0) continue;
    // Lead times count calendar days in Taipei, as people do: "21 days before" is due from the
    // first run on that day, whatever hour the meeting starts.
    const meetingDay = start.toPlainDate();
    const dueOn = (days: number) => meetingDay.subtract({ days });
    const daysAhead = (days: number) => Temporal.PlainDate.compare(today, dueOn(days)) >= 0;
    const everInvited = occurrence.invitedSequence !== undefined;
    const upToDate = occurrence.invitedSequence === occurrence.sequence;

    if (occurrence.status === 'cancelled') {
      // Only people who were invited need to hear of a cancellation.
      if (everInvited && !upToDate) {
        everyone.forEach(notice(occurrence, 'cancellation', 'cancel', occurrence.sequence));
        invited.push({ occurrence, contactIds: everyoneIds });
      }
      continue;
    }
    // An update goes out at once to people already invited; a first invitation waits for the lead time.
    if (!upToDate && (everInvited || daysAhead(series.leadTimes.invitationDaysBefore))) {
      everyone.forEach(notice(occurrence, 'invitation', 'request', occurrence.sequence));
      invited.push({ occurrence, contactIds: everyoneIds });
    } else if (upToDate) {
      // The roster changed since the invitations went out: newcomers get the REQUEST, and people
      // taken off a roster get a CANCEL, so nobody keeps a meeting they are no longer part of.
      const holding = new Set(occurrence.invitedContactIds ?? everyoneIds);
      const newcomers = everyone.filter((r) => !holding.has(r.contactId));
      const leavers: Recipient[] = [...holding]
        .filter((id) => !everyoneIds.includes(id))
        .flatMap((id) => {
          const change = removed.find((r) => r.contact.id === id);
          return change ? [{ contactId: id, unitId: change.unitId, name: change.contact.name, email: change.contact.email }] : [];
        });
      newcomers.forEach(notice(occurrence, 'invitation', 'request', occurrence.sequence));
      leavers.forEach(notice(occurrence, 'cancellation', 'removed', occurrence.sequence));
      if (newcomers.length > 0 || leavers.length > 0) invited.push({ occurrence, contactIds: everyoneIds });
    }
    if (daysAhead(series.leadTimes.chairNoticeDaysBefore)) {
      // Keyed by the chair unit, so a new chair after a swap or a cancellation is told too.
      unitRecipients(config, occurrence.chairUnitId).forEach(notice(occurrence, 'chair-duty', occurrence.chairUnitId, 0));
    }
    // A reminder is due once its moment has passed, and only if the invitation went out before that
    // moment: an invitation sent three days ahead is not followed at once by a "7 days to go".
    // Only the nearest due reminder is sent, never a burst of stale ones.
    if (upToDate && occurrence.invitedAt) {
      const invitedOn = todayInTaipei(Temporal.Instant.from(occurrence.invitedAt));
      const invitedBefore = (days: number) => Temporal.PlainDate.compare(invitedOn, dueOn(days)) < 0;
      const due = series.leadTimes.reminderDaysBefore.filter((days) => daysAhead(days) && invitedBefore(days)).sort((a, b) => a - b)[0];
      if (due !== undefined) everyone.forEach(notice(occurrence, 'reminder', String(due), occurrence.sequence));
    }
  }
  for (const change of chairChanges) {
    const occurrence = occurrences.find((o) => o.slotKey === change.slotKey);
    if (!occurrence) continue;
    [...unitRecipients(config, change.from), ...unitRecipients(config, change.to)].forEach(
      notice(occurrence, 'chair-change', `${change.from}>${change.to}`, occurrence.sequence),
    );
  }
  return { notices, invited };
}
