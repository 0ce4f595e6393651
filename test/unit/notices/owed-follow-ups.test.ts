// The next panel's invitation and reminders list the outcome follow-up forms (成效追蹤表) still
// owed (issue 10 §4): by owing unit and placement type, with the due date in ROC, and nothing else.
// Notices leave the county's systems, so what a chair typed about a case never reaches them.
import { describe, expect, it } from 'vitest';
import { renderNotice, type NoticeContext, type OwedFollowUp } from '../../../functions/core/invitations/render-notice.ts';
import type { NoticeKind } from '../../../functions/core/notices/notice.ts';
import { contextFor, march } from './notice-fixtures.ts';

const zhPart = (text: string) => text.slice(0, text.indexOf('----- English -----'));
const enPart = (text: string) => text.slice(text.indexOf('----- English -----'));
const render = (kind: NoticeKind, fields: Partial<NoticeContext> = {}) => renderNotice(kind, contextFor(march, fields));

const owedFollowUps: OwedFollowUp[] = [
  { unitId: 'health-bureau', placementType: 'kinship', dueDate: '2026-03-24' },
  { unitId: 'police-women-children', placementType: 'foster', dueDate: '2026-03-24' },
];

describe('owed follow-up forms in the next meeting’s notices', () => {
  it.each(['invitation', 'reminder'] as const)('a %s lists each form by unit and placement type, due date in ROC', (kind) => {
    const notice = render(kind, { owedFollowUps });
    const zh = zhPart(notice.text);
    expect(zh).toContain('應繳成效追蹤表：衛生局 心理健康科 — 親屬安置，期限 115年3月24日（星期二）');
    expect(zh).toContain('應繳成效追蹤表：警察局 婦幼警察隊 — 寄養安置，期限 115年3月24日（星期二）');
    expect(zh).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(enPart(notice.text)).toContain('Outcome follow-up form owed: ');
    expect(enPart(notice.text)).toMatch(/Foster care, due Tuesday 24 March 2026/);
    expect(notice.html).toContain('應繳成效追蹤表：衛生局 心理健康科 — 親屬安置');
  });

  it('the invitation’s calendar description lists them too, for whoever reads the meeting in their calendar', () => {
    const notice = render('invitation', { owedFollowUps });
    const unfolded = notice.calendar!.content.replace(/\r\n[ \t]/g, '');
    expect(unfolded).toContain('應繳成效追蹤表');
  });

  it.each(['cancellation', 'chair-duty', 'minutes-due', 'minutes-distributed'] as const)('a %s does not', (kind) => {
    expect(render(kind, { owedFollowUps }).text).not.toContain('成效追蹤表');
  });

  it('nothing owed, no line', () => {
    expect(render('invitation', { owedFollowUps: [] }).text).not.toContain('成效追蹤表');
  });

  it('the earliest due first, whatever order they were found in', () => {
    const text = render('invitation', {
      owedFollowUps: [
        { unitId: 'health-bureau', placementType: 'institutional', dueDate: '2026-03-24' },
        { unitId: 'health-bureau', placementType: 'group-home', dueDate: '2026-02-10' },
      ],
    }).text;
    expect(text.indexOf('團體家庭')).toBeLessThan(text.indexOf('機構安置'));
  });
});
