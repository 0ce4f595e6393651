// 會議紀錄 as an editable ODF text document: the parts of minutes-sections.ts as paragraphs with
// hanging indents and the action items as a table, like the PDF. Packaged with the version's
// date on every zip entry, so the same version always gives the same bytes.
import { confidentialityMark, minutesTitle, versionLine, type MinutesDocument } from './minutes-document.ts';
import { minutesSections } from './minutes-sections.ts';
import { OdtWriter } from './odt-writer.ts';
import { packageOdt } from './odt-package.ts';
import { Temporal } from '../core/calendar/local-date.ts';

const bodySize = 13;

export function renderMinutesOdt(document: MinutesDocument): Uint8Array {
  const odt = new OdtWriter();
  if (document.confidential) odt.paragraph(confidentialityMark, { size: 10, align: 'right' });
  odt.paragraph(document.issuer, { size: 18, align: 'center' });
  odt.paragraph(minutesTitle(document), { size: 16, align: 'center' });
  for (const block of minutesSections(document)) {
    switch (block.kind) {
      case 'field':
        odt.field(block.label, block.value, { size: bodySize, spaceBefore: 3 });
        break;
      case 'heading':
        odt.paragraph(`${block.label}：`, { size: bodySize, spaceBefore: 3, keepWithNext: true });
        break;
      case 'item':
        odt.hanging(block.prefix, block.text, { size: bodySize, marginLeft: bodySize * (block.level === 1 ? 2 : 4) });
        break;
      case 'table':
        odt.table(block.columns, block.rows, { size: 12 });
        break;
    }
  }
  odt.paragraph(versionLine(document), { size: 10, align: 'right', spaceBefore: 12 });

  return packageOdt({
    content: odt.contentXml(),
    styles: odt.stylesXml(),
    title: minutesTitle(document),
    author: document.issuer,
    date: Temporal.Instant.from(document.fixedAt).toZonedDateTimeISO('Asia/Taipei').toPlainDate().toString(),
  });
}
