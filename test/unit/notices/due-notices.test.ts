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
const caseConferenceContacts = () =>
  caseConference.invitedUnitIds.flatMap((id) => config.units.find((u) => u.id === id)!.contacts.map((c) => c.id));
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

  describe('the chair, told of its duty before the invitations went out', () => {
    // Told on 2/25 (28 days ahead) of the meeting of 3/25; the invitations go 21 days ahead.
    const toldOfDuty = { ...march, queuedNotices: ['chair-duty#health-bureau#0000#health-mh-chief'] };
    const movedTo = (date: string): Occurrence => ({ ...toldOfDuty, sequence: 1, date });
    const due = (occurrence: Occurrence, day: string) =>
      dueNotices(config, caseConference, [occurrence], taipeiMorning(day)).occurrences.flatMap((d) => d.notices);

    it("is told of its duty at the meeting's SEQUENCE, what it then knows", () => {
      const notices = due({ ...march, sequence: 2 }, '2026-02-25');
      expect(notices.map((n) => [n.kind, n.sequence, n.recipient.contactId])).toEqual([['chair-duty', 2, 'health-mh-chief']]);
    });

    it.each([
      ['moved a day later', '2026-03-26', '2026-02-27'],
      // Beyond the 28 days of the chair notice now: the chair still holds the old day.
      ['moved five weeks later', '2026-04-29', '2026-02-27'],
      ['moved earlier', '2026-03-23', '2026-02-27'],
    ])('gets a short update when the meeting is %s, before the invitations', (_what, date, day) => {
      const notices = due(movedTo(date), day);
      expect(notices.map((n) => [n.kind, n.variant, n.sequence, n.recipient.contactId])).toEqual([
        ['chair-duty-update', 'health-bureau', 1, 'health-mh-chief'],
      ]);
    });

    it('gets it once per change: recorded, nothing more; changed again, one more', () => {
      const [update] = due(movedTo('2026-03-26'), '2026-02-27');
      const recorded = { ...movedTo('2026-03-26'), queuedNotices: [...toldOfDuty.queuedNotices, noticeId(update!)] };
      expect(due(recorded, '2026-02-28')).toEqual([]);
      const again = due({ ...recorded, sequence: 2, date: '2026-03-27' }, '2026-03-01');
      expect(again.map((n) => [n.kind, n.sequence])).toEqual([['chair-duty-update', 2]]);
    });

    it('gets none when nothing changed, when it was never told, or when the invitations tell it', () => {
      expect(due(toldOfDuty, '2026-02-27')).toEqual([]);
      // Moved before the chair notice was due: the chair notice, when it comes, names the new day.
      expect(due({ ...march, sequence: 1, date: '2026-04-29' }, '2026-02-20')).toEqual([]);
      // Invited already: the update is an invitation update, to the chair unit as to everyone.
      const invitedThenMoved = { ...invited('2026-03-04'), queuedNotices: toldOfDuty.queuedNotices, sequence: 1, date: '2026-03-26' };
      expect(kinds(invitedThenMoved, '2026-03-05')).toEqual(['invitation:request']);
      // Invited in this very run (21 days before the new day): the invitation says it all.
      expect(kinds(movedTo('2026-03-26'), '2026-03-05')).toEqual(['invitation:request']);
    });

    it('is not updated for another unit: a new chair gets its own chair notice', () => {
      const newChair = { ...movedTo('2026-03-26'), chairUnitId: 'police-women-children' };
      expect(due(newChair, '2026-02-27').map((n) => [n.kind, n.recipient.unitId])).toEqual([['chair-duty', 'police-women-children']]);
    });
  });

  describe('reminders, once per person per meeting', () => {
    const reminders = (occurrence: Occurrence, day: string) =>
      dueNotices(config, caseConference, [occurrence], taipeiMorning(day))
        .occurrences.flatMap((d) => d.notices)
        .filter((n) => n.kind === 'reminder');
    const everyone = invited('2026-03-04').invitedContactIds ?? [];
    const sevenDay = (sequence: number, contactIds: readonly string[]) =>
      reminders({ ...invited('2026-03-04'), sequence }, '2026-03-18')
        .filter((n) => contactIds.length === 0 || contactIds.includes(n.recipient.contactId))
        .map((n) => noticeId({ ...n, sequence }));

    it('is not queued again after a move when it was queued before it (and not superseded)', () => {
      const sent = sevenDay(0, everyone);
      expect(sent.length).toBeGreaterThan(0);
      // Moved to 3/26 (SEQUENCE 1) after the 7-day reminder went out: nobody is reminded twice.
      const moved = { ...invited('2026-03-04'), sequence: 1, invitedSequence: 1, date: '2026-03-26', queuedNotices: sent };
      expect(reminders(moved, '2026-03-19')).toEqual([]);
    });

    it('is queued for the meeting as it is now when the dispatcher superseded the earlier one', () => {
      // The dispatcher took the superseded reminders off queuedNotices: they are due again, at SEQUENCE 1.
      const moved = { ...invited('2026-03-04'), sequence: 1, invitedSequence: 1, date: '2026-03-26' };
      expect(reminders(moved, '2026-03-19').map((n) => `${n.variant}#${n.sequence}`)).toContain('7#1');
    });

    it('is not queued to someone invited after it was queued to the others', () => {
      const first = reminders(invited('2026-03-04'), '2026-03-18');
      const [late, ...others] = first;
      const recorded = { ...invited('2026-03-04'), queuedNotices: others.map(noticeId) };
      expect(reminders(recorded, '2026-03-18').map((n) => n.recipient.contactId)).not.toContain(late!.recipient.contactId);
    });

    it('is not queued to a newcomer in the run that invites them', () => {
      const holding = invited('2026-03-04');
      const allButOne = { ...holding, invitedContactIds: caseConferenceContacts().slice(1) };
      const due = dueNotices(config, caseConference, [allButOne], taipeiMorning('2026-03-18')).occurrences.flatMap((d) => d.notices);
      const newcomer = caseConferenceContacts()[0]!;
      expect(due.filter((n) => n.recipient.contactId === newcomer).map((n) => n.kind)).toEqual(['invitation']);
    });
  });

  describe('removed and re-added contacts', () => {
    const leaver = {
      unitId: 'social-child-protection',
      contact: config.units.find((u) => u.id === 'social-child-protection')!.contacts[1]!,
    };
    const removal = { ...leaver, removed: true, updatedBy: 't', updatedAt: '2026-03-10T01:00:00Z' };
    const without = {
      ...config,
      units: config.units.map((u) =>
        u.id === leaver.unitId ? { ...u, contacts: u.contacts.filter((c) => c.id !== leaver.contact.id) } : u,
      ),
    };
    const holding: Occurrence = { ...invited('2026-03-04'), invitedContactIds: caseConferenceContacts() };
    const due = (cfg: typeof config, occurrence: Occurrence) =>
      dueNotices(cfg, caseConference, [occurrence], taipeiMorning('2026-03-10'), [removal]).occurrences[0];

    it('uninvites a leaver under a numbered identity each time, and re-invites under one of its own', () => {
      const first = due(without, holding)!;
      const cancel = first.notices.find((n) => n.kind === 'cancellation')!;
      expect(cancel).toMatchObject({ variant: 'removed', recipient: { contactId: leaver.contact.id } });
      expect(first.uninvited).toEqual({ [leaver.contact.id]: 1 });

      const afterRemoval: Occurrence = { ...holding, invitedContactIds: first.invitedContactIds!, uninvited: first.uninvited! };
      const back = due(config, afterRemoval)!;
      expect(back.notices.filter((n) => n.kind === 'invitation').map((n) => [n.variant, n.recipient.contactId])).toEqual([
        ['readd-1', leaver.contact.id],
      ]);
      // Its identity differs from the first invitation's and from the CANCEL's, at the same SEQUENCE.
      const ids = [noticeId({ ...cancel, kind: 'invitation', variant: 'request' }), noticeId(cancel)];
      expect(ids).not.toContain(noticeId(back.notices[0]!));

      const again = due(without, { ...afterRemoval, invitedContactIds: back.invitedContactIds! })!;
      expect(again.notices.find((n) => n.kind === 'cancellation')?.variant).toBe('removed-2');
      expect(again.uninvited).toEqual({ [leaver.contact.id]: 2 });
    });
  });
});
