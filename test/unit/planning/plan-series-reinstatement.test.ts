// A cancelled meeting held after all: the later chairs move back to their turn, and the units are
// told that this is why, not that the series' rotation was reconfigured.
import { describe, expect, it } from 'vitest';
import { planSeries, type PlanInput } from '../../../functions/core/planning/plan-series.ts';
import type { Occurrence } from '../../../functions/core/planning/occurrence.ts';
import type { OccurrenceOverride } from '../../../functions/core/planning/override.ts';
import { applyChanges, caseConference, officeCalendar, taipeiMorning, testUid } from '../../support/planning-fixtures.ts';

const plan = (input: Pick<PlanInput, 'now' | 'stored' | 'overrides'>) =>
  planSeries({ series: caseConference, calendar: officeCalendar, horizonMonths: 12, newUid: testUid, ...input });

const march = (cancelled: boolean, at: string): OccurrenceOverride => ({
  seriesId: caseConference.id,
  slotKey: '2023-03',
  cancelled,
  reason: cancelled ? '颱風停止上班' : '颱風警報解除，照常舉行',
  updatedBy: 't',
  updatedAt: at,
});

/** The digest went out: what the units were last told is now the chair. */
const told = (stored: readonly Occurrence[], day: string): Occurrence[] =>
  stored.map((o) => (o.chairChange ? { ...o, chairChange: { ...o.chairChange, toldIn: day } } : o));

describe('reinstating a cancelled meeting of a rotating series', () => {
  const created = taipeiMorning('2023-01-02');
  const cancelledAt = taipeiMorning('2023-03-20');
  const reinstatedAt = taipeiMorning('2023-03-21');
  const planned = applyChanges([], plan({ now: created, stored: [], overrides: [] }));
  const cancelled = told(
    applyChanges(planned, plan({ now: cancelledAt, stored: planned, overrides: [march(true, cancelledAt.toString())] })),
    '2023-03-20',
  );
  const chairOf = (stored: readonly Occurrence[], slotKey: string) => stored.find((o) => o.slotKey === slotKey)?.chairUnitId;

  it('moves every later chair back, each told with the reinstated meeting as the cause', () => {
    expect(chairOf(cancelled, '2023-04')).toBe('police-women-children'); // police kept its turn
    const result = plan({ now: reinstatedAt, stored: cancelled, overrides: [march(false, reinstatedAt.toString())] });
    const after = applyChanges(cancelled, result);
    expect(after.find((o) => o.slotKey === '2023-03')).toMatchObject({ status: 'scheduled', chairUnitId: 'police-women-children' });
    expect(chairOf(after, '2023-04')).toBe(chairOf(planned, '2023-04'));
    // Every later meeting (the cancellation's run planned up to 2024-02) moves back one unit, and
    // those planned before the cancellation are back with the chair first announced.
    expect(result.chairChanges.map((c) => c.slotKey)).toEqual(cancelled.map((o) => o.slotKey).filter((k) => k > '2023-03'));
    for (const o of planned) expect(chairOf(after, o.slotKey), o.slotKey).toBe(o.chairUnitId);
    expect(new Set(result.chairChanges.map((c) => c.cause))).toEqual(new Set(['reinstatement']));
    expect(after.find((o) => o.slotKey === '2023-04')?.chairChange).toEqual({
      fromUnitId: 'police-women-children',
      cause: 'reinstatement',
      cancelledDate: '2023-03-22',
      changedAt: reinstatedAt.toString(),
    });
  });

  it('still names the reinstatement when a run died after writing the reinstated meeting and before the later ones', () => {
    const result = plan({ now: reinstatedAt, stored: cancelled, overrides: [march(false, reinstatedAt.toString())] });
    const marchOnly = applyChanges(cancelled, {
      ...result,
      changes: result.changes.filter((c) => c.kind === 'update' && c.after.slotKey === '2023-03'),
    });
    const rerun = plan({
      now: taipeiMorning('2023-03-21').add({ minutes: 5 }),
      stored: marchOnly,
      overrides: [march(false, reinstatedAt.toString())],
    });
    expect(rerun.chairChanges.length).toBeGreaterThan(0);
    expect(new Set(rerun.chairChanges.map((c) => c.cause))).toEqual(new Set(['reinstatement']));
  });

  it('a later run with nothing new changes no chair and tells nothing', () => {
    const reinstated = told(
      applyChanges(cancelled, plan({ now: reinstatedAt, stored: cancelled, overrides: [march(false, reinstatedAt.toString())] })),
      '2023-03-21',
    );
    const again = plan({ now: taipeiMorning('2023-03-22'), stored: reinstated, overrides: [march(false, reinstatedAt.toString())] });
    expect(again.chairChanges).toEqual([]);
  });
});
