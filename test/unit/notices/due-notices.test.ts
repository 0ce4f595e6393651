// When each notice falls due, on a timeline a person can follow: the case conference of
// Wednesday 2026-03-25 at 14:00 Taipei (invitations 21 days ahead, chair notice 28, reminders 7 and 1).
import { describe, expect, it } from 'vitest';
import { dueNotices } from '../../../functions/core/notices/due-notices.ts';
import { noticeId } from '../../../functions/core/notices/notice.ts';
import type { Occurrence } from '../../../functions/core/planning/occurrence.ts';
import { caseConference, config, taipeiMorning } from '../../support/planning-fixtures.ts';
import { Temporal } from '../../../functions/core/calendar/local-date.ts';
import { testOccurrence } from '../../support/test-occurrence.ts';

const march = testOccurrence({
  seriesId: caseConference.id,
  slotKey: '2026-03',
  date: '2026-03-25',
  uid: 'u@test',
  chairUnitId: 'health-bureau',
});
const invited = (at: string): Occurrence => ({
  ...march,
  invitedSequence: 0,
  invitedAt: Temporal.Instant.from(`${at}T09:00+08:00`).toString(),
});
const kinds = (occurrence: Occurrence, day: string) => {
  const notices = dueNotices(config, caseConference, [occurrence], taipeiMorning(day)).occurrences.flatMap((d) => d.notices);
  return [...new Set(notices.map((n) => `${n.kind}:${n.variant}`))].sort();
};

describe('notices due for the 2026-03-25 case conference', () => {
  it.each([
    ['2026-02-20', march, []],
    ['2026-02-25', march, ['chair-duty:health-bureau']], // 28 days before
    ['2026-03-04', march, ['chair-duty:health-bureau', 'invitation:request']], // 21 days before: invitations go out
    ['2026-03-10', invited('2026-03-04'), ['chair-duty:health-bureau']],
    ['2026-03-18', invited('2026-03-04'), ['chair-duty:health-bureau', 'reminder:7']],
    ['2026-03-24', invited('2026-03-04'), ['chair-duty:health-bureau', 'reminder:1']], // the nearest reminder only
    ['2026-03-24', invited('2026-03-20'), ['chair-duty:health-bureau', 'reminder:1']], // invited late: no stale 7-day reminder
    ['2026-03-26', invited('2026-03-04'), []], // after the meeting
  ] as const)('on %s', (day, occurrence, expected) => {
    expect(kinds(occurrence, day)).toEqual(expected);
  });

  it('sends every invited contact the invitation, and the chair duty only to the chair unit', () => {
    const notices = dueNotices(config, caseConference, [march], taipeiMorning('2026-03-04')).occurrences.flatMap((d) => d.notices);
    const invitations = notices.filter((n) => n.kind === 'invitation');
    expect(invitations.map((n) => n.recipient.unitId).sort()).toEqual(
      [...caseConference.invitedUnitIds.flatMap((id) => config.units.find((u) => u.id === id)!.contacts.map(() => id))].sort(),
    );
    expect(notices.filter((n) => n.kind === 'chair-duty').map((n) => n.recipient.unitId)).toEqual(['health-bureau']);
  });

  it('after a move, sends the update at once to people already invited, whatever the lead time', () => {
    const moved = { ...invited('2026-03-04'), sequence: 1, date: '2026-04-01' };
    expect(kinds(moved, '2026-03-05')).toContain('invitation:request');
  });

  it('sends a cancellation only to meetings that were ever invited', () => {
    expect(kinds({ ...march, status: 'cancelled', sequence: 1 }, '2026-03-10')).toEqual([]);
    expect(kinds({ ...invited('2026-03-04'), status: 'cancelled', sequence: 1 }, '2026-03-10')).toEqual(['cancellation:cancel']);
  });

  it('queues nothing the occurrence records as queued: a repeated run finds nothing due', () => {
    const day = taipeiMorning('2026-03-24');
    const occurrence = invited('2026-03-04');
    const first = dueNotices(config, caseConference, [occurrence], day).occurrences.flatMap((d) => d.notices);
    expect(first.length).toBeGreaterThan(0);
    const recorded = { ...occurrence, queuedNotices: first.map(noticeId) };
    expect(dueNotices(config, caseConference, [recorded], day).occurrences).toEqual([]);
    // A contact recorded as queued once is not queued again, while one added since is.
    const partly = { ...occurrence, queuedNotices: first.slice(1).map(noticeId) };
    expect(dueNotices(config, caseConference, [partly], day).occurrences.flatMap((d) => d.notices.map(noticeId))).toEqual([
      noticeId(first[0]!),
    ]);
  });

  it('tells both units of a stored chair change until it is told, and never of one changed back or cancelled', () => {
    const changed: Occurrence = {
      ...march,
      chairUnitId: 'police-women-children',
      chairChange: { fromUnitId: 'health-bureau', cause: 'cancellation', cancelledDate: '2026-02-25', changedAt: '2026-02-01T01:00:00Z' },
    };
    const untold = (o: Occurrence) => dueNotices(config, caseConference, [o], taipeiMorning('2026-02-01')).chairChanges;
    const [change] = untold(changed);
    expect(change?.entry).toEqual({
      seriesId: caseConference.id,
      slotKey: '2026-03',
      date: '2026-03-25',
      start: '14:00',
      fromUnitId: 'health-bureau',
      toUnitId: 'police-women-children',
      cause: 'cancellation',
      cancelledDate: '2026-02-25',
    });
    expect(change?.recipients.map((r) => r.unitId).sort()).toEqual(['health-bureau', 'police-women-children']);
    expect(untold({ ...changed, chairChange: { ...changed.chairChange!, toldIn: '2026-02-01' } })).toEqual([]);
    expect(untold({ ...changed, status: 'cancelled' })).toEqual([]);
    expect(untold({ ...changed, chairUnitId: 'health-bureau' })).toEqual([]);
  });
});
