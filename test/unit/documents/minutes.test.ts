// The 會議紀錄 as filed: read back by poppler (PDF) and jszip + saxes (ODT). An approved version
// is fixed, so every export of it must be byte-identical, on any machine.
import { describe, expect, it } from 'vitest';
import { loadDocumentFonts } from '../../../functions/documents/document-fonts.ts';
import { minutesDocument } from '../../../functions/documents/minutes-document.ts';
import { renderMinutesOdt } from '../../../functions/documents/minutes-odt.ts';
import { renderMinutesPdf } from '../../../functions/documents/minutes-pdf.ts';
import { approvedMarchMinutes, marchMeeting, minutesInput, placementPanel } from '../../support/documents/document-fixtures.ts';
import { readOdt } from '../../support/documents/odt-reader.ts';
import { compact, pdfInfo, pdfText, positionsInOrder, wordsWithoutInk } from '../../support/documents/poppler.ts';
import { minutesHashes } from '../../support/documents/render-minutes-hashes.ts';
import { spawnTs, finished } from '../../support/processes.ts';

const fonts = loadDocumentFonts();

/**
 * The approved fixture minutes as a PDF, rendered once for the tests that only read it (a render is
 * about a second of CPU); the test of byte-identical renders renders on its own.
 */
let approvedPdf: ReturnType<typeof renderMinutesPdf> | undefined;
const approved = () => (approvedPdf ??= renderMinutesPdf(minutesDocument(minutesInput()), fonts));

/** The hashes a separate node process computes with TZ set to `zone` (started from its prebuilt bundle, not tsx). */
async function hashesIn(zone: string): Promise<unknown> {
  const child = spawnTs('test/support/processes/print-minutes-hashes.ts', [], { ...process.env, TZ: zone });
  const { code, stdout, stderr } = await finished(child);
  expect(code, stderr).toBe(0);
  return JSON.parse(stdout) as unknown;
}

/** The parts of the minutes, in order, as the text layer must give them (spaces removed). */
const minutesInOrder = [
  '密本紀錄含個案資料，限業務相關人員閱覽',
  '嘉義縣政府',
  '115年度第二次強化兒少保護跨網絡合作會議紀錄',
  '壹、會議名稱：115年度第二次強化兒少保護跨網絡合作會議',
  '貳、時間：115年3月25日（星期三）下午2時',
  '參、地點：日安民雄社會福利服務中心（嘉義縣民雄鄉江厝店29之4號）',
  '肆、主持人：警察局婦幼警察隊隊長',
  '伍、紀錄：林志堃',
  '陸、出席（共4單位5人）：',
  '社會局兒少保護科：王喆、陳峯',
  '警察局婦幼警察隊：李大同（代理）',
  '衛生局心理健康科：張美玲',
  '社區心理衛生中心：黃志明',
  '柒、列席（共1單位1人）：',
  '社會局兒少福利科：吳淑芬',
  '捌、請假（共1單位）：',
  '民間兒少福利團體（待填）',
  '玖、缺席（共1單位）：',
  '教育處學生事務及特殊教育科',
  '拾、報告事項：',
  '一、上次會議決議事項均已辦理完竣，解除列管。',
  '二、本月新增提報個案3案，依分工完成評估。',
  '拾壹、討論事項：',
  '案由一：高風險家庭個案聯合訪視分工案',
  '決議：請警政與社政於下次會議前完成聯合訪視，並於會中報告。',
  '案由二：心理諮商資源轉介案',
  '決議：衛政提供心理諮商資源清單，送各網絡單位參考。',
  '拾貳、臨時動議：',
  '案由一：颱風季節會議改期通知方式案',
  '決議：遇停止上班時由幕僚以電子郵件及電話通知，另定期召開。',
  '拾參、追蹤事項：',
];

const found = (text: string, needles: readonly string[]) => {
  const at = positionsInOrder(text, needles);
  return Object.fromEntries(needles.map((needle, i) => [needle, at[i]! >= 0]));
};
const allFound = (needles: readonly string[]) => Object.fromEntries(needles.map((n) => [n, true]));

