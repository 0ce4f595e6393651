// The annual plan as the Excel workbook a secretariat keeps: an overview sheet (總覽) and one sheet
// per series in the county's columns, cancelled rows struck through and provisional dates shaded,
// printable on landscape A4. Cells are written as values, never formulas.
import ExcelJS from 'exceljs';
import {
  annualPlanCells,
  annualPlanColumns,
  emptySeriesNotice,
  emptyYearNotice,
  generatedLine,
  hasMeetings,
  type AnnualPlanDocument,
  type AnnualPlanSeries,
} from './annual-plan-document.ts';

export const overviewSheetName = '總覽';

/** Excel refuses names over 31 characters, with : \ / ? * [ ], or used twice in one workbook. */
export function sheetName(name: string, used: ReadonlySet<string>): string {
  const clean = name.replace(/[:\\/?*[\]]/g, '_').slice(0, 31);
  let candidate = clean;
  for (let n = 2; used.has(candidate); n++) candidate = `${clean.slice(0, 31 - String(n).length - 1)}_${n}`;
  return candidate;
}

const headerFill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEBEBEB' } };
const provisionalFill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
const thin: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};
const font = { name: '標楷體', size: 12 };

function titleRow(sheet: ExcelJS.Worksheet, text: string, columns: number): void {
  const row = sheet.addRow([text]);
  sheet.mergeCells(row.number, 1, row.number, columns);
  row.font = { ...font, size: 16, bold: true };
  row.alignment = { horizontal: 'center' };
}

function headerRow(sheet: ExcelJS.Worksheet, headers: readonly string[]): void {
  const row = sheet.addRow([...headers]);
  row.eachCell((cell) => {
    cell.font = { ...font, bold: true };
    cell.fill = headerFill;
    cell.border = thin;
    cell.alignment = { horizontal: 'center', vertical: 'middle' };
  });
  sheet.views = [{ state: 'frozen', ySplit: row.number }];
}

function landscape(sheet: ExcelJS.Worksheet): void {
  sheet.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
}

function seriesSheet(workbook: ExcelJS.Workbook, series: AnnualPlanSeries, plan: AnnualPlanDocument, name: string): void {
  const sheet = workbook.addWorksheet(name);
  landscape(sheet);
  sheet.columns = [6, 12, 28, 40, 8, 22, 12, 24, 30].map((width) => ({ width }));
  titleRow(sheet, `${series.name} ${plan.rocYear}年度辦理期程`, annualPlanColumns.length);
  sheet.addRow([`邀請網絡單位：${series.invitedUnits}（邀請數${series.invitedCount}）；主持：${series.chairPolicy}`]).font = font;
  if (series.rows.length === 0) {
    sheet.addRow([emptySeriesNotice]).font = font;
    return;
  }
  headerRow(sheet, annualPlanColumns);
  for (const planned of series.rows) {
    const row = sheet.addRow(annualPlanCells(planned));
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cell.border = thin;
      cell.alignment = { vertical: 'middle', wrapText: true, ...(column <= 2 || column === 5 ? { horizontal: 'center' } : {}) };
      // Struck through, not deleted: the plan shows that the meeting was planned and called off;
      // 備註 (the last column) stays legible, since it says why.
      cell.font = planned.cancelled && column < annualPlanColumns.length ? { ...font, strike: true, color: { argb: 'FF808080' } } : font;
      if (planned.provisional) cell.fill = provisionalFill;
    });
  }
}

function overviewSheet(workbook: ExcelJS.Workbook, plan: AnnualPlanDocument, names: readonly string[]): void {
  const sheet = workbook.addWorksheet(overviewSheetName);
  landscape(sheet);
  const headers = ['序號', '會議名稱', '邀請網絡單位', '邀請數', '主持', '場次', '取消', '日期暫定', '工作表'];
  sheet.columns = [6, 30, 50, 8, 28, 8, 8, 10, 30].map((width) => ({ width }));
  titleRow(sheet, plan.title, headers.length);
  sheet.addRow([generatedLine(plan)]).font = font;
  if (!hasMeetings(plan)) {
    sheet.addRow([emptyYearNotice(plan)]).font = { ...font, bold: true };
    return;
  }
  headerRow(sheet, headers);
  plan.series.forEach((series, i) => {
    const row = sheet.addRow([
      i + 1,
      series.name,
      series.invitedUnits,
      series.invitedCount,
      series.chairPolicy,
      series.held,
      series.cancelled,
      series.provisional,
      names[i] ?? '',
    ]);
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.border = thin;
      cell.font = font;
      cell.alignment = { vertical: 'middle', wrapText: true };
    });
  });
  if (plan.series.some((s) => s.provisional > 0)) {
    sheet.addRow(['日期暫定：該年度行政機關辦公日曆表尚未公布，公布後可能調整（各工作表以底色標示）。']).font = font;
  }
}

export async function renderAnnualPlanXlsx(plan: AnnualPlanDocument): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = plan.county;
  workbook.title = plan.title;
  const at = new Date(`${plan.generatedOn}T00:00:00+08:00`);
  workbook.created = at;
  workbook.modified = at;

  const used = new Set<string>([overviewSheetName]);
  const names = hasMeetings(plan)
    ? plan.series.map((series) => {
        const name = sheetName(series.name, used);
        used.add(name);
        return name;
      })
    : [];
  overviewSheet(workbook, plan, names);
  // An empty year is one sheet that says so; an empty series keeps its sheet with a sentence.
  plan.series.forEach((series, i) => {
    const name = names[i];
    if (name) seriesSheet(workbook, series, plan, name);
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
