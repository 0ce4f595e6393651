// When each notice falls due, on a timeline a person can follow: the case conference of
// Wednesday 2026-03-25 at 14:00 Taipei (invitations 21 days ahead, chair notice 28, reminders 7 and 1).
import { describe, expect, it } from 'vitest';
import { dueNotices } from '../../../functions/core/notices/due-notices.ts';
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
  const { notices } = dueNotices(config, caseConference, [occurrence], [], taipeiMorning(day));
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
    const { notices } = dueNotices(config, caseConference, [march], [], taipeiMorning('2026-03-04'));
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

  it('tells both units when the chair moves', () => {
    const { notices } = dueNotices(
      config,
      caseConference,
      [march],
      [{ slotKey: '2026-03', date: '2026-03-25', from: 'health-bureau', to: 'police-women-children' }],
      taipeiMorning('2026-02-01'),
    );
    expect(
      notices
        .filter((n) => n.kind === 'chair-change')
        .map((n) => n.recipient.unitId)
        .sort(),
    ).toEqual(['health-bureau', 'police-women-children']);
  });
});
