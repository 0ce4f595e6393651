// The 簽到表 as printed for the door, read back by poppler.
import { describe, expect, it } from 'vitest';
import { loadDocumentFonts } from '../../../functions/documents/document-fonts.ts';
import { signInSheetDocument } from '../../../functions/documents/sign-in-sheet-document.ts';
import { renderSignInSheetPdf } from '../../../functions/documents/sign-in-sheet-pdf.ts';
import { marchMeeting, placementPanel, signInInput } from '../../support/documents/document-fixtures.ts';
import { compact, pdfInfo, pdfText, pdfWords, renderPage, rulesCrossed, wordsWithoutInk } from '../../support/documents/poppler.ts';

const fonts = loadDocumentFonts();

describe('簽到表 PDF', () => {
  it('lists every invited unit with the names from the answers, deputies marked, then the 列席 part', async () => {
    const { pdf, missingCharacters } = await renderSignInSheetPdf(signInSheetDocument(signInInput()), fonts);
    expect(missingCharacters).toEqual([]);
    // pdftotext -layout keeps a table row on one line; a cell that wraps continues on the next.
    const lines = (await pdfText(pdf, { layout: true })).split('\n').map(compact).filter(Boolean);
    expect(lines.slice(0, 8)).toEqual([
      '嘉義縣政府',
      '115年度第二次強化兒少保護跨網絡合作會議',
      '簽到表',
      '開會時間：115年3月25日（星期三）下午2時',
      '開會地點：日安民雄社會福利服務中心（嘉義縣民雄鄉江厝店29之4號）',
      '主持人：警察局婦幼警察隊隊長',
      '紀錄：',
      '出席人員',
    ]);
    // Each row starts a line of its own, in this order.
    const rows = [
      '單位職稱姓名簽名備註',
      '社會局兒少保護科科長王喆',
      '社會局兒少保護科社工督導陳峯',
      '警察局婦幼警察隊副隊長李大同代理',
      '衛生局心理健康科科長張美玲',
      // A unit name too long for its column wraps inside the row.
      '教育處學生事務',
      '社區心理衛生中心主任黃志明',
      '民間兒少福利團體',
      '回覆請假',
      '列席人員',
      '單位職稱姓名簽名備註',
      '社會局兒少福利科科長吳淑芬',
    ];
    let from = 8;
    const at = rows.map((row) => {
      const index = lines.findIndex((line, i) => i >= from && line.startsWith(row));
      if (index >= 0) from = index + 1;
      return index;
    });
    expect(Object.fromEntries(rows.map((row, i) => [`${i} ${row}`, at[i]! >= 0]))).toEqual(
      Object.fromEntries(rows.map((row, i) => [`${i} ${row}`, true])),
    );
    expect((await pdfInfo(pdf)).Pages).toBe('1');
    expect(pdf.byteLength).toBeLessThanOrEqual(200 * 1024);
  });

  it('has ink in every word’s box and a ruled line for every row, blank walk-in rows included', async () => {
    const { pdf } = await renderSignInSheetPdf(signInSheetDocument(signInInput()), fonts);
    expect(await wordsWithoutInk(pdf, 1)).toEqual([]);
    const image = await renderPage(pdf, 1);
    const signatureHeader = (await pdfWords(pdf)).find((w) => w.text === '簽名')!;
    // Down the signature column, right of its header text: 出席 has 7 named rows and 3 blank ones
    // under its header (11 rules below the header text), 列席 1 named and 3 blank (top rule, header
    // rule and 4 row rules).
    expect(rulesCrossed(image, signatureHeader.xMax + 15, signatureHeader.yMax, 841.89 - 60)).toBe(11 + 6);
  });

  it('gives a panel one row per named member', async () => {
    const document = signInSheetDocument(
      signInInput({
        series: placementPanel,
        occurrence: { ...marchMeeting, seriesId: placementPanel.id, chairUnitId: 'social-child-welfare' },
        observerUnitIds: [],
        panelUnitIds: ['placement-panel'],
        answers: [],
      }),
    );
    const { pdf } = await renderSignInSheetPdf(document, fonts);
    const text = compact(await pdfText(pdf));
    for (const field of ['幼兒教育', '特殊教育', '諮商輔導', '犯罪防治', '精神醫學', '早期療育', '職能治療', '兒科醫學', '居家托育督導']) {
      expect(text).toContain(`在地評估小組委員${field}${field}委員（待填）`);
    }
    expect(pdf.byteLength).toBeLessThanOrEqual(200 * 1024);
    for (let page = 1; page <= Number((await pdfInfo(pdf)).Pages); page++) expect(await wordsWithoutInk(pdf, page)).toEqual([]);
  });
});
