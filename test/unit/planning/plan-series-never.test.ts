// What planning never does, whatever moment it runs at: create a meeting in the past, rewrite one
// that has started, or cancel one because the horizon got shorter. And when a chair moves, the
// meeting keeps who chaired it before and the true cause, for the digest that tells the units.
import { describe, expect, it } from 'vitest';
import { planSeries, type PlanInput } from '../../../functions/core/planning/plan-series.ts';
import type { OccurrenceOverride } from '../../../functions/core/planning/override.ts';
import { Temporal } from '../../../functions/core/calendar/local-date.ts';
import { applyChanges, caseConference, officeCalendar, seriesById, taipeiMorning, testUid } from '../../support/planning-fixtures.ts';

const plan = (input: Partial<PlanInput> & Pick<PlanInput, 'now'>) =>
  planSeries({ series: caseConference, calendar: officeCalendar, overrides: [], stored: [], horizonMonths: 12, newUid: testUid, ...input });

const at = (text: string) => Temporal.Instant.from(text);
const override = (fields: Partial<OccurrenceOverride> & Pick<OccurrenceOverride, 'slotKey'>): OccurrenceOverride => ({
  seriesId: caseConference.id,
  reason: '測試',
  updatedBy: 't',
  updatedAt: '2026-03-02T01:00:00Z',
  ...fields,
});

describe('planning never creates a meeting before the moment it runs in', () => {
  // The case conference of Wednesday 2026-03-25 meets 14:00–16:00 Taipei.
  it.each([
    ['2026-03-25T13:59+08:00', true],
    ['2026-03-25T14:00+08:00', false], // it starts now: too late to create
    ['2026-03-25T15:00+08:00', false], // under way
    ['2026-03-26T09:00+08:00', false],
  ])('run at %s creates the 2026-03-25 14:00 meeting: %s', (now, creates) => {
    const created = plan({ now: at(now) }).changes.flatMap((c) => (c.kind === 'create' ? [c.occurrence.slotKey] : []));
    expect(created.includes('2026-03')).toBe(creates);
  });
});

describe('planning never rewrites a meeting that has started', () => {
  it('leaves a meeting alone from its start on, even on its own day, whatever the overrides say', () => {
    const stored = applyChanges([], plan({ now: taipeiMorning('2026-03-02') }));
    const overrides = [override({ slotKey: '2026-03', venueId: 'budai-center' }), override({ slotKey: '2026-03', cancelled: true })];
    for (const now of ['2026-03-25T14:00+08:00', '2026-03-25T16:30+08:00', '2026-04-01T09:00+08:00']) {
      for (const o of overrides) {
        const touched = plan({ now: at(now), stored, overrides: [o] }).changes.filter(
          (c) => c.kind === 'update' && c.before.slotKey === '2026-03',
        );
        expect(touched).toEqual([]);
      }
    }
    // At 13:59 it still could be changed.
    const before = plan({ now: at('2026-03-25T13:59+08:00'), stored, overrides: [overrides[0]!] });
    expect(before.changes.some((c) => c.kind === 'update' && c.before.slotKey === '2026-03')).toBe(true);
  });
});

describe('a shorter horizon cancels nothing', () => {
  it.each([12, 6, 1, 0])('meetings planned 18 months ahead stay when the horizon becomes %i months', (horizonMonths) => {
    const now = taipeiMorning('2026-03-02');
    const stored = applyChanges([], plan({ now, horizonMonths: 18 }));
    expect(stored.some((o) => o.date >= '2027-06-01')).toBe(true);
    expect(plan({ now, stored, horizonMonths }).changes).toEqual([]);
    // And later, with a cancellation moving the rotation, the meetings beyond the horizon move too.
    const result = plan({ now, stored, horizonMonths, overrides: [override({ slotKey: '2026-04', cancelled: true })] });
    const after = applyChanges(stored, result);
    expect(after.filter((o) => o.status === 'cancelled').map((o) => o.slotKey)).toEqual(['2026-04']);
    expect(result.chairChanges.some((c) => c.date >= '2027-06-01')).toBe(true);
  });

  it('still cancels a meeting whose month the configuration no longer has', () => {
    const now = taipeiMorning('2026-03-02');
    const stored = applyChanges([], plan({ now }));
    const noJuly = { ...caseConference, activeMonths: [2, 3, 4, 5, 6, 8, 9, 10, 11, 12] };
    const cancelled = plan({ now, stored, series: noJuly }).changes.flatMap((c) =>
      c.kind === 'update' && c.after.status === 'cancelled' ? [c.after.slotKey] : [],
    );
    expect(cancelled).toEqual(['2026-07']);
  });
});

