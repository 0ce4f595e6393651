// Who has a line on the 簽到表, and what it says before anyone signs.
import { describe, expect, it } from 'vitest';
import { signInCells, signInSheetDocument } from '../../../functions/documents/sign-in-sheet-document.ts';
import { marchMeeting, placementPanel, signInInput } from '../../support/documents/document-fixtures.ts';

describe('signInSheetDocument', () => {
  it('gives each attending answer a line, marks deputies, and keeps a line for units that did not say yes', () => {
    const sheet = signInSheetDocument(signInInput());
    const [present, observers] = sheet.parts;
    expect(present!.heading).toBe('出席人員');
    expect(present!.rows).toEqual([
      { unit: '社會局 兒少保護科', title: '科長', name: '王喆', note: '' },
      { unit: '社會局 兒少保護科', title: '社工督導', name: '陳峯', note: '' },
      { unit: '警察局 婦幼警察隊', title: '副隊長', name: '李大同', note: '代理' },
      { unit: '衛生局 心理健康科', title: '科長', name: '張美玲', note: '' },
      // Not answered: an empty line for whoever the unit sends.
      { unit: '教育處 學生事務及特殊教育科', title: '', name: '', note: '' },
      { unit: '社區心理衛生中心', title: '主任', name: '黃志明', note: '' },
      { unit: '民間兒少福利團體（待填）', title: '', name: '', note: '回覆請假' },
    ]);
    expect(observers).toMatchObject({ heading: '列席人員', rows: [{ unit: '社會局 兒少福利科', name: '吳淑芬' }] });
    expect(sheet).toMatchObject({ time: '115年3月25日（星期三）下午2時', chair: '警察局 婦幼警察隊 隊長' });
  });

  it('adds the requested blank lines under each part, and keeps an empty 列席 part for walk-ins', () => {
    const sheet = signInSheetDocument(signInInput({ observerUnitIds: [], walkInRows: 5 }));
    expect(signInCells(sheet.parts[0]!)).toHaveLength(7 + 5);
    expect(signInCells(sheet.parts[1]!)).toEqual(Array.from({ length: 5 }, () => ['', '', '', '', '']));
  });

  it('gives every named member of a panel a line, answered or not, with declines and deputies noted', () => {
    const sheet = signInSheetDocument(
      signInInput({
        series: placementPanel,
        occurrence: { ...marchMeeting, seriesId: placementPanel.id, chairUnitId: 'social-child-welfare' },
        observerUnitIds: [],
        panelUnitIds: ['placement-panel'],
        answers: [{ unitId: 'placement-panel', name: '精神醫學委員（待填）', attending: false }],
      }),
    );
    const members = sheet.parts[0]!.rows.filter((r) => r.unit === '在地評估小組委員');
    expect(members).toHaveLength(9);
    expect(members.find((m) => m.title === '精神醫學')).toEqual({
      unit: '在地評估小組委員',
      title: '精神醫學',
      name: '精神醫學委員（待填）',
      note: '回覆請假',
    });
    expect(members.filter((m) => m.note === '')).toHaveLength(8);
  });
});
