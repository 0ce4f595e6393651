// The annual plan printed on landscape A4: the overview of every series first, then each series'
// dates. 會議名稱 and 邀請網絡單位 are the same on every line of a series, so on paper they head the
// series' table instead of repeating on each line. An empty year prints one sentence, no table.
import type { DocumentFonts } from './document-fonts.ts';
import { emptySeriesNotice, emptyYearNotice, generatedLine, hasMeetings, type AnnualPlanDocument } from './annual-plan-document.ts';
import type { RenderedPdf } from './meeting-notice-pdf.ts';
import { chineseNumber } from './meeting-particulars.ts';
import { newPdfDocument, savePdf } from './pdf-document.ts';
import { PdfFlow, type TableColumn } from './pdf-flow.ts';
import { PdfText } from './pdf-text.ts';

const overviewColumns: TableColumn[] = [
  { header: '序號', width: 0.7, align: 'center' },
  { header: '會議名稱', width: 3.2 },
  { header: '邀請網絡單位', width: 5.4 },
  { header: '邀請數', width: 0.9, align: 'center' },
  { header: '主持', width: 2.6 },
  { header: '場次', width: 0.8, align: 'center' },
];

const scheduleColumns: TableColumn[] = [
  { header: '序號', width: 0.7, align: 'center' },
  { header: '辦理日期', width: 1.3, align: 'center' },
  { header: '時間', width: 1.2, align: 'center' },
  { header: '主持', width: 3.0 },
  { header: '地點', width: 3.0 },
  { header: '備註', width: 4.0, neverStruck: true },
];

export async function renderAnnualPlanPdf(plan: AnnualPlanDocument, fonts: DocumentFonts): Promise<RenderedPdf> {
  const doc = await newPdfDocument();
  const text = await PdfText.embed(doc, fonts);
  const flow = new PdfFlow(doc, text, { orientation: 'landscape', margins: { top: 40, right: 40, bottom: 44, left: 40 } });

  flow.line(plan.title, { size: 18, align: 'center' });
  flow.line(generatedLine(plan), { size: 10, align: 'right' });
  flow.gap(4);

  if (!hasMeetings(plan)) {
    flow.gap(40);
    flow.line(emptyYearNotice(plan), { size: 16, align: 'center' });
  } else {
    flow.line('總覽', { size: 14 });
    flow.table(
      overviewColumns,
      plan.series.map((s, i) => [String(i + 1), s.name, s.invitedUnits, String(s.invitedCount), s.chairPolicy, String(s.held)]),
      { size: 11 },
    );
    if (plan.series.some((s) => s.provisional > 0)) {
      flow.line('日期暫定：該年度行政機關辦公日曆表尚未公布，公布後可能調整。', { size: 10 });
    }
    plan.series.forEach((series, i) => {
      flow.gap(10);
      flow.ensure(14 * 1.45 * 2 + 60);
      flow.line(`${chineseNumber(i + 1)}、${series.name}`, { size: 14 });
      flow.line(`邀請網絡單位：${series.invitedUnits}（邀請數${series.invitedCount}）；主持：${series.chairPolicy}`, { size: 10 });
      if (series.rows.length === 0) flow.line(emptySeriesNotice, { size: 12 });
      else {
        flow.table(
          scheduleColumns,
          series.rows.map((r) => [r.number, r.date, r.time, r.chair, r.venue, r.remarks]),
          { size: 11, struckRows: series.rows.flatMap((r, index) => (r.cancelled ? [index] : [])) },
        );
      }
    });
  }
  flow.numberPages(9);

  const pdf = await savePdf(doc, { title: plan.title, author: plan.county, fixedAt: new Date(`${plan.generatedOn}T00:00:00+08:00`) }, plan);
  return { pdf, missingCharacters: [...text.missing] };
}
