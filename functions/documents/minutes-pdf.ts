// 會議紀錄 as a PDF: the office and the title centred, a confidentiality line for case
// conferences (on every page), the numbered parts, the action items as a table, and the version
// in every page's footer. Same version in, same bytes out (pdf-document.ts).
import type { DocumentFonts } from './document-fonts.ts';
import type { RenderedPdf } from './meeting-notice-pdf.ts';
import { confidentialityMark, minutesTitle, versionLine, type MinutesDocument } from './minutes-document.ts';
import { minutesSections } from './minutes-sections.ts';
import { fullWidthSpace } from './meeting-particulars.ts';
import { newPdfDocument, savePdf } from './pdf-document.ts';
import { PdfFlow } from './pdf-flow.ts';
import { PdfText } from './pdf-text.ts';

const bodySize = 13;

export async function renderMinutesPdf(document: MinutesDocument, fonts: DocumentFonts): Promise<RenderedPdf> {
  const doc = await newPdfDocument();
  const text = await PdfText.embed(doc, fonts);
  const mark = document.confidential ? confidentialityMark : undefined;
  const flow = new PdfFlow(doc, text, mark ? { runningHead: mark } : {});

  if (mark) {
    flow.line(mark, { size: 10, align: 'right' });
    flow.gap(4);
  }
  flow.line(document.issuer, { size: 18, align: 'center' });
  flow.line(minutesTitle(document), { size: 16, align: 'center' });
  flow.gap(8);

  const em = text.width(fullWidthSpace, bodySize);
  const blocks = minutesSections(document);
  blocks.forEach((block, index) => {
    switch (block.kind) {
      case 'field':
        flow.gap(3);
        flow.field(block.label, block.value, { size: bodySize });
        break;
      case 'heading':
        flow.gap(3);
        // A heading never ends a page: keep it with its first item, or with a table's header and first row.
        flow.ensure(blocks[index + 1]?.kind === 'table' ? bodySize * 1.45 + 80 : bodySize * 1.45 * 2);
        flow.line(`${block.label}：`, { size: bodySize });
        break;
      case 'item':
        flow.hanging(block.prefix, block.text, { size: bodySize, x: flow.left + em * (block.level === 1 ? 2 : 4) });
        break;
      case 'table':
        flow.gap(2);
        flow.table(block.columns, block.rows, { size: 12 });
        break;
    }
  });
  flow.numberPages(10, versionLine(document));

  const pdf = await savePdf(
    doc,
    { title: minutesTitle(document), author: document.issuer, subject: versionLine(document), fixedAt: new Date(document.fixedAt) },
    document,
  );
  return { pdf, missingCharacters: [...text.missing] };
}
