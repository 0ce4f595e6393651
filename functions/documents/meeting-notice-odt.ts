// 開會通知單 as an editable ODF text document, the government's standard format for files an
// officer edits: the same form, lines and order as the PDF (meeting-notice-pdf.ts).
import {
  issuerLines,
  noticeFields,
  noticeTitle,
  numberedRemarks,
  type MeetingNoticeDocument,
  type NoticeFieldSize,
} from './meeting-notice-document.ts';
import { ems, OdtWriter } from './odt-writer.ts';
import { packageOdt } from './odt-package.ts';

const sizes: Record<NoticeFieldSize | 'title' | 'issuer', number> = {
  title: 20,
  issuer: 12,
  recipient: 16,
  record: 12,
  meeting: 16,
  distribution: 12,
};

export function renderMeetingNoticeOdt(document: MeetingNoticeDocument): Uint8Array {
  const odt = new OdtWriter();
  odt.field('檔號', document.fileNumber, { size: sizes.record });
  odt.field('保存年限', document.retention, { size: sizes.record });
  odt.paragraph(noticeTitle(document), { size: sizes.title, align: 'center', spaceBefore: 6 });
  const blockLeft = odt.contentWidth * 0.45;
  issuerLines(document).forEach((line, i) =>
    odt.field(line.label, line.value, { size: sizes.issuer, marginLeft: blockLeft, ...(i === 0 ? { spaceBefore: 4 } : {}) }),
  );

  let previous: NoticeFieldSize | 'issuer' = 'issuer';
  for (const field of noticeFields(document)) {
    odt.field(field.label, field.value, { size: sizes[field.size], ...(previous !== field.size ? { spaceBefore: 8 } : {}) });
    previous = field.size;
  }
  const remarks = numberedRemarks(document.remarks.length ? document.remarks : ['無']);
  const label = '備註：';
  remarks.forEach((remark, i) =>
    // The first item follows the label; the others are indented under it, numbers under numbers.
    i === 0
      ? odt.hanging(`${label}${remark.number}`, remark.text, { size: sizes.distribution })
      : odt.hanging(remark.number, remark.text, { size: sizes.distribution, marginLeft: ems(label) * sizes.distribution }),
  );

  return packageOdt({
    content: odt.contentXml(),
    styles: odt.stylesXml(),
    title: `${noticeTitle(document)} ${document.subject}`,
    author: document.issuer.name,
    date: document.issuedOn,
  });
}
