// What the 會議紀錄 says, from one stored version of the minutes.
import { describe, expect, it } from 'vitest';
import { attendanceHeading, minutesDocument, minutesTitle, versionLine } from '../../../functions/documents/minutes-document.ts';
import { formalNumber, minutesSections } from '../../../functions/documents/minutes-sections.ts';
import { approvedMarchMinutes, minutesInput } from '../../support/documents/document-fixtures.ts';

describe('minutesDocument', () => {
  it('sorts attendance into 出席, 列席, 請假 and 缺席, counting units and people, deputies marked', () => {
    const document = minutesDocument(minutesInput());
    expect(document.attendance.map(attendanceHeading)).toEqual([
      '出席（共4單位5人）',
      '列席（共1單位1人）',
      '請假（共1單位）',
      '缺席（共1單位）',
    ]);
    expect(document.attendance[0]!.lines).toContainEqual({ unit: '警察局 婦幼警察隊', names: ['李大同（代理）'] });
    expect(document.attendance[2]!.lines).toEqual([{ unit: '民間兒少福利團體（待填）', names: [] }]);
    expect(document.attendance[3]!.lines).toEqual([{ unit: '教育處 學生事務及特殊教育科', names: [] }]);
  });

  it('says 未記載 for what the stored record does not hold, and numbers unnamed 討論事項', () => {
    const document = minutesDocument(
      minutesInput({
        recorder: undefined,
        adjournedAt: undefined,
        observers: undefined,
        excusedUnitIds: undefined,
        discussionSubjects: undefined,
      }),
    );
    expect(document).toMatchObject({ recorder: '未記載', adjournedAt: '未記載' });
    // Without 請假 information every absent unit is 缺席.
    expect(document.attendance.map(attendanceHeading)).toEqual(['出席（共4單位5人）', '列席', '請假', '缺席（共2單位）']);
    const blocks = minutesSections(document);
    expect(blocks).toContainEqual({ kind: 'item', prefix: '案由一：', text: '第一案', level: 1 });
    expect(blocks).toContainEqual({ kind: 'field', label: '柒、列席', value: '無' });
  });

  it('turns the summary into one 報告事項 per paragraph and action items into owner and ROC due date', () => {
    const document = minutesDocument(minutesInput());
    expect(document.reports).toEqual(['上次會議決議事項均已辦理完竣，解除列管。', '本月新增提報個案3案，依分工完成評估。']);
    expect(document.actionItems).toEqual([
      { description: '完成聯合訪視並於下次會議報告', owner: '警察局 婦幼警察隊', due: '115年4月15日', status: '追蹤中' },
      { description: '提供心理諮商資源清單', owner: '衛生局 心理健康科', due: '115年4月1日', status: '已完成' },
    ]);
    expect(document.adjournedAt).toBe('下午4時10分');
  });

  it('dates an approved version by its approval and a draft by its last save', () => {
    const approved = minutesDocument(minutesInput());
    expect(approved.fixedAt).toBe('2026-03-30T06:00:00Z');
    expect(versionLine(approved)).toBe('第4版，115年3月30日核定');
    expect(minutesTitle(approved)).toBe('115年度第二次強化兒少保護跨網絡合作會議紀錄');

    const draft = minutesDocument(
      minutesInput({ head: { ...approvedMarchMinutes, state: 'draft', approvedAt: undefined, updatedAt: '2026-03-26T17:30:00Z' } }),
    );
    // 17:30 UTC is already the 27th in Taipei.
    expect(versionLine(draft)).toBe('第4版，115年3月27日存檔（未核定）');
    expect(minutesTitle(draft)).toBe('115年度第二次強化兒少保護跨網絡合作會議紀錄（草稿）');
  });

  it('numbers the parts 壹 to 拾肆 in the order of a filed record', () => {
    const labels = minutesSections(minutesDocument(minutesInput())).flatMap((b) =>
      b.kind === 'field' || b.kind === 'heading' ? [b.label] : [],
    );
    expect(labels).toEqual([
      '壹、會議名稱',
      '貳、時間',
      '參、地點',
      '肆、主持人',
      '伍、紀錄',
      '陸、出席（共4單位5人）',
      '柒、列席（共1單位1人）',
      '捌、請假（共1單位）',
      '玖、缺席（共1單位）',
      '拾、報告事項',
      '拾壹、討論事項',
      '拾貳、臨時動議',
      '拾參、追蹤事項',
      '拾肆、散會時間',
    ]);
    expect([1, 10, 11, 20, 24].map(formalNumber)).toEqual(['壹', '拾', '拾壹', '貳拾', '貳拾肆']);
  });
});
