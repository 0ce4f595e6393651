import { describe, expect, it } from 'vitest';
import { parseMinutesForm, splitNames } from '../../../functions/core/minutes/minutes-form.ts';
import { minutesContentSchema } from '../../../functions/core/minutes/minutes-schema.ts';

const form = (fields: Record<string, string>) => parseMinutesForm(new URLSearchParams(fields));

describe('the chair form, turned into the API shape', () => {
  it('turns a filled form into minutes the schema accepts', () => {
    const parsed = form({
      intent: 'submit',
      expectedVersion: '3',
      'attendance.0.unitId': 'health-bureau',
      'attendance.0.present': 'present',
      'attendance.0.names': '王科長\n李社工',
      'attendance.1.unitId': 'child-welfare-ngo',
      'attendance.1.present': 'absent',
      'attendance.1.names': '',
      'attendance.2.unitId': 'police-women-children',
      'attendance.2.names': '',
      summary: '摘要',
      'resolutions.0': '決議一',
      'resolutions.1': '   ',
      'actionItems.0.description': '回報',
      'actionItems.0.ownerUnitId': 'health-bureau',
      'actionItems.0.dueDate': '2026-04-01',
      'actionItems.0.status': 'open',
      'actionItems.1.description': '',
      'actionItems.1.ownerUnitId': '',
      'actionItems.1.dueDate': '',
      'actionItems.1.status': 'open',
    });
    expect(parsed).toEqual({
      ok: true,
      intent: 'submit',
      body: {
        expectedVersion: 3,
        minutes: {
          // A unit with neither present nor absent chosen is left out of a draft.
          attendance: [
            { unitId: 'health-bureau', present: true, names: ['王科長', '李社工'] },
            { unitId: 'child-welfare-ngo', present: false, names: [] },
          ],
          summary: '摘要',
          resolutions: ['決議一'],
          actionItems: [{ description: '回報', ownerUnitId: 'health-bureau', dueDate: '2026-04-01', status: 'open' }],
        },
      },
    });
    expect(parsed.ok && minutesContentSchema.safeParse(parsed.body.minutes).success).toBe(true);
  });

  it('reads the placement review fields by placement type', () => {
    const parsed = form({
      intent: 'save',
      expectedVersion: '0',
      summary: '',
      'proposals.foster.caseCount': '3',
      'proposals.kinship.caseCount': '',
      'followUp.foster.formsOwed': '3',
      'followUp.foster.dueDate': '2026-07-20',
      'followUp.foster.status': 'owed',
      'followUp.group-home.formsOwed': '',
      'followUp.group-home.dueDate': '',
      'followUp.group-home.status': 'owed',
    });
    expect(parsed.ok && parsed.body.minutes.placementReview).toEqual({
      proposals: [{ placementType: 'foster', caseCount: 3 }],
      followUpForms: [{ placementType: 'foster', formsOwed: 3, dueDate: '2026-07-20', status: 'owed' }],
    });
  });

  it.each([
    [{ intent: 'save', expectedVersion: '0', isAdmin: 'yes' }, 'isAdmin: unknown field'],
    [{ intent: 'save', expectedVersion: '0', 'attendance.0.role': 'x' }, 'attendance.0.role: unknown field'],
    [{ intent: 'save', expectedVersion: '0', 'resolutions.100': 'x' }, 'resolutions.100: unknown field'],
    [{ intent: 'save', expectedVersion: '0', 'proposals.adoption.caseCount': '1' }, 'proposals.adoption.caseCount: unknown field'],
    [{ intent: 'approve', expectedVersion: '0' }, 'intent: must be "save" or "submit"'],
  ])('refuses a field the page does not have: %o', (fields, problem) => {
    expect(form(fields)).toMatchObject({ ok: false, problems: [problem] });
  });

  it('refuses a field sent twice', () => {
    const fields = new URLSearchParams([
      ['intent', 'save'],
      ['expectedVersion', '0'],
      ['summary', 'a'],
      ['summary', 'b'],
    ]);
    expect(parseMinutesForm(fields)).toMatchObject({ ok: false, problems: ['summary: sent twice'] });
  });

  it('keeps what the known fields said when it refuses a form, so the page can show them again', () => {
    const parsed = form({ intent: 'save', expectedVersion: '0', summary: '已打好的摘要', 'resolutions.0': '決議一', stray: 'x' });
    expect(parsed).toMatchObject({
      ok: false,
      problems: ['stray: unknown field'],
      body: { minutes: { summary: '已打好的摘要', resolutions: ['決議一'] } },
    });
  });

  it('reads a committee\u2019s attendance member by member; the unit is present when any member is', () => {
    const parsed = form({
      intent: 'save',
      expectedVersion: '0',
      summary: '',
      'attendance.0.unitId': 'social-child-welfare',
      'attendance.0.present': 'present',
      'attendance.0.names': '科長',
      'attendance.1.unitId': 'placement-panel',
      'attendance.1.members.panel-psychiatry': 'present',
      'attendance.1.members.panel-paediatrics': 'absent',
    });
    expect(parsed.ok && parsed.body.minutes.attendance).toEqual([
      { unitId: 'social-child-welfare', present: true, names: ['科長'] },
      {
        unitId: 'placement-panel',
        present: true,
        names: [],
        members: [
          { contactId: 'panel-psychiatry', present: true },
          { contactId: 'panel-paediatrics', present: false },
        ],
      },
    ]);
    expect(parsed.ok && minutesContentSchema.safeParse(parsed.body.minutes).success).toBe(true);
  });

  it('reads who owes each follow-up form, and leaves out a type with only the date the page offered', () => {
    const parsed = parseMinutesForm(
      new URLSearchParams({
        intent: 'save',
        expectedVersion: '0',
        summary: '',
        'followUp.foster.formsOwed': '2',
        'followUp.foster.ownerUnitId': 'social-child-welfare',
        'followUp.foster.dueDate': '2026-07-08',
        'followUp.foster.status': 'owed',
        'followUp.kinship.formsOwed': '',
        'followUp.kinship.ownerUnitId': 'social-child-welfare',
        'followUp.kinship.dueDate': '2026-07-08',
        'followUp.kinship.status': 'owed',
        // A date the chair changed counts, so that the missing count is asked for rather than the row dropped.
        'followUp.group-home.formsOwed': '',
        'followUp.group-home.ownerUnitId': '',
        'followUp.group-home.dueDate': '2026-06-30',
        'followUp.group-home.status': 'owed',
      }),
      { followUpDueDate: '2026-07-08' },
    );
    expect(parsed.ok && parsed.body.minutes.placementReview).toEqual({
      proposals: [],
      followUpForms: [
        { placementType: 'foster', ownerUnitId: 'social-child-welfare', formsOwed: 2, dueDate: '2026-07-08', status: 'owed' },
        { placementType: 'group-home', formsOwed: '', dueDate: '2026-06-30', status: 'owed' },
      ],
    });
  });

  it('splits names typed one per line or with 、 and commas', () => {
    expect(splitNames('王小明、李大華, 陳美\n\n林一，張二')).toEqual(['王小明', '李大華', '陳美', '林一', '張二']);
  });
});
