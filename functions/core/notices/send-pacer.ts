// Keeps sends under the account's SES rate (14 a second by default) across concurrent workers:
// each send takes the next free slot on a shared timeline.
export type SendPacer = { waitForSlot(): Promise<void> };

export function sendPacer(maxPerSecond: number, clock: () => number = () => performance.now()): SendPacer {
  const interval = 1000 / maxPerSecond;
  let next = clock();
  return {
    async waitForSlot() {
      const now = clock();
      const slot = Math.max(now, next);
      next = slot + interval;
      if (slot > now) await new Promise((resolve) => setTimeout(resolve, slot - now));
    },
  };
}

/** Exponential backoff with full jitter (AWS Architecture Blog): retries spread out instead of stampeding. */
export function backoffMillis(attempt: number, baseMillis: number, capMillis: number, random: () => number = Math.random): number {
  const ceiling = Math.min(capMillis, baseMillis * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}
