// What the HTTP function asks the document renderer for, and what it gets back. The renderer runs
// in a Lambda of its own (pdf-lib, fontkit, exceljs and 17.7 MB of fonts stay out of every other
// bundle), so both are plain JSON: the request names what to render by ids and pinned versions,
// never by content, and the answer carries the file as base64. Everything that decides whether a
// download is allowed, and every write (the 發文字號, the audit record), happens before the request
// is made, in the HTTP function: the renderer only reads.
import type { DocumentErrorCode } from './document-error.ts';

export type NoticeFormat = 'pdf' | 'odt';
export type MinutesFormat = 'pdf' | 'odt';
export type PlanFormat = 'xlsx' | 'csv' | 'pdf';
export type DocumentFormat = NoticeFormat | MinutesFormat | PlanFormat;

export type DocumentRequest =
  /** One issued 開會通知單, by the revision the HTTP function issued or chose. */
  | { county: string; document: 'meeting-notice'; format: NoticeFormat; seriesId: string; slotKey: string; revision: number }
  /** 簽到表 of a meeting, with the answers as they stand. */
  | { county: string; document: 'sign-in-sheet'; format: 'pdf'; seriesId: string; slotKey: string }
  /** 會議紀錄 of one approved version: the same version always gives the same bytes. */
  | { county: string; document: 'minutes'; format: MinutesFormat; seriesId: string; slotKey: string; version: number }
  /** The county's annual plan of every series; `at` is the moment of the export (its 製表 date). */
  | { county: string; document: 'annual-plan'; format: PlanFormat; year: number; at: string };

export type RenderedDocument = {
  ok: true;
  contentType: string;
  /** A person's file name, in Chinese: 115年度第二次強化兒少保護跨網絡合作會議開會通知單.pdf. */
  filename: string;
  /** The same name in ASCII, for clients that cannot read filename*. */
  asciiFilename: string;
  base64: string;
  /** Characters no font had (printed as blanks): logged by id, never shown. */
  missingCharacters: number;
};

/** A request the renderer cannot serve: what it names is gone since the HTTP function looked. */
export type DocumentRefusal = { ok: false; status: 404 | 409; code: DocumentErrorCode; message: string };

export type DocumentResult = RenderedDocument | DocumentRefusal;

/** The port: in AWS a Lambda invocation, locally (npm start) and in tests a function call. */
export type DocumentRenderer = (request: DocumentRequest) => Promise<DocumentResult>;

export const contentTypes: Record<DocumentFormat, string> = {
  pdf: 'application/pdf',
  odt: 'application/vnd.oasis.opendocument.text',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};
