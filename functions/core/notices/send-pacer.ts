// Keeps sends under the account's SES rate (14 a second by default) across concurrent workers.
//
// SES's quota is a maximum send rate per second: sends may bunch within a second, but no second
// may hold more than the rate. So two rules, on one shared timeline:
// - A schedule: the k-th send is due at start + k / rate, the start being when the pacer was made
//   (the dispatcher's run). A worker late to its slot, or a run slow to read its first page, is
//   caught up at once rather than pushed back for good, as relative sleeps would be. The debt is
//   capped at one window: after a longer stall the schedule resumes from a window ago.
// - A limit: never more than `rate` sends in any one-second window (for rates below one a second,
//   one send per 1 / rate seconds), whatever the schedule owes. This is what SES enforces, so it
//   is the rule that always holds; the schedule only spreads sends out when nobody is behind.
export type SendSlot = { at: number };

export type SendPacer = {
  /**
   * Waits for the next slot and starts the send in it: `start` is called at the moment the slot is
   * given, in the same turn of the event loop, so the slot's time is when the send began (an await
   * in between would let other work run first, and two sends a second apart could start nearer).
   * `start` returns undefined when it sends nothing after all, and the slot is given back.
   */
  paced<T>(start: () => Promise<T> | undefined): Promise<T | undefined>;
  /** Waits for the next slot, and keeps it. */
  waitForSlot(): Promise<SendSlot>;
  /** Gives a slot back that was not used after all (the lease was too short to send). */
  returnSlot(slot: SendSlot): void;
};

export type PacerClock = { now: () => number; sleep: (millis: number) => Promise<void> };

const realClock: PacerClock = {
  now: () => performance.now(),
  sleep: (millis) => new Promise((resolve) => setTimeout(resolve, millis)),
};

/** At most `sends` slots in any window of `millis` (half-open): SES's quota for this rate. */
export function sendWindow(maxPerSecond: number): { sends: number; millis: number } {
  return maxPerSecond >= 1 ? { sends: Math.floor(maxPerSecond), millis: 1000 } : { sends: 1, millis: 1000 / maxPerSecond };
}

/**
 * A slot's time is read a moment before its send starts, and that moment varies by a fraction of a
 * millisecond (a real-clock run found two calls a window apart 999.88 ms apart): a millisecond more
 * keeps the calls themselves within the limit, at a cost of one part in a thousand of the rate when
 * the limit, not the schedule, decides.
 */
const callSlackMillis = 1;

export function sendPacer(maxPerSecond: number, clock: PacerClock = realClock): SendPacer {
  if (!(maxPerSecond > 0)) throw new Error(`the send rate must be positive, got ${maxPerSecond}`);
  const interval = 1000 / maxPerSecond;
  const window = sendWindow(maxPerSecond);
  let due = clock.now();
  // Slots given out and not returned, at the moment each was given, from the last window on
  // (older ones cannot share a window with a slot given from now on).
  const given: SendSlot[] = [];
  /** When a slot may be given, on the schedule and within the limit. */
  const earliest = (now: number) => {
    while (given.length > 0 && given[0]!.at <= now - window.millis - callSlackMillis) given.shift();
    const scheduled = Math.max(due, now - window.millis);
    const limit = given.length >= window.sends ? given[given.length - window.sends]!.at + window.millis + callSlackMillis : -Infinity;
    return { scheduled, limit };
  };
  /**
   * A slot is given at the moment it is due, never reserved ahead: a timer that fires late (a busy
   * process) delays the send it wakes, and the limit counts the send as it happened; one that fires
   * early only looks again. `use` runs at once in the slot.
   */
  const whenDue = async <T>(use: (slot: SendSlot) => T): Promise<T> => {
    for (;;) {
      const now = clock.now();
      const { scheduled, limit } = earliest(now);
      const at = Math.max(scheduled, limit);
      if (at <= now) {
        due = scheduled + interval;
        const slot = { at: now };
        given.push(slot);
        const used = use(slot);
        // Stamped again once the send has started: a process descheduled between the slot and the
        // call (a loaded machine) starts it later than `now`, and the limit must count from then.
        slot.at = clock.now();
        return used;
      }
      await clock.sleep(at - now);
    }
  };
  const returnSlot = (slot: SendSlot) => {
    const index = given.indexOf(slot);
    if (index >= 0) given.splice(index, 1);
    due -= interval;
  };
  return {
    paced: async <T>(start: () => Promise<T> | undefined): Promise<T | undefined> =>
      whenDue((slot) => {
        const started = start();
        if (started === undefined) returnSlot(slot);
        return started;
      }),
    waitForSlot: () => whenDue((slot) => slot),
    returnSlot,
  };
}

/** Exponential backoff with full jitter (AWS Architecture Blog): retries spread out instead of stampeding. */
export function backoffMillis(attempt: number, baseMillis: number, capMillis: number, random: () => number = Math.random): number {
  const ceiling = Math.min(capMillis, baseMillis * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}
