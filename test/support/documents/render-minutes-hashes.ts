// The SHA-256 of the fixture minutes' PDF and ODT: computed here and in child processes with another
// TZ (test/support/processes/print-minutes-hashes.ts), it shows the bytes do not depend on the
// machine's time zone.
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
