import { describe, expect, it } from 'vitest';
import { checkMinutes } from '../../../functions/core/minutes/minutes-rules.ts';
import type { MinutesContent } from '../../../functions/core/minutes/minutes-schema.ts';
import { caseConference, completeMinutes, config, meetingDate, placementPanel } from './minutes-fixtures.ts';

const panelMembers = config.units.find((u) => u.id === 'placement-panel')!.contacts.map((c) => c.id);
const problemsOf = (minutes: MinutesContent, purpose: 'draft' | 'submit' = 'draft', series = caseConference) =>
  checkMinutes(minutes, { config, series, meetingDate, purpose });

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
      followUpForms: [
        {
          placementType: 'foster' as const,
          ownerUnitId: 'social-child-welfare',
          formsOwed: 3,
          dueDate: '2026-07-20',
          status: 'owed' as const,
        },
      ],
    };
    expect(check({ ...completeMinutes(), placementReview: review })).toEqual(['placementReview']);

    const panelMinutes: MinutesContent = {
      attendance: [
        { unitId: 'social-child-welfare', present: true, names: ['科長'] },
        { unitId: 'placement-panel', present: true, names: [], members: panelMembers.map((contactId) => ({ contactId, present: true })) },
      ],
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

  it('words every problem in zh-TW for the chair, without internal ids', () => {
    const minutes: MinutesContent = {
      attendance: [{ unitId: 'health-bureau', present: true, names: [] }],
      summary: '',
      resolutions: [],
      actionItems: [{ description: '回報', ownerUnitId: 'no-such-unit', dueDate: '2026-03-20', status: 'open' }],
    };
    const problems = problemsOf(minutes, 'submit');
    for (const problem of problems) {
      expect(problem.zh).toMatch(/[\u4e00-\u9fff]/u);
      expect(problem.zh).not.toMatch(/[a-z]+-[a-z]+/);
    }
    expect(problems.find((p) => p.path === 'actionItems.0.dueDate')?.zh).toBe(
      '完成期限不可早於會議當天 115年3月25日（星期三），也不可晚於兩年後。',
    );
    expect(problems.find((p) => p.path === 'actionItems.0.ownerUnitId')?.zh).toBe('請選擇負責單位。');
    expect(problems.find((p) => p.path === 'attendance.0.names')?.zh).toBe('已勾選「出席」，請填寫至少一位出席人員。');
    expect(problems.filter((p) => p.path === 'attendance').map((p) => p.unitId)).toEqual(
      caseConference.invitedUnitIds.filter((id) => id !== 'health-bureau'),
    );
  });

  describe('a committee (the placement panel\u2019s nine members)', () => {
    const panelDraft = (members: Array<{ contactId: string; present: boolean }>): MinutesContent => ({
      attendance: [
        { unitId: 'social-child-welfare', present: true, names: ['科長'] },
        { unitId: 'placement-panel', present: members.some((m) => m.present), names: [], members },
      ],
      summary: '審查提案。',
      resolutions: [],
      actionItems: [],
      placementReview: { proposals: [{ placementType: 'foster', caseCount: 1 }], followUpForms: [] },
    });

    it('lets a draft mark some members, and asks for every member on submission', () => {
      const some = panelDraft(panelMembers.slice(0, 4).map((contactId) => ({ contactId, present: true })));
      expect(check(some, 'draft', placementPanel)).toEqual([]);
      const problems = problemsOf(some, 'submit', placementPanel);
      expect(problems.map((p) => [p.path, p.zh])).toEqual([['attendance.1.members', '請為每位委員勾選出席或缺席（尚有 5 位未勾選）。']]);
      const all = panelDraft(panelMembers.map((contactId, i) => ({ contactId, present: i < 3 })));
      expect(check(all, 'submit', placementPanel)).toEqual([]);
    });

    it('refuses a member who is not on the committee', () => {
      expect(check(panelDraft([{ contactId: 'police-wc-leader', present: true }]), 'draft', placementPanel)).toEqual([
        'attendance.1.members',
      ]);
    });
  });

  it('asks who owes each follow-up form when the minutes are submitted', () => {
    const panelMinutes: MinutesContent = {
      attendance: [
        { unitId: 'social-child-welfare', present: true, names: ['科長'] },
        { unitId: 'placement-panel', present: true, names: [], members: panelMembers.map((contactId) => ({ contactId, present: true })) },
      ],
      summary: '審查提案。',
      resolutions: [],
      actionItems: [],
      placementReview: {
        proposals: [{ placementType: 'foster', caseCount: 2 }],
        followUpForms: [{ placementType: 'foster', formsOwed: 2, dueDate: '2026-07-08', status: 'owed' }],
      },
    };
    expect(check(panelMinutes, 'draft', placementPanel)).toEqual([]);
    expect(problemsOf(panelMinutes, 'submit', placementPanel).map((p) => [p.path, p.zh])).toEqual([
      ['placementReview.followUpForms.0.ownerUnitId', '請選擇應繳交成效追蹤表的單位。'],
    ]);
  });
});
