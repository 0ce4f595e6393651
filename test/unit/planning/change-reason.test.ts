// The reason people are told with an update is stored on the meeting by the very write that changes
// it: the secretariat's reason for the decision that changed it, and only for that change.
import { describe, expect, it } from 'vitest';
import { planSeries } from '../../../functions/core/planning/plan-series.ts';
import type { Occurrence } from '../../../functions/core/planning/occurrence.ts';
import type { OccurrenceOverride } from '../../../functions/core/planning/override.ts';
import { applyChanges, caseConference, officeCalendar, taipeiMorning, testUid } from '../../support/planning-fixtures.ts';

const now = taipeiMorning('2026-03-02');
const run = (stored: Occurrence[], overrides: OccurrenceOverride[], at = now) =>
  applyChanges(
    stored,
    planSeries({ series: caseConference, calendar: officeCalendar, overrides, stored, now: at, horizonMonths: 3, newUid: testUid }),
  );
const march = (occurrences: Occurrence[]) => occurrences.find((o) => o.slotKey === '2026-03')!;
const override = (fields: Partial<OccurrenceOverride>, at: string): OccurrenceOverride => ({
  seriesId: caseConference.id,
  slotKey: '2026-03',
  reason: '',
  updatedBy: 'officer-lin',
  updatedAt: at,
  ...fields,
});

describe("a change's reason", () => {
  const planned = run([], []);
  const later = taipeiMorning('2026-03-03');

  it('is stored with a move, a venue, a cancellation and a reinstatement', () => {
    const moved = run(planned, [override({ date: '2026-03-24', reason: '配合縣長行程' }, later.toString())], later);
    expect(march(moved)).toMatchObject({ date: '2026-03-24', sequence: 1, changeReason: '配合縣長行程' });
    const venue = run(
      moved,
      [override({ date: '2026-03-24', venueId: 'puzi-center', reason: '場地整修' }, later.add({ hours: 1 }).toString())],
      later.add({ hours: 1 }),
    );
    expect(march(venue)).toMatchObject({ venueId: 'puzi-center', changeReason: '場地整修' });
    const cancelled = run(
      venue,
      [override({ date: '2026-03-24', cancelled: true, reason: '颱風停止上班' }, later.add({ hours: 2 }).toString())],
      later.add({ hours: 2 }),
    );
    expect(march(cancelled)).toMatchObject({ status: 'cancelled', changeReason: '颱風停止上班' });
    const reinstated = run(
      cancelled,
      [override({ date: '2026-03-24', cancelled: false, reason: '颱風警報解除，照常舉行' }, later.add({ hours: 3 }).toString())],
      later.add({ hours: 3 }),
    );
    expect(march(reinstated)).toMatchObject({ status: 'scheduled', changeReason: '颱風警報解除，照常舉行' });
  });

  it('is not carried to a later change that no decision of the secretariat explains', () => {
    const moved = run(planned, [override({ date: '2026-03-24', reason: '配合縣長行程' }, later.toString())], later);
    // The same override, older than the stored change: the chair moving for another reason
    // (here, the stored chair set by hand to stand for a rotation change) is told without it.
    const tampered = moved.map((o) => (o.slotKey === '2026-03' ? { ...o, chairUnitId: 'education-department' } : o));
    const after = run(tampered, [override({ date: '2026-03-24', reason: '配合縣長行程' }, later.toString())], later.add({ hours: 24 }));
    expect(march(after).sequence).toBe(march(tampered).sequence + 1);
    expect(march(after).changeReason).toBeUndefined();
  });
});
