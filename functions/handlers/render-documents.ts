// The document Lambda: renders one 開會通知單, 簽到表, 會議紀錄 or annual plan for the HTTP function,
// which invokes it synchronously after it has decided the download is allowed and recorded it. It
// has read access to the table only, no public route, and the fonts in a folder beside its bundle
// (DOCUMENT_FONT_DIR); it is the only function whose bundle holds pdf-lib, fontkit and exceljs.
import type { Context } from 'aws-lambda';
import { renderDocument } from '../use-cases/documents/render-document.ts';
import type { DocumentRequest, DocumentResult } from '../use-cases/documents/document-request.ts';
import { logger, servedCounties, tableConnection } from './runtime.ts';

const documents = new Set(['meeting-notice', 'sign-in-sheet', 'minutes', 'annual-plan']);

export async function handler(event: DocumentRequest, context: Context): Promise<DocumentResult> {
  logger.addContext(context);
  // Only the HTTP function may invoke this one (IAM), but a malformed event is refused, not guessed at.
  if (typeof event !== 'object' || event === null || !documents.has(event.document) || typeof event.county !== 'string')
    throw new Error('not a document request');
  const result = await renderDocument(
    {
      connection: tableConnection(),
      counties: servedCounties(),
      ...(process.env.DOCUMENT_FONT_DIR ? { fontDirectory: process.env.DOCUMENT_FONT_DIR } : {}),
    },
    event,
  );
  // Ids, kinds and sizes only: the documents name people and meetings.
  logger.info('document rendered', {
    county: event.county,
    document: event.document,
    format: event.format,
    ok: result.ok,
    ...(result.ok
      ? { bytes: Math.floor((result.base64.length * 3) / 4), missingCharacters: result.missingCharacters }
      : { code: result.code }),
  });
  return result;
}
