import type { MinutesProblem } from '../../core/minutes/minutes-rules.ts';

/**
 * A minutes request that is refused. Nothing has been written when this is thrown. The status is
 * the HTTP answer; `problems` name the offending fields (never their contents).
 */
export type MinutesErrorCode =
  | 'invalid-link'
  | 'expired-link'
  | 'revoked-link'
  | 'wrong-purpose'
  | 'wrong-occurrence'
  | 'not-chair'
  | 'not-invited'
  | 'not-found'
  | 'not-distributed'
  | 'meeting-cancelled'
  | 'meeting-not-held'
  | 'version-conflict'
  | 'not-allowed-now'
  | 'invalid-minutes';

const statuses: Record<MinutesErrorCode, 401 | 403 | 404 | 409 | 422> = {
  // A link whose signature this county's key does not verify (forged, cut short, or another
  // county's) is no link here: not found, as on every other link route, never "sign in again".
  'invalid-link': 404,
  'expired-link': 401,
  'revoked-link': 401,
  'wrong-purpose': 403,
  'wrong-occurrence': 403,
  'not-chair': 403,
  'not-invited': 403,
  'not-found': 404,
  'not-distributed': 404,
  'meeting-cancelled': 409,
  'meeting-not-held': 409,
  'version-conflict': 409,
  'not-allowed-now': 409,
  'invalid-minutes': 422,
};

export class MinutesError extends Error {
  readonly status: 401 | 403 | 404 | 409 | 422;
  constructor(
    readonly code: MinutesErrorCode,
    message: string,
    readonly problems: string[] = [],
    readonly currentVersion?: number,
    /** The same problems with their zh-TW wording, for the chair's form to show next to each field. */
    readonly fieldProblems: readonly MinutesProblem[] = [],
  ) {
    super(message);
    this.name = 'MinutesError';
    this.status = statuses[code];
  }
}
