import { describe, expect, it } from 'vitest';
import { checkMinutes } from '../../../functions/core/minutes/minutes-rules.ts';
import type { MinutesContent } from '../../../functions/core/minutes/minutes-schema.ts';
import { caseConference, completeMinutes, config, meetingDate, placementPanel } from './minutes-fixtures.ts';

const check = (minutes: MinutesContent, purpose: 'draft' | 'submit' = 'draft', series = caseConference) =>
  checkMinutes(minutes, { config, series, meetingDate, purpose }).map((p) => p.path);

describe('minutes rules that need the series and the meeting', () => {
  it('finds nothing wrong with complete minutes, as a draft or submitted', () => {
    expect(check(completeMinutes(), 'draft')).toEqual([]);
    expect(check(completeMinutes(), 'submit')).toEqual([]);
  });

  it('lets a draft leave units, the summary and names out, but not a submission', () => {
    const partial: MinutesContent = {
      attendance: [{ unitId: 'health-bureau', present: true, names: [] }],
      summary: ' ',
      resolutions: [],
      actionItems: [],
    };
    expect(check(partial, 'draft')).toEqual([]);
    const problems = check(partial, 'submit');
    expect(problems.filter((p) => p === 'attendance')).toHaveLength(caseConference.invitedUnitIds.length - 1);
    expect(problems).toContain('summary');
    expect(problems).toContain('attendance.0.names');
  });

  it('takes attendance of invited units only, each once', () => {
    const minutes = completeMinutes();
    minutes.attendance.push(
      { unitId: 'labour-youth-department', present: true, names: ['甲'] },
      { unitId: 'health-bureau', present: false, names: [] },
    );
    expect(check(minutes)).toEqual(['attendance.6.unitId', 'attendance.7.unitId']);
  });

  it.each([
    ['2026-03-24', 'the day before the meeting', false],
    ['2026-03-25', 'the meeting day', true],
    ['2028-03-25', 'two years on', true],
    ['2028-03-26', 'more than two years on (a typo for 2026?)', false],
  ])('checks an action item due %s, %s', (dueDate, _why, ok) => {
    const minutes = completeMinutes();
    minutes.actionItems[0]!.dueDate = dueDate;
    expect(check(minutes)).toEqual(ok ? [] : ['actionItems.0.dueDate']);
  });

  it('needs an action item owner to be a configured unit', () => {
    const minutes = completeMinutes();
    minutes.actionItems[0]!.ownerUnitId = 'no-such-unit';
    expect(check(minutes)).toEqual(['actionItems.0.ownerUnitId']);
  });

  it('records proposals by placement type for the placement review panel only', () => {
    const review = {
      proposals: [{ placementType: 'foster' as const, caseCount: 3 }],
      followUpForms: [{ placementType: 'foster' as const, formsOwed: 3, dueDate: '2026-07-20', status: 'owed' as const }],
    };
    expect(check({ ...completeMinutes(), placementReview: review })).toEqual(['placementReview']);

    const panelMinutes: MinutesContent = {
      attendance: placementPanel.invitedUnitIds.map((unitId) => ({ unitId, present: true, names: ['委員'] })),
      summary: '審查寄養安置提案 3 案。',
      resolutions: [],
      actionItems: [],
    };
    expect(check(panelMinutes, 'submit', placementPanel)).toEqual(['placementReview']);
    expect(check({ ...panelMinutes, placementReview: review }, 'submit', placementPanel)).toEqual([]);
    const late = { ...review, followUpForms: [{ ...review.followUpForms[0]!, dueDate: '2027-03-26' }] };
    expect(check({ ...panelMinutes, placementReview: late }, 'submit', placementPanel)).toEqual([
      'placementReview.followUpForms.0.dueDate',
    ]);
  });
});
