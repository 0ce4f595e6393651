// The dispatcher's supply of due items: pass after pass over the pending index, each item handed
// out at most once per run, the next page read while the current one is still being sent (a
// dispatcher that waited for its last send before querying again would idle at every page).
// A pass that finds nothing new ends the supply; the next scheduled run takes what came due since.
import type { OutboxItem, OutboxPage } from '../adapters/dynamodb/outbox-store.ts';

export type DueFeed = {
  /** An item already read, or undefined without waiting. */
  ready(): OutboxItem | undefined;
  /** The next item, reading pages as needed; undefined when a whole pass found nothing new. */
  next(): Promise<OutboxItem | undefined>;
};

type ReadPage = (startKey: Record<string, unknown> | undefined) => Promise<OutboxPage>;

/**
 * `readAheadBelow`: start reading the next page once this few items are left to hand out.
 * `onFresh`: told of each page's new items as soon as they are read.
 */
export function dueFeed(readPage: ReadPage, readAheadBelow: number, onFresh?: (items: readonly OutboxItem[]) => void): DueFeed {
  const buffer: OutboxItem[] = [];
  const seen = new Set<string>();
  let startKey: Record<string, unknown> | undefined;
  let foundThisPass = false;
  let exhausted = false;
  let reading: Promise<void> | undefined;
  let failure: { error: unknown } | undefined;

  const read = async () => {
    const page = await readPage(startKey);
    startKey = page.next;
    const fresh = page.items.filter((item) => !seen.has(`${item.pk}#${item.sk}`));
    for (const item of fresh) seen.add(`${item.pk}#${item.sk}`);
    buffer.push(...fresh);
    if (fresh.length > 0) onFresh?.(fresh);
    if (fresh.length > 0) foundThisPass = true;
    if (!startKey) {
      if (!foundThisPass) exhausted = true;
      foundThisPass = false;
    }
  };
  const readAhead = () => {
    if (exhausted || reading || failure || buffer.length > readAheadBelow) return;
    reading = read()
      .catch((error: unknown) => {
        failure = { error };
      })
      .finally(() => {
        reading = undefined;
      });
  };
  const ready = () => {
    const item = buffer.shift();
    readAhead();
    return item;
  };
  return {
    ready,
    async next() {
      for (;;) {
        const item = ready();
        if (item) return item;
        if (failure) throw failure.error;
        if (exhausted) return undefined;
        await reading;
      }
    },
  };
}
