// 開會通知單 as a PDF in the government form's layout: 檔號 and 保存年限 top left, the office's full
// name and 開會通知單 centred, the office's address and contact top right, then the labelled lines
// in the form's order, 備註 last.
import type { DocumentFonts } from './document-fonts.ts';
import {
  issuerLines,
  noticeFields,
  noticeTitle,
  numberedRemarks,
  type MeetingNoticeDocument,
  type NoticeFieldSize,
} from './meeting-notice-document.ts';
import { newPdfDocument, savePdf } from './pdf-document.ts';
import { PdfFlow } from './pdf-flow.ts';
import { PdfText } from './pdf-text.ts';

const sizes: Record<NoticeFieldSize | 'title' | 'issuer', number> = {
  title: 20,
  issuer: 12,
  recipient: 16,
  record: 12,
  meeting: 16,
  distribution: 12,
};

export type RenderedPdf = { pdf: Uint8Array; missingCharacters: string[] };

export async function renderMeetingNoticePdf(document: MeetingNoticeDocument, fonts: DocumentFonts): Promise<RenderedPdf> {
  const doc = await newPdfDocument();
  const text = await PdfText.embed(doc, fonts);
  const flow = new PdfFlow(doc, text);

  flow.field('檔號', document.fileNumber, { size: sizes.record });
  flow.field('保存年限', document.retention, { size: sizes.record });
  flow.gap(6);
  flow.line(noticeTitle(document), { size: sizes.title, align: 'center' });
  flow.gap(4);

  // The office block starts near the middle of the line, as on the printed form.
  const blockX = flow.left + flow.contentWidth * 0.45;
  for (const line of issuerLines(document)) flow.field(line.label, line.value, { size: sizes.issuer, x: blockX });
  flow.gap(10);

  let previous: NoticeFieldSize | undefined;
  for (const field of noticeFields(document)) {
    // A little air between the groups of the form, as on the printed template.
    if (previous && previous !== field.size) flow.gap(8);
    flow.field(field.label, field.value, { size: sizes[field.size] });
    previous = field.size;
  }
  // 備註：一、… with every item's lines under its own text, the numbers under each other.
  const remarksLabel = '備註：';
  const remarks = numberedRemarks(document.remarks.length ? document.remarks : ['無']);
  flow.drawAt(remarksLabel, flow.left, flow.y, sizes.distribution);
  const itemsX = flow.left + text.width(remarksLabel, sizes.distribution);
  for (const remark of remarks) flow.hanging(remark.number, remark.text, { size: sizes.distribution, x: itemsX });
  flow.numberPages();

  const pdf = await savePdf(
    doc,
    {
      title: `${noticeTitle(document)} ${document.subject}`,
      author: document.issuer.name,
      subject: document.documentNumber,
      fixedAt: new Date(`${document.issuedOn}T00:00:00+08:00`),
    },
    document,
  );
  return { pdf, missingCharacters: [...text.missing] };
}
