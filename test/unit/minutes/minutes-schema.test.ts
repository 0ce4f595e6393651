import { describe, expect, it } from 'vitest';
import {
  maxMinutesBodyBytes,
  minutesContentSchema,
  minutesLimits,
  saveMinutesRequestSchema,
} from '../../../functions/core/minutes/minutes-schema.ts';
import { completeMinutes } from './minutes-fixtures.ts';

const valid = completeMinutes();
const parse = (value: unknown) => minutesContentSchema.safeParse(value);
const paths = (value: unknown) => {
  const result = parse(value);
  return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
};

describe('minutes schema', () => {
  it('accepts complete minutes of a standard meeting', () => {
    expect(parse(valid).success).toBe(true);
  });

  it('accepts an empty draft', () => {
    expect(parse({ attendance: [], summary: '', resolutions: [], actionItems: [] }).success).toBe(true);
  });

  it.each([
    ['at the top', { ...valid, secretNote: 'x' }, ''],
    ['in an attendance entry', { ...valid, attendance: [{ ...valid.attendance[0], phone: '0912' }] }, 'attendance.0'],
    ['in an action item', { ...valid, actionItems: [{ ...valid.actionItems[0], priority: 'high' }] }, 'actionItems.0'],
    ['in the placement review', { ...valid, placementReview: { proposals: [], followUpForms: [], extra: 1 } }, 'placementReview'],
  ])('refuses an unknown field %s', (_where, value, path) => {
    expect(paths(value)).toContain(path);
  });

  it.each([
    ['2026-02-30', 'a day February does not have'],
    ['2026-13-01', 'a thirteenth month'],
    ['2026-4-1', 'no leading zeros'],
    ['115-04-01', 'an ROC year'],
    ['2026-04-01T00:00', 'a time'],
  ])('refuses the due date %s (%s)', (dueDate) => {
    expect(paths({ ...valid, actionItems: [{ ...valid.actionItems[0], dueDate }] })).toContain('actionItems.0.dueDate');
  });

  it('accepts 29 February in a leap year only', () => {
    expect(paths({ ...valid, actionItems: [{ ...valid.actionItems[0], dueDate: '2028-02-29' }] })).toEqual([]);
    expect(paths({ ...valid, actionItems: [{ ...valid.actionItems[0], dueDate: '2027-02-29' }] })).toContain('actionItems.0.dueDate');
  });

  it.each([
    ['summary', { ...valid, summary: '紀'.repeat(minutesLimits.summaryLength + 1) }, 'summary'],
    ['a resolution', { ...valid, resolutions: ['議'.repeat(minutesLimits.resolutionLength + 1)] }, 'resolutions.0'],
    [
      'the number of resolutions',
      { ...valid, resolutions: Array.from({ length: minutesLimits.resolutions + 1 }, () => '決議') },
      'resolutions',
    ],
    [
      'a name',
      { ...valid, attendance: [{ unitId: 'health-bureau', present: true, names: ['名'.repeat(minutesLimits.nameLength + 1)] }] },
      'attendance.0.names.0',
    ],
    [
      'names per unit',
      {
        ...valid,
        attendance: [
          { unitId: 'health-bureau', present: true, names: Array.from({ length: minutesLimits.namesPerUnit + 1 }, (_, i) => `人${i}`) },
        ],
      },
      'attendance.0.names',
    ],
    [
      'an action item',
      { ...valid, actionItems: [{ ...valid.actionItems[0], description: '事'.repeat(minutesLimits.actionItemLength + 1) }] },
      'actionItems.0.description',
    ],
    [
      'the number of action items',
      { ...valid, actionItems: Array.from({ length: minutesLimits.actionItems + 1 }, () => valid.actionItems[0]) },
      'actionItems',
    ],
  ])('limits the size of %s', (_what, value, path) => {
    expect(paths(value)).toContain(path);
  });

  it('refuses control characters but keeps line breaks in prose', () => {
    expect(paths({ ...valid, summary: '第一段\n第二段\r\n\t縮排' })).toEqual([]);
    expect(paths({ ...valid, summary: 'bell\u0007' })).toContain('summary');
    expect(paths({ ...valid, attendance: [{ unitId: 'health-bureau', present: true, names: ['王\n小明'] }] })).toContain(
      'attendance.0.names.0',
    );
  });

  it('keeps a <script> as text: the schema does not judge markup, the page escapes it', () => {
    expect(paths({ ...valid, resolutions: ['<script>alert(1)</script>'] })).toEqual([]);
  });

  it('takes one proposal and one follow-up form per placement type', () => {
    const proposals = [
      { placementType: 'foster', caseCount: 2 },
      { placementType: 'foster', caseCount: 1 },
    ];
    expect(paths({ ...valid, placementReview: { proposals, followUpForms: [] } })).toContain('placementReview.proposals');
    expect(paths({ ...valid, placementReview: { proposals: [{ placementType: 'adoption', caseCount: 1 }], followUpForms: [] } })).toContain(
      'placementReview.proposals.0.placementType',
    );
    expect(paths({ ...valid, placementReview: { proposals: [{ placementType: 'kinship', caseCount: -1 }], followUpForms: [] } })).toContain(
      'placementReview.proposals.0.caseCount',
    );
  });

  it('needs an expected version with every save, and nothing else beside the minutes', () => {
    expect(saveMinutesRequestSchema.safeParse({ minutes: valid }).success).toBe(false);
    expect(saveMinutesRequestSchema.safeParse({ expectedVersion: 0, minutes: valid }).success).toBe(true);
    expect(saveMinutesRequestSchema.safeParse({ expectedVersion: 0, minutes: valid, state: 'approved' }).success).toBe(false);
    expect(saveMinutesRequestSchema.safeParse({ expectedVersion: 1.5, minutes: valid }).success).toBe(false);
  });

  it('fits the largest valid body in one DynamoDB item, with room for the head', () => {
    expect(maxMinutesBodyBytes).toBeLessThan((400 * 1024) / 2);
  });
});
