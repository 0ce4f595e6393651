/**
 * A document the secretariat asked for that cannot be given as asked. Nothing has been written
 * when this is thrown. Like SecretariatInputError it carries what every front end needs: a stable
 * `code`, the request `field` at fault, a zh-TW `message` for a person, and the HTTP `status`.
 */
export type DocumentErrorCode =
  | 'invalid-input'
  | 'unknown-county'
  | 'unknown-series'
  | 'no-such-meeting'
  | 'no-such-notice'
  | 'no-such-minutes'
  | 'meeting-cancelled'
  | 'minutes-not-approved'
  | 'conflict';

export class DocumentError extends Error {
  constructor(
    readonly code: DocumentErrorCode,
    message: string,
    readonly status: 400 | 404 | 409 | 422 | 503,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DocumentError';
  }
}
