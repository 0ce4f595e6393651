// Renders the fixture minutes and prints the SHA-256 of the PDF and the ODT: run in a child process
// with another TZ, it shows the bytes do not depend on the machine's time zone.
import { createHash } from 'node:crypto';
import { loadDocumentFonts } from '../../../functions/documents/document-fonts.ts';
import { minutesDocument } from '../../../functions/documents/minutes-document.ts';
import { renderMinutesOdt } from '../../../functions/documents/minutes-odt.ts';
import { renderMinutesPdf } from '../../../functions/documents/minutes-pdf.ts';
import { minutesInput } from './document-fixtures.ts';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export async function minutesHashes(): Promise<{ pdf: string; odt: string }> {
  const document = minutesDocument(minutesInput());
  const { pdf } = await renderMinutesPdf(document, loadDocumentFonts());
  return { pdf: sha256(pdf), odt: sha256(renderMinutesOdt(document)) };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  console.log(JSON.stringify(await minutesHashes()));
}
