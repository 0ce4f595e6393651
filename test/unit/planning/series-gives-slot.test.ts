// Which stored meetings a series still gives: exactly those the planner keeps. The secretariat's
// changes refuse the others (change-occurrence.ts), so this must agree with planSeries, which is
// checked here against every series of the default configuration over a year of stored meetings.
import { describe, expect, it } from 'vitest';
import { activeMonthsText, seriesGivesSlot } from '../../../functions/core/planning/series-gives-slot.ts';
import { planSeries } from '../../../functions/core/planning/plan-series.ts';
import { caseConference, config, officeCalendar, taipeiMorning, testUid } from '../../support/planning-fixtures.ts';
import { testOccurrence } from '../../support/test-occurrence.ts';

describe('seriesGivesSlot', () => {
  it.each([
    // The case conference meets February to December (activeMonths), on 4th Wednesdays.
    ['2027-01', false],
    ['2027-02', true],
    ['2027-12', true],
    ['2028-01', false],
    // An ad-hoc session is the secretariat's, never the cadence's to cancel.
    ['adhoc-2027-01-20-1400', true],
  ])('the case conference gives %s: %s', (slotKey, given) => {
    expect(seriesGivesSlot(caseConference, slotKey)).toBe(given);
  });

  it('agrees with the planner: of a year of stored meetings, it cancels exactly those the series does not give', () => {
    const now = taipeiMorning('2026-12-01');
    const months = Array.from({ length: 12 }, (_, i) => `2027-${String(i + 1).padStart(2, '0')}`);
    const notGivenBySeries = new Map<string, string[]>();
    for (const series of config.series) {
      const stored = months.map((slotKey) => testOccurrence({ seriesId: series.id, slotKey, date: `${slotKey}-15` }));
      const plan = planSeries({ series, calendar: officeCalendar, overrides: [], stored, now, horizonMonths: 12, newUid: testUid });
      const cancelled = plan.changes.flatMap((c) => (c.kind === 'update' && c.after.status === 'cancelled' ? [c.after.slotKey] : []));
      const notGiven = months.filter((slotKey) => !seriesGivesSlot(series, slotKey));
      expect({ series: series.id, cancelled }).toEqual({ series: series.id, cancelled: notGiven });
      notGivenBySeries.set(series.id, notGiven);
    }
    // Both answers occur: the case conference loses January; the panel, meeting every four months from March, nine months.
    expect(notGivenBySeries.get(caseConference.id)).toEqual(['2027-01']);
    expect(notGivenBySeries.get('placement-review-panel')).toEqual([
      '2027-01',
      '2027-02',
      '2027-04',
      '2027-05',
      '2027-06',
      '2027-08',
      '2027-09',
      '2027-10',
      '2027-12',
    ]);
  });

  it.each([
    [[2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], '2月至12月'],
    [[3, 9], '3月、9月'],
    [[9, 3, 3], '3月、9月'],
    [[1, 5, 9], '1月、5月、9月'],
    [[7], '7月'],
  ])('names the months %j as 「%s」', (activeMonths, text) => {
    expect(activeMonthsText(activeMonths)).toBe(text);
  });
});
