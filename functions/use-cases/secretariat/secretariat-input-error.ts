/**
 * A request the secretariat made that cannot be carried out as asked: unknown series, no such
 * meeting, a day off without confirmation, a change someone else made first. Nothing has been
 * written when this is thrown.
 *
 * It carries what every front end needs and nothing of any one of them: a stable `code` to branch
 * on, the `field` of the request that is wrong (the console shows the message next to it), and a
 * zh-TW `message` for a person, without CLI flags or API paths. The CLI prints the message; the
 * API answers `status` with all three.
 */
export class SecretariatInputError extends Error {
  readonly code: SecretariatErrorCode;
  /** The request field at fault, as the use case names it (`date`, `reason`, `contact.email`). */
  readonly field: string | undefined;
  readonly status: 400 | 404 | 409;
  /** Every problem found, when more than one field is wrong; the first is `field` and `message`. */
  readonly problems: readonly FieldProblem[];

  constructor(detail: ErrorDetail);
  /** @deprecated for front ends' own checks only; use cases give a code and a field. */
  constructor(message: string, status?: 400 | 404 | 409);
  constructor(detail: ErrorDetail | string, status: 400 | 404 | 409 = 400) {
    const full: ErrorDetail = typeof detail === 'string' ? { code: 'invalid-input', message: detail, status } : detail;
    super(full.message);
    this.name = 'SecretariatInputError';
    this.code = full.code;
    this.field = full.field;
    this.status = full.status ?? 400;
    this.problems = full.problems ?? (full.field ? [{ field: full.field, message: full.message }] : []);
  }
}

export type FieldProblem = { field: string; message: string };

export type ErrorDetail = {
  code: SecretariatErrorCode;
  field?: string;
  message: string;
  status?: 400 | 404 | 409;
  problems?: FieldProblem[];
};

export type SecretariatErrorCode =
  // the request itself
  | 'invalid-input'
  | 'reason-required'
  | 'reason-invalid'
  | 'not-a-date'
  | 'not-a-time'
  | 'date-in-past'
  | 'day-off-needs-confirmation'
  // what it names
  | 'unknown-series'
  | 'unknown-venue'
  | 'unknown-unit'
  | 'unknown-contact'
  | 'no-such-meeting'
  | 'ambiguous-meeting'
  | 'no-such-closure'
  // what the meeting, series or unit allows
  | 'meeting-taken-place'
  | 'already-cancelled'
  | 'fixed-chair'
  | 'swap-with-itself'
  | 'cancelled-has-no-chair'
  | 'not-in-rotation'
  | 'ad-hoc-not-allowed'
  | 'ad-hoc-exists'
  | 'invalid-contact'
  | 'contact-id-taken'
  | 'last-contact'
  | 'closure-exists'
  | 'invalid-closure'
  | 'not-cancelled'
  | 'not-reinstatable'
  | 'not-in-series'
  | 'unit-not-invited'
  | 'same-chair'
  | 'contact-in-unit'
  | 'meeting-cancelled'
  | 'meeting-not-held'
  | 'not-in-chair-unit'
  // a file the secretariat uploaded
  | 'invalid-calendar-file'
  | 'calendar-year-past'
  // notices that could not be sent
  | 'no-such-notice'
  | 'no-such-held-reply'
  | 'notice-not-failed'
  | 'unknown-outcome-needs-confirmation'
  // minutes
  | 'no-minutes'
  | 'minutes-not-allowed-now'
  | 'minutes-incomplete'
  // someone else changed the same thing between our read and our write
  | 'conflict';

/** The one message a person sees when another officer changed the same thing first. */
export const conflictMessage = '此場次剛被他人修改，請重新整理後再試';

export function conflictError(field?: string, message = conflictMessage): SecretariatInputError {
  return new SecretariatInputError({ code: 'conflict', message, status: 409, ...(field ? { field } : {}) });
}

/**
 * A short, random pause before a change is tried again after losing a race, so two officers (or
 * two Lambda containers) that collided do not collide again in lockstep.
 */
export function pauseBeforeRetry(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, attempt * (10 + Math.random() * 40)));
}
