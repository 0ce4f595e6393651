// The planner against the real office calendar, with dates a person can check on a calendar.
import { describe, expect, it } from 'vitest';
import { planSeries, type PlanInput } from '../../../functions/core/planning/plan-series.ts';
import type { OccurrenceOverride } from '../../../functions/core/planning/override.ts';
import type { SeriesDefinition } from '../../../functions/core/series/county-config.ts';
import { applyChanges, caseConference, officeCalendar, taipeiMorning, testUid } from '../../support/planning-fixtures.ts';

const plan = (overrides: Partial<PlanInput> & Pick<PlanInput, 'now'>) =>
  planSeries({
    series: caseConference,
    calendar: officeCalendar,
    overrides: [],
    stored: [],
    horizonMonths: 12,
    newUid: testUid,
    ...overrides,
  });

const created = (input: Parameters<typeof plan>[0]) => plan(input).changes.flatMap((c) => (c.kind === 'create' ? [c.occurrence] : []));

/** The case conference meeting every month, to meet the known January and February collisions. */
const everyMonth = (holidayPolicy: SeriesDefinition['holidayPolicy']): SeriesDefinition => {
  const { activeMonths: _all, ...rest } = caseConference;
  return { ...rest, holidayPolicy };
};

describe('planning the monthly case conference', () => {
  it('plans the 4th Wednesdays of February to December at 14:00, skipping January', () => {
    const dates = created({ now: taipeiMorning('2023-01-02'), horizonMonths: 12 })
      .filter((o) => o.date.startsWith('2023'))
      .map((o) => o.date);
    expect(dates).toEqual([
      '2023-02-22',
      '2023-03-22',
      '2023-04-26',
      '2023-05-24',
      '2023-06-28',
      '2023-07-26',
      '2023-08-23',
      '2023-09-27',
      '2023-10-25',
      '2023-11-22',
      '2023-12-27',
    ]);
  });

  it.each([
    // nominal date, policy, placed date, needs a person's decision
    ['2018-02', 'nearest-working-day-same-week', '2018-02-27', false], // 和平紀念日 (Wed) → Tue, the earlier of two equally near days
    ['2018-02', 'next-working-day', '2018-03-01', false],
    ['2018-02', 'previous-working-day', '2018-02-27', false],
    ['2018-02', 'keep-and-flag', '2018-02-28', true],
    ['2024-02', 'nearest-working-day-same-week', '2024-02-27', false], // 和平紀念日 2024
    ['2024-02', 'next-working-day', '2024-02-29', false],
    ['2023-01', 'nearest-working-day-same-week', '2023-01-25', true], // Lunar New Year: the whole week is off
    ['2023-01', 'next-working-day', '2023-01-30', false],
  ] as const)('places the %s meeting with %s on %s', (slot, policy, date, needsDecision) => {
    const year = slot.slice(0, 4);
    const meetings = created({ series: everyMonth(policy), now: taipeiMorning(`${year}-01-01`), horizonMonths: 3 });
    expect(meetings.find((o) => o.slotKey === slot)).toMatchObject({ date, needsDecision, provisional: false });
  });

  it('shows 2028-01-26 (Lunar New Year, no office calendar yet) as provisional', () => {
    const meetings = created({ series: everyMonth('nearest-working-day-same-week'), now: taipeiMorning('2027-12-01'), horizonMonths: 3 });
    expect(meetings.find((o) => o.slotKey === '2028-01')).toMatchObject({ date: '2028-01-26', provisional: true, needsDecision: false });
  });

  it('rotates the chair social → police → health → education from the anchor, one per held meeting', () => {
    const chairs = created({ now: taipeiMorning('2023-01-02') })
      .slice(0, 5)
      .map((o) => o.chairUnitId);
    expect(chairs).toEqual([
      'social-child-protection',
      'police-women-children',
      'health-bureau',
      'education-department',
      'social-child-protection',
    ]);
  });

  it('after a cancellation, the unit keeps its turn and every later chair that moves is reported', () => {
    const now = taipeiMorning('2023-01-02');
    const stored = applyChanges([], plan({ now }));
    const cancelMarch: OccurrenceOverride = {
      seriesId: caseConference.id,
      slotKey: '2023-03',
      cancelled: true,
      reason: '颱風停止上班',
      updatedBy: 't',
      updatedAt: now.toString(),
    };
    const result = plan({ now, stored, overrides: [cancelMarch] });
    const after = applyChanges(stored, result);
    expect(after.find((o) => o.slotKey === '2023-03')).toMatchObject({ status: 'cancelled', sequence: 1 });
    expect(after.find((o) => o.slotKey === '2023-04')?.chairUnitId).toBe('police-women-children'); // police kept its turn
    expect(result.chairChanges[0]).toEqual({
      slotKey: '2023-04',
      date: '2023-04-26',
      from: 'health-bureau',
      to: 'police-women-children',
      cause: 'cancellation',
    });
    // What the units are told is stored on the meeting, with the cancelled meeting named.
    expect(after.find((o) => o.slotKey === '2023-04')?.chairChange).toEqual({
      fromUnitId: 'health-bureau',
      cause: 'cancellation',
      cancelledDate: '2023-03-22',
      changedAt: now.toString(),
    });
    // Every later meeting of the horizon moves one unit back in the roster.
    expect(result.chairChanges.map((c) => c.slotKey)).toEqual([
      '2023-04',
      '2023-05',
      '2023-06',
      '2023-07',
      '2023-08',
      '2023-09',
      '2023-10',
      '2023-11',
      '2023-12',
    ]);
    result.chairChanges.slice(1).forEach((change, i) => expect(change.to).toBe(result.chairChanges[i]!.from));
  });

  it('a move changes the date and raises SEQUENCE but never the chair', () => {
    const now = taipeiMorning('2023-01-02');
    const stored = applyChanges([], plan({ now }));
    const move: OccurrenceOverride = {
      seriesId: caseConference.id,
      slotKey: '2023-03',
      date: '2023-03-29',
      reason: '與其他會議衝突',
      updatedBy: 't',
      updatedAt: now.toString(),
    };
    const result = plan({ now, stored, overrides: [move] });
    expect(result.changes).toHaveLength(1);
    const change = result.changes[0]!;
    expect(change.kind === 'update' && change.after).toMatchObject({
      date: '2023-03-29',
      sequence: 1,
      chairUnitId: 'police-women-children',
      placementNote: '與其他會議衝突',
    });
    expect(result.chairChanges).toEqual([]);
  });

  it('never rewrites a meeting that has already taken place', () => {
    const stored = applyChanges([], plan({ now: taipeiMorning('2023-01-02') }));
    const cancelFebruary: OccurrenceOverride = {
      seriesId: caseConference.id,
      slotKey: '2023-02',
      cancelled: true,
      reason: 'late',
      updatedBy: 't',
      updatedAt: '',
    };
    const later = plan({ now: taipeiMorning('2023-03-01'), stored, overrides: [cancelFebruary] });
    expect(later.changes.filter((c) => c.kind === 'update' && c.before.slotKey === '2023-02')).toEqual([]);
  });

  it('a fixed chair stays with its unit whatever happens', () => {
    const employment = { ...caseConference, chair: { kind: 'fixed' as const, unitId: 'health-bureau' } };
    expect(new Set(created({ series: employment, now: taipeiMorning('2023-01-02') }).map((o) => o.chairUnitId))).toEqual(
      new Set(['health-bureau']),
    );
  });
});
