// The county's annual plan as the secretariat files it: the XLSX read back with exceljs (and its
// sheets' XML with jszip, for formulas), the CSV as Excel would open it, the PDF through poppler.
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { annualPlanDocument } from '../../../functions/documents/annual-plan-document.ts';
import { renderAnnualPlanCsv } from '../../../functions/documents/annual-plan-csv.ts';
import { renderAnnualPlanPdf } from '../../../functions/documents/annual-plan-pdf.ts';
import { renderAnnualPlanXlsx } from '../../../functions/documents/annual-plan-xlsx.ts';
import { loadDocumentFonts } from '../../../functions/documents/document-fonts.ts';
import { config, countyPlan } from '../../support/documents/document-fixtures.ts';
import { compact, pdfInfo, pdfText, positionsInOrder, wordsWithoutInk } from '../../support/documents/poppler.ts';

const fonts = loadDocumentFonts();
const caseConferenceUnits =
  '社會局 兒少保護科、警察局 婦幼警察隊、衛生局 心理健康科、教育處 學生事務及特殊教育科、社區心理衛生中心、民間兒少福利團體（待填）';
const seriesSheets = [
  '強化兒少保護跨網絡合作會議',
  '在地評估小組會議（兒少家外安置）',
  '社勞政聯繫會議（就業促進）',
  '社區精神疾病及自殺通報個案研討會議',
  '少輔會外聘督導會議',
];

async function readWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return workbook;
}

const values = (row: ExcelJS.Row) => (row.values as unknown[]).slice(1);

const emptyYear = () =>
  annualPlanDocument({ config, year: 2022, plans: config.series.map((series) => ({ series, meetings: [] })), generatedOn: '2026-03-04' });

describe('annual plan XLSX', () => {
  it('has an overview sheet and one sheet per series in the county’s columns, with ROC dates', async () => {
    const workbook = await readWorkbook(await renderAnnualPlanXlsx(countyPlan(2026)));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['總覽', ...seriesSheets]);

    const overview = workbook.getWorksheet('總覽')!;
    expect(overview.getCell('A1').value).toBe('嘉義縣115年度社會安全網會議年度計畫');
    expect(overview.getCell('A2').value).toBe('115年1月9日製表');
    expect(values(overview.getRow(3))).toEqual([
      '序號',
      '會議名稱',
      '邀請網絡單位',
      '邀請數',
      '主持',
      '場次',
      '取消',
      '日期暫定',
      '工作表',
    ]);
    expect(values(overview.getRow(4))).toEqual([
      1,
      '強化兒少保護跨網絡合作會議',
      caseConferenceUnits,
      6,
      '輪流主持（社政、警政、衛政、教育）',
      10,
      1,
      0,
      seriesSheets[0],
    ]);

    const sheet = workbook.getWorksheet(seriesSheets[0])!;
    expect(sheet.getCell('A1').value).toBe('強化兒少保護跨網絡合作會議 115年度辦理期程');
    expect(values(sheet.getRow(3))).toEqual(['序號', '辦理日期', '會議名稱', '邀請網絡單位', '邀請數', '主持', '時間', '地點', '備註']);
    expect(values(sheet.getRow(4))).toEqual([
      '1',
      '2/25(三)',
      '強化兒少保護跨網絡合作會議',
      caseConferenceUnits,
      6,
      '警察局 婦幼警察隊',
      '下午2時',
      '日安民雄社會福利服務中心',
      '',
    ]);
    // The typhoon day: no 序號, struck through, the reason legible.
    const august = sheet.getRow(10);
    expect(values(august).slice(0, 2)).toEqual(['—', '8/26(三)']);
    expect(august.getCell(9).value).toBe('取消；颱風停止上班');
    expect(august.getCell(2).font.strike).toBe(true);
    expect(august.getCell(9).font.strike).toBeFalsy();
    expect(values(sheet.getRow(11)).slice(0, 2)).toEqual(['7', '9/23(三)']);
    expect(sheet.rowCount).toBe(3 + 11);

    const panel = workbook.getWorksheet(seriesSheets[1])!;
    expect(values(panel.getRow(5)).slice(0, 2)).toEqual(['2', '5/14(四)']);
    expect(panel.getRow(5).getCell(9).value).toBe('臨時加開；個案需求');
  });

  it('shades provisional dates in a year whose office calendar is not published', async () => {
    const workbook = await readWorkbook(await renderAnnualPlanXlsx(countyPlan(2027)));
    const sheet = workbook.getWorksheet(seriesSheets[0])!;
    expect(sheet.getCell('A1').value).toBe('強化兒少保護跨網絡合作會議 116年度辦理期程');
    expect(sheet.getRow(4).getCell(9).value).toBe('日期暫定（辦公日曆未公布）');
    expect(sheet.getRow(4).getCell(2).fill).toMatchObject({ type: 'pattern', pattern: 'solid' });
    expect(values(workbook.getWorksheet('總覽')!.getRow(4)).slice(5, 8)).toEqual([11, 0, 11]);
  });

  it('writes values, never formulas, even for names that look like one', async () => {
    const plan = countyPlan(2026);
    const venue = '=HYPERLINK("https://evil.example","按我")';
    const hostile = { ...plan, series: plan.series.map((s) => ({ ...s, rows: s.rows.map((r) => ({ ...r, venue })) })) };
    const bytes = await renderAnnualPlanXlsx(hostile);
    const zip = await JSZip.loadAsync(bytes);
    const sheets = Object.keys(zip.files).filter((name) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name));
    expect(sheets).toHaveLength(6);
    for (const name of sheets) expect(await zip.file(name)!.async('string')).not.toMatch(/<f[ >]/);
    expect((await readWorkbook(bytes)).getWorksheet(seriesSheets[0])!.getRow(4).getCell(8).value).toBe(venue);
  });

  it('says an empty year is empty instead of giving empty sheets', async () => {
    const workbook = await readWorkbook(await renderAnnualPlanXlsx(emptyYear()));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['總覽']);
    expect(workbook.getWorksheet('總覽')!.getCell('A3').value).toBe('嘉義縣111年度尚無排定之會議。');
    expect(workbook.getWorksheet('總覽')!.rowCount).toBe(3);
  });
});

