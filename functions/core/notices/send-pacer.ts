// Keeps sends under the account's SES rate (14 a second by default) across concurrent workers.
//
// A token bucket (as GCRA, the virtual-scheduling form): each send reserves the next slot on a
// shared timeline, and time nobody used builds up credit for at most `burst` sends. So a worker
// that was late to its slot does not lose it for good (a plain "one slot per interval" timeline
// does, and falls short of the rate whenever workers lag), while any window of t seconds still
// holds at most burst + t × rate sends.
export type SendPacer = {
  /** Waits for the next slot, and keeps it. */
  waitForSlot(): Promise<void>;
  /** Gives a slot back that was not used after all (the item was taken by another dispatcher). */
  returnSlot(): void;
};

export type PacerClock = { now: () => number; sleep: (millis: number) => Promise<void> };

const realClock: PacerClock = {
  now: () => performance.now(),
  sleep: (millis) => new Promise((resolve) => setTimeout(resolve, millis)),
};

/** A tenth of a second's sends, at least one: small enough that SES's per-second rate holds. */
export function defaultBurst(maxPerSecond: number): number {
  return Math.max(1, Math.floor(maxPerSecond / 10));
}

export function sendPacer(maxPerSecond: number, burst = defaultBurst(maxPerSecond), clock: PacerClock = realClock): SendPacer {
  if (!(maxPerSecond > 0)) throw new Error(`the send rate must be positive, got ${maxPerSecond}`);
  if (!(burst >= 1)) throw new Error(`the burst must be at least one send, got ${burst}`);
  const interval = 1000 / maxPerSecond;
  const tolerance = (burst - 1) * interval;
  // The theoretical arrival time of the next send: a full bucket at the start.
  let theoretical = clock.now();
  return {
    async waitForSlot() {
      const now = clock.now();
      const slot = Math.max(now, theoretical - tolerance);
      theoretical = Math.max(theoretical, slot) + interval;
      if (slot > now) await clock.sleep(slot - now);
    },
    returnSlot() {
      theoretical -= interval;
    },
  };
}

/** Exponential backoff with full jitter (AWS Architecture Blog): retries spread out instead of stampeding. */
export function backoffMillis(attempt: number, baseMillis: number, capMillis: number, random: () => number = Math.random): number {
  const ceiling = Math.min(capMillis, baseMillis * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}
