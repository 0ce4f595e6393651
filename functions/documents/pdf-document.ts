// A PDF whose bytes depend only on what it shows. An approved record is fixed: every export of it
// must be byte-identical, so nothing may come from the clock or a random source. pdf-lib would
// otherwise stamp the current time as CreationDate/ModDate and its own Producer, and writes no /ID.
import { createHash } from 'node:crypto';
import { PDFDocument, PDFHexString } from 'pdf-lib';

export type PdfInfo = {
  title: string;
  /** The issuing office (機關), shown as the document's author. */
  author: string;
  subject?: string;
  /** The moment the document stands for (issue date, approval time): its CreationDate and ModDate. */
  fixedAt: Date;
};

export const producer = 'safetynet-meetings documents';

export async function newPdfDocument(): Promise<PDFDocument> {
  return PDFDocument.create({ updateMetadata: false });
}

/**
 * Sets the metadata and saves. `identity` is the document's input data: /ID is derived from it,
 * so the same input gives the same file and any change gives a new identifier.
 */
export async function savePdf(doc: PDFDocument, info: PdfInfo, identity: unknown): Promise<Uint8Array> {
  doc.setTitle(info.title, { showInWindowTitleBar: true });
  doc.setAuthor(info.author);
  if (info.subject) doc.setSubject(info.subject);
  doc.setCreator(producer);
  doc.setProducer(producer);
  doc.setCreationDate(info.fixedAt);
  doc.setModificationDate(info.fixedAt);
  doc.setLanguage('zh-TW');
  const id = createHash('sha256').update(JSON.stringify(identity)).digest('hex').slice(0, 32);
  doc.context.trailerInfo.ID = doc.context.obj([PDFHexString.of(id), PDFHexString.of(id)]);
  return doc.save({ useObjectStreams: true });
}
