// The annual plan's rows as the county writes them, and the names Excel will accept for its sheets.
import { describe, expect, it } from 'vitest';
import { neutralizeFormula } from '../../../functions/documents/annual-plan-csv.ts';
import { hasMeetings } from '../../../functions/documents/annual-plan-document.ts';
import { sheetName } from '../../../functions/documents/annual-plan-xlsx.ts';
import { countyPlan } from '../../support/documents/document-fixtures.ts';

describe('annualPlanDocument', () => {
  it('numbers the meetings that take place and marks the cancelled one', () => {
    const [caseConference] = countyPlan(2026).series;
    expect(caseConference!.rows.map((r) => `${r.number} ${r.date}`)).toEqual([
      '1 2/25(三)',
      '2 3/25(三)',
      '3 4/22(三)',
      '4 5/27(三)',
      '5 6/24(三)',
      '6 7/22(三)',
      '— 8/26(三)',
      '7 9/23(三)',
      '8 10/28(三)',
      '9 11/25(三)',
      '10 12/23(三)',
    ]);
    expect(caseConference).toMatchObject({
      held: 10,
      cancelled: 1,
      provisional: 0,
      invitedCount: 6,
      chairPolicy: '輪流主持（社政、警政、衛政、教育）',
    });
  });

  it('names a fixed chair with its title and marks every date of an unpublished year provisional', () => {
    const plan = countyPlan(2027);
    expect(plan.title).toBe('嘉義縣116年度社會安全網會議年度計畫');
    expect(plan.series.find((s) => s.id === 'social-labour-employment-coordination')!.chairPolicy).toBe('嘉義縣政府 秘書長室 秘書長');
    expect(plan.series.every((s) => s.rows.every((r) => r.provisional && r.remarks === '日期暫定（辦公日曆未公布）'))).toBe(true);
    expect(hasMeetings(plan)).toBe(true);
  });
});

describe('sheetName', () => {
  it('keeps a valid name, replaces characters Excel forbids, cuts at 31 and never repeats', () => {
    expect(sheetName('在地評估小組會議（兒少家外安置）', new Set())).toBe('在地評估小組會議（兒少家外安置）');
    expect(sheetName('社政/警政: [聯繫]?*', new Set())).toBe('社政_警政_ _聯繫___');
    const long = '一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五';
    expect(sheetName(long, new Set())).toHaveLength(31);
    expect(sheetName('總覽', new Set(['總覽']))).toBe('總覽_2');
    expect(sheetName(long, new Set([long.slice(0, 31)]))).toBe(`${long.slice(0, 29)}_2`);
  });
});

describe('neutralizeFormula', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+886', "'+886"],
    ['-5', "'-5"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['下午2時', '下午2時'],
    ['—', '—'],
    ['a=b', 'a=b'],
  ])('%j → %j', (cell, expected) => expect(neutralizeFormula(cell)).toBe(expected));
});
