// 簽到表 as a PDF to print for the door: the meeting's particulars, then a ruled table per part
// (出席人員, 列席人員) with rows tall enough to sign in; a table that runs over continues on the next
// page under its header.
import type { DocumentFonts } from './document-fonts.ts';
import type { RenderedPdf } from './meeting-notice-pdf.ts';
import { newPdfDocument, savePdf } from './pdf-document.ts';
import { PdfFlow } from './pdf-flow.ts';
import { PdfText } from './pdf-text.ts';
import { signInCells, signInColumns, type SignInSheetDocument } from './sign-in-sheet-document.ts';

/** Room for a handwritten signature: about a centimetre. */
const signatureRowHeight = 30;

export async function renderSignInSheetPdf(document: SignInSheetDocument, fonts: DocumentFonts): Promise<RenderedPdf> {
  const doc = await newPdfDocument();
  const text = await PdfText.embed(doc, fonts);
  const flow = new PdfFlow(doc, text, { margins: { top: 48, right: 48, bottom: 56, left: 48 } });

  // The office first, as on the notice and the minutes: a sheet filed or found loose says whose it is.
  flow.line(document.issuer, { size: 18, align: 'center' });
  flow.line(document.meetingName, { size: 18, align: 'center' });
  flow.line('簽到表', { size: 18, align: 'center' });
  flow.gap(6);
  flow.field('開會時間', document.time, { size: 12 });
  flow.field('開會地點', document.venue, { size: 12 });
  flow.field('主持人', document.chair, { size: 12 });
  flow.field('紀錄', '', { size: 12 });

  for (const part of document.parts) {
    flow.gap(10);
    // The heading stays with the table's header and first row.
    flow.ensure(14 * 1.45 + 2 * signatureRowHeight);
    flow.line(part.heading, { size: 14 });
    flow.table(signInColumns, signInCells(part), { size: 12, minRowHeight: signatureRowHeight });
  }
  flow.numberPages();

  const pdf = await savePdf(
    doc,
    { title: `${document.meetingName} 簽到表`, author: document.issuer, fixedAt: new Date(`${document.meetingDate}T00:00:00+08:00`) },
    document,
  );
  return { pdf, missingCharacters: [...text.missing] };
}
