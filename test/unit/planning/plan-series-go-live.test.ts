// A county goes live on a date, and its rotation starts at a slot. Before either, nothing is
// planned: no invitation to a meeting a week after the first run, and no meeting before the
// anchor that would make the first unit chair twice in a row.
import { describe, expect, it } from 'vitest';
import { planSeries } from '../../../functions/core/planning/plan-series.ts';
import type { SeriesDefinition } from '../../../functions/core/series/county-config.ts';
import { caseConference, officeCalendar, taipeiMorning, testUid } from '../../support/planning-fixtures.ts';

const plan = (series: SeriesDefinition, now: string) =>
  planSeries({ series, calendar: officeCalendar, overrides: [], stored: [], horizonMonths: 6, newUid: testUid, now: taipeiMorning(now) })
    .changes.flatMap((c) => (c.kind === 'create' ? [c.occurrence] : []))
    .sort((a, b) => a.date.localeCompare(b.date));

const rotating = (anchorSlot: string): SeriesDefinition => {
  if (caseConference.chair.kind !== 'rotating') throw new Error('the case conference rotates its chair');
  return { ...caseConference, chair: { ...caseConference.chair, anchorSlot } };
};

describe('a series goes live on its startsOn date', () => {
  it('plans nothing before startsOn: the first meeting is the first one on or after it', () => {
    // Run on 2026-12-01; live from 2027-03-01. The 4th Wednesdays of Feb 2027 (2/24) stay unplanned.
    const series = { ...rotating('2027-03'), startsOn: '2027-03-01' };
    const meetings = plan(series, '2026-12-01');
    expect(meetings[0]?.date).toBe('2027-03-24');
    expect(meetings.every((m) => m.date >= '2027-03-01')).toBe(true);
  });

  it('without startsOn the series is live at once (the first meeting is the next one)', () => {
    const meetings = plan(rotating('2026-02'), '2026-12-01');
    expect(meetings[0]?.date).toBe('2026-12-23');
  });
});

describe('the rotation anchor is where the rotation starts', () => {
  it('gives a meeting before an anchor later than today the turn before the first, so no unit chairs twice in a row', () => {
    // Today 2026-12-01, anchor 2027-03: December 2026 and February 2027 come before the rotation starts.
    const meetings = plan(rotating('2027-03'), '2026-12-01');
    const roster = caseConference.chair.kind === 'rotating' ? caseConference.chair.roster : [];
    const chairOf = (slot: string) => meetings.find((m) => m.slotKey === slot)?.chairUnitId;
    expect(chairOf('2027-03')).toBe(roster[0]);
    expect(chairOf('2027-02')).toBe(roster[roster.length - 1]);
    expect(chairOf('2026-12')).toBe(roster[roster.length - 2]);
    for (let i = 1; i < meetings.length; i++) expect(meetings[i]!.chairUnitId).not.toBe(meetings[i - 1]!.chairUnitId);
  });
});