describe('會議紀錄 PDF', () => {
  it('gives every part in Chinese, in order, with ink in every word, within 60 KB + 0.5 KB per distinct character', async () => {
    const { pdf, missingCharacters } = await approved();
    expect(missingCharacters).toEqual([]);
    const text = await pdfText(pdf);
    expect(found(compact(text), minutesInOrder)).toEqual(allFound(minutesInOrder));
    // The action items table, row by row, and the closing line after it.
    const layout = compact(await pdfText(pdf, { layout: true }));
    const table = [
      '項次追蹤事項主責單位完成期限辦理情形',
      '完成聯合訪視並於下次會議報',
      '1警察局婦幼警察隊115年4月15日追蹤中',
      '2提供心理諮商資源清單衛生局心理健康科115年4月1日已完成',
      '拾肆、散會時間：下午4時10分',
    ];
    expect(found(layout, table)).toEqual(allFound(table));

    const pages = Number((await pdfInfo(pdf)).Pages);
    for (let page = 1; page <= pages; page++) expect(await wordsWithoutInk(pdf, page), `page ${page}`).toEqual([]);
    const distinct = new Set(compact(text)).size;
    expect(pdf.byteLength).toBeLessThanOrEqual(60 * 1024 + 512 * distinct);
  });

  it('carries the approval as its date, a fixed producer, the version in every footer', async () => {
    const { pdf } = await approved();
    const info = await pdfInfo(pdf);
    expect(info).toMatchObject({ Producer: 'safetynet-meetings documents', Title: '115年度第二次強化兒少保護跨網絡合作會議紀錄' });
    // pdfinfo prints dates in the machine's zone; the instant is 2026-03-30 06:00 UTC.
    expect(new Date(info.CreationDate!).toISOString()).toBe('2026-03-30T06:00:00.000Z');
    const text = compact(await pdfText(pdf));
    expect(text.match(/第4版，115年3月30日核定/g)).toHaveLength(Number(info.Pages));
  });

  it('renders an approved version byte-identical every time, in any time zone, and a new version differently', async () => {
    const here = await minutesHashes();
    expect(await minutesHashes()).toEqual(here);
    // Lambda runs in UTC; UTC+14 has a different calendar day from Taipei for part of every day.
    const zones = ['UTC', 'Pacific/Kiritimati'];
    const elsewhere = await Promise.all(zones.map(hashesIn));
    elsewhere.forEach((hashes, i) => expect(hashes, zones[i]).toEqual(here));
    const next = minutesDocument(minutesInput({ head: { ...approvedMarchMinutes, version: 5 } }));
    const { pdf } = await renderMinutesPdf(next, fonts);
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(pdf).digest('hex')).not.toBe(here.pdf);
  });

  it('marks minutes that are not approved as a draft', async () => {
    const draft = minutesDocument(
      minutesInput({ head: { ...approvedMarchMinutes, state: 'submitted', approvedAt: undefined, updatedAt: '2026-03-27T02:00:00Z' } }),
    );
    const text = compact(await pdfText((await renderMinutesPdf(draft, fonts)).pdf));
    expect(text).toContain('115年度第二次強化兒少保護跨網絡合作會議紀錄（草稿）');
    expect(text).toContain('第4版，115年3月27日存檔（未核定）');
  });

  it('records the placement panel’s review by placement type', async () => {
    const document = minutesDocument(
      minutesInput({
        series: placementPanel,
        occurrence: { ...marchMeeting, seriesId: placementPanel.id, chairUnitId: 'social-child-welfare' },
        head: {
          ...approvedMarchMinutes,
          minutes: {
            attendance: [
              { unitId: 'social-child-welfare', present: true, names: ['吳淑芬'] },
              { unitId: 'placement-panel', present: true, names: ['委員甲', '委員乙', '委員丙'] },
            ],
            summary: '審查本期安置提案。',
            resolutions: ['寄養安置提案2案同意安置。'],
            actionItems: [],
            placementReview: {
              proposals: [
                { placementType: 'foster', caseCount: 2 },
                { placementType: 'kinship', caseCount: 1 },
              ],
              followUpForms: [{ placementType: 'foster', formsOwed: 2, dueDate: '2026-07-01', status: 'owed' }],
            },
          },
        },
        observers: [],
        excusedUnitIds: [],
        deputies: [],
        motions: [],
      }),
    );
    const text = compact(await pdfText((await renderMinutesPdf(document, fonts)).pdf));
    const expected = [
      '依安置類型審查：',
      '一、提案：寄養安置：提案2案；親屬安置：提案1案',
      '二、成效追蹤表：寄養安置：成效追蹤表2份，115年7月1日前繳交（待繳交）',
      '臨時動議：無',
      '追蹤事項：無',
      '散會時間：下午4時10分',
    ];
    expect(found(text, expected)).toEqual(allFound(expected));
  });
});

describe('會議紀錄 ODT', () => {
  it('is an OpenDocument package with the same parts in order and the action items as a table', async () => {
    const read = await readOdt(renderMinutesOdt(minutesDocument(minutesInput())));
    expect(read.mimetypeFirstAndStored).toBe(true);
    const text = compact(read.paragraphs.join(''));
    expect(found(text, minutesInOrder)).toEqual(allFound(minutesInOrder));
    expect(read.tables).toEqual([
      [
        ['項次', '追蹤事項', '主責單位', '完成期限', '辦理情形'],
        ['1', '完成聯合訪視並於下次會議報告', '警察局 婦幼警察隊', '115年4月15日', '追蹤中'],
        ['2', '提供心理諮商資源清單', '衛生局 心理健康科', '115年4月1日', '已完成'],
      ],
    ]);
    expect(text).toContain('拾肆、散會時間：下午4時10分');
  });
});