describe('annual plan CSV', () => {
  it('is UTF-8 with a BOM and CRLF, one header and a line per meeting of every series', () => {
    const plan = countyPlan(2026);
    const csv = renderAnnualPlanCsv(plan);
    expect(csv.startsWith('\uFEFF序號,辦理日期,會議名稱,邀請網絡單位,邀請數,主持,時間,地點,備註\r\n')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = csv.slice(1).split('\r\n').slice(0, -1);
    expect(lines).toHaveLength(1 + plan.series.reduce((sum, s) => sum + s.rows.length, 0));
    expect(lines[1]).toBe(
      `1,2/25(三),強化兒少保護跨網絡合作會議,${caseConferenceUnits},6,警察局 婦幼警察隊,下午2時,日安民雄社會福利服務中心,`,
    );
    expect(lines).toContain(
      `—,8/26(三),強化兒少保護跨網絡合作會議,${caseConferenceUnits},6,教育處 學生事務及特殊教育科,下午2時,日安民雄社會福利服務中心,取消；颱風停止上班`,
    );
  });

  it('neutralises cells Excel would run as formulas', () => {
    const plan = countyPlan(2026);
    const row = plan.series[0]!.rows[0]!;
    const hostile = {
      ...plan,
      series: [
        {
          ...plan.series[0]!,
          rows: [
            { ...row, venue: '=HYPERLINK("https://evil.example","按我")' },
            { ...row, venue: '+886-5-362-0900' },
            { ...row, venue: '-2+3' },
            { ...row, venue: '@SUM(A1:A2)' },
            { ...row, venue: '\t=1+1' },
          ],
        },
      ],
    };
    const venues = renderAnnualPlanCsv(hostile)
      .slice(1)
      .split('\r\n')
      .slice(1, -1)
      .map((line) => line.slice(line.indexOf('下午2時,') + '下午2時,'.length, line.lastIndexOf(',')));
    expect(venues).toEqual([`"'=HYPERLINK(""https://evil.example"",""按我"")"`, "'+886-5-362-0900", "'-2+3", "'@SUM(A1:A2)", "'\t=1+1"]);
  });

  it('says an empty year is empty', () => {
    expect(renderAnnualPlanCsv(emptyYear())).toBe('\uFEFF嘉義縣111年度尚無排定之會議。\r\n');
  });
});

describe('annual plan PDF', () => {
  it('prints the overview and every series’ dates on landscape A4, with ink in every word', async () => {
    const { pdf, missingCharacters } = await renderAnnualPlanPdf(countyPlan(2026), fonts);
    expect(missingCharacters).toEqual([]);
    const info = await pdfInfo(pdf);
    expect(info['Page size']).toMatch(/^841\.\d+ x 595\.\d+ pts/);
    const layout = compact(await pdfText(pdf, { layout: true }));
    const expected = [
      '嘉義縣115年度社會安全網會議年度計畫',
      '總覽',
      '序號會議名稱邀請網絡單位邀請數主持場次',
      '一、強化兒少保護跨網絡合作會議',
      '序號辦理日期時間主持地點備註',
      '12/25(三)下午2時警察局婦幼警察隊日安民雄社會福利服務中心',
      '—8/26(三)下午2時教育處學生事務及特殊教育科日安民雄社會福利服務中心取消；颱風停止上班',
      '79/23(三)下午2時教育處學生事務及特殊教育科',
      '二、在地評估小組會議（兒少家外安置）',
      '25/14(四)下午2時社會局兒少福利科日安民雄社會福利服務中心臨時加開；個案需求',
      '三、社勞政聯繫會議（就業促進）',
      '四、社區精神疾病及自殺通報個案研討會議',
      '五、少輔會外聘督導會議',
    ];
    const at = positionsInOrder(layout, expected);
    expect(Object.fromEntries(expected.map((e, i) => [e, at[i]! >= 0]))).toEqual(Object.fromEntries(expected.map((e) => [e, true])));
    for (let page = 1; page <= Number(info.Pages); page++) expect(await wordsWithoutInk(pdf, page), `page ${page}`).toEqual([]);
  });

  it('prints one sentence for an empty year, and no table', async () => {
    const { pdf } = await renderAnnualPlanPdf(emptyYear(), fonts);
    const text = compact(await pdfText(pdf));
    expect(text).toContain('嘉義縣111年度尚無排定之會議。');
    expect(text).not.toContain('序號');
    expect((await pdfInfo(pdf)).Pages).toBe('1');
  });
});
