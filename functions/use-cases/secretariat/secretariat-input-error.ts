/**
 * A request the secretariat made that cannot be carried out as asked: unknown series, no such
 * meeting, a day off without --force. Nothing has been written when this is thrown. The CLI prints
 * the message; the API answers 4xx with it.
 */
export class SecretariatInputError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 404 | 409 = 400,
  ) {
    super(message);
    this.name = 'SecretariatInputError';
  }
}
