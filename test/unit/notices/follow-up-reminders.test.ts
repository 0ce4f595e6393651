// When the unit owing follow-up forms (成效追蹤表) is reminded: three working days before the due
// date and on the day (for a week after, if a daily run was missed), and never otherwise. Dates of
// July 2026, checkable against a calendar: Wednesday 8 July is due; Friday 3 July is three working
// days before it (Mon 6, Tue 7 in between); the weekend of 4–5 July does not count.
import { describe, expect, it } from 'vitest';
import { followUpReminders, type OwedForm } from '../../../functions/core/notices/follow-up-reminders.ts';
import { Temporal } from '../../../functions/core/calendar/local-date.ts';
import { county } from './notice-fixtures.ts';

const weekdays = { isWorkingDay: (d: Temporal.PlainDate) => d.dayOfWeek <= 5 };
const form: OwedForm = {
  seriesId: 'placement-review-panel',
  slotKey: '2026-03',
  unitId: 'police-women-children',
  placementType: 'foster',
  dueDate: '2026-07-08',
};
/** 09:00 in Taipei on the day. */
const on = (day: string) => Temporal.Instant.from(`${day}T01:00:00Z`);
const squad = county.units.find((u) => u.id === 'police-women-children')!;

describe('follow-up form reminders', () => {
  it.each([
    ['2026-07-01', []],
    ['2026-07-02', []],
    ['2026-07-03', ['foster-ahead']],
    ['2026-07-05', ['foster-ahead']],
    ['2026-07-07', ['foster-ahead']],
    ['2026-07-08', ['foster-due']],
    ['2026-07-15', ['foster-due']],
    ['2026-07-16', []],
  ])('on %s: %j', (day, variants) => {
    const notices = followUpReminders(county, [form], weekdays, on(day));
    expect([...new Set(notices.map((n) => n.variant))]).toEqual(variants);
  });

  it('go to every contact of the owing unit, and nobody else, about the panel meeting that decided the forms', () => {
    const notices = followUpReminders(county, [form], weekdays, on('2026-07-08'));
    expect(notices.map((n) => n.recipient.contactId)).toEqual(squad.contacts.map((c) => c.id));
    expect(new Set(notices.map((n) => `${n.kind}|${n.seriesId}|${n.slotKey}|${n.sequence}|${n.recipient.unitId}`))).toEqual(
      new Set(['follow-up-due|placement-review-panel|2026-03|0|police-women-children']),
    );
  });

  it('the same day twice gives the same identities (the outbox keeps one of each)', () => {
    const first = followUpReminders(county, [form], weekdays, on('2026-07-03'));
    const again = followUpReminders(county, [form], weekdays, Temporal.Instant.from('2026-07-03T08:00:00Z'));
    expect(again.map((n) => `${n.variant}#${n.recipient.contactId}`)).toEqual(first.map((n) => `${n.variant}#${n.recipient.contactId}`));
  });
});
