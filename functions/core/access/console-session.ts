// How long a console session lives: 30 minutes without a request ends it, and 12 hours after
// signing in it ends whatever happens, so a computer left signed in at a county office does not
// stay signed in overnight. Pure rules on epoch seconds; the store keeps the item, the routes the
// cookie.

export const sessionLimits = {
  idleSeconds: 30 * 60,
  maxSeconds: 12 * 60 * 60,
  /** A request within this long of the last recorded one does not write again: fewer writes, same limits within a minute. */
  touchAfterSeconds: 60,
  /** How long a sign-in may take, from leaving for the sign-in page to coming back. */
  signInSeconds: 10 * 60,
} as const;

export type SessionTimes = {
  /** Epoch seconds of the sign-in. */
  createdAt: number;
  /** Epoch seconds of the last request recorded. */
  lastSeenAt: number;
  /** Epoch seconds when the session ends unless used again (the table's TTL attribute). */
  expiresAt: number;
};

export const epochSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

export function newSessionTimes(now: Date): SessionTimes {
  const at = epochSeconds(now);
  return { createdAt: at, lastSeenAt: at, expiresAt: deadline(at, at) };
}

/** Whether the session still holds at `now`: neither idle too long nor past its 12 hours. */
export function isSessionActive(times: SessionTimes, now: Date): boolean {
  const at = epochSeconds(now);
  return at < times.expiresAt && at < deadline(times.createdAt, times.lastSeenAt);
}

/** The times after a request at `now`, or undefined when nothing needs writing yet. */
export function touchedTimes(times: SessionTimes, now: Date): SessionTimes | undefined {
  const at = epochSeconds(now);
  if (at - times.lastSeenAt < sessionLimits.touchAfterSeconds) return undefined;
  return { createdAt: times.createdAt, lastSeenAt: at, expiresAt: deadline(times.createdAt, at) };
}

function deadline(createdAt: number, lastSeenAt: number): number {
  return Math.min(lastSeenAt + sessionLimits.idleSeconds, createdAt + sessionLimits.maxSeconds);
}
