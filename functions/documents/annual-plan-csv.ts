// The annual plan as one CSV for Excel: UTF-8 with a BOM (without it Excel reads Big5), CRLF line
// ends, and every cell that Excel would take for a formula (= + - @, and tab or CR that some
// versions strip first) prefixed with an apostrophe, so a unit or venue name typed as `=HYPERLINK(…)`
// stays text (OWASP "CSV injection").
import { annualPlanCells, annualPlanColumns, emptyYearNotice, hasMeetings, type AnnualPlanDocument } from './annual-plan-document.ts';

export function neutralizeFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

function csvCell(value: string | number): string {
  const text = neutralizeFormula(String(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function renderAnnualPlanCsv(plan: AnnualPlanDocument): string {
  const lines = hasMeetings(plan)
    ? [[...annualPlanColumns], ...plan.series.flatMap((series) => series.rows.map(annualPlanCells))]
    : [[emptyYearNotice(plan)]];
  return `\uFEFF${lines.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