describe('a changed chair keeps who chaired before and why', () => {
  const now = taipeiMorning('2026-03-02');
  const stored = applyChanges([], plan({ now }));
  const chairOf = (slot: string) => stored.find((o) => o.slotKey === slot)!.chairUnitId;

  it('a swap names the swap and the reason, on both meetings and no other', () => {
    const swap = [
      override({ slotKey: '2026-04', chairUnitId: chairOf('2026-05'), reason: '科長出差' }),
      override({ slotKey: '2026-05', chairUnitId: chairOf('2026-04'), reason: '科長出差' }),
    ];
    const after = applyChanges(stored, plan({ now, stored, overrides: swap }));
    const changed = after.filter((o) => o.chairChange);
    expect(changed.map((o) => [o.slotKey, o.chairChange])).toEqual([
      ['2026-04', { fromUnitId: chairOf('2026-04'), cause: 'swap', reason: '科長出差', changedAt: now.toString() }],
      ['2026-05', { fromUnitId: chairOf('2026-05'), cause: 'swap', reason: '科長出差', changedAt: now.toString() }],
    ]);
  });

  it('an acting chair says so', () => {
    const other = ['social-child-protection', 'education-department'].find((unit) => unit !== chairOf('2026-04'))!;
    const acting = override({ slotKey: '2026-04', chairUnitId: other, actingChair: true, reason: '科長請假' });
    const after = applyChanges(stored, plan({ now, stored, overrides: [acting] }));
    expect(after.find((o) => o.slotKey === '2026-04')?.chairChange).toEqual({
      fromUnitId: chairOf('2026-04'),
      cause: 'acting-chair',
      reason: '科長請假',
      changedAt: now.toString(),
    });
  });

  it('a chair moved by an old cancellation the chairs already reflect is the rotation, not that cancellation', () => {
    const cancelled = applyChanges(stored, plan({ now, stored, overrides: [override({ slotKey: '2026-04', cancelled: true })] }));
    // Months later the county changes the rotation's roster order.
    const later = taipeiMorning('2026-06-01');
    const { chair } = caseConference;
    if (chair.kind !== 'rotating') throw new Error('the case conference rotates');
    const reordered = { ...caseConference, chair: { ...chair, roster: [...chair.roster].reverse() } };
    const result = plan({
      now: later,
      stored: cancelled,
      series: reordered,
      overrides: [override({ slotKey: '2026-04', cancelled: true })],
    });
    expect(new Set(result.chairChanges.map((c) => c.cause))).toEqual(new Set(['rotation']));
  });

  it('a change back before anyone was told leaves nothing to tell; after they were told, the next change starts from what they heard', () => {
    const cancel = override({ slotKey: '2026-04', cancelled: true });
    const shifted = applyChanges(stored, plan({ now, stored, overrides: [cancel] }));
    const chairAfter = (list: typeof stored, slot: string) => list.find((o) => o.slotKey === slot)!;
    // Under keep-turn, May now has April's chair and June has May's.
    expect(chairAfter(shifted, '2026-05').chairChange?.fromUnitId).toBe(chairOf('2026-05'));
    expect(chairAfter(shifted, '2026-06').chairUnitId).toBe(chairOf('2026-05'));
    // Swapping May and June gives May its chair back before the digest went out: nothing to tell for May.
    const swapBack = [
      override({ slotKey: '2026-05', chairUnitId: chairOf('2026-05') }),
      override({ slotKey: '2026-06', chairUnitId: chairAfter(shifted, '2026-05').chairUnitId }),
    ];
    const back = applyChanges(shifted, plan({ now, stored: shifted, overrides: [cancel, ...swapBack] }));
    expect(chairAfter(back, '2026-05').chairUnitId).toBe(chairOf('2026-05'));
    expect(chairAfter(back, '2026-05').chairChange).toBeUndefined();
    // Had the shift been told, the same swap is a new change, from the chair people were told of.
    const told = shifted.map((o) => (o.chairChange ? { ...o, chairChange: { ...o.chairChange, toldIn: '2026-03-02' } } : o));
    const swapped = applyChanges(told, plan({ now, stored: told, overrides: [cancel, ...swapBack] }));
    expect(chairAfter(swapped, '2026-05').chairChange).toMatchObject({
      fromUnitId: chairAfter(shifted, '2026-05').chairUnitId,
      cause: 'swap',
    });
  });

  it('a fixed chair never changes', () => {
    const panel = seriesById('placement-review-panel');
    const planned = applyChanges([], plan({ series: panel, now }));
    expect(plan({ series: panel, now: taipeiMorning('2026-05-01'), stored: planned }).chairChanges).toEqual([]);
  });
});
