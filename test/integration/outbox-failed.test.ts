// A notice that failed for good stays visible to the secretariat, and can be queued again once
// the cause is fixed, without creating a second item.
import { keys } from '../../functions/adapters/dynamodb/keys.ts';
import { describe, expect, it } from 'vitest';
import { useEmbeddedStack } from '../support/embedded-stack.ts';
import { claim, duePending, listFailed, markFailed, queueNotice, requeueFailed } from '../../functions/adapters/dynamodb/outbox-store.ts';
import type { Notice } from '../../functions/core/notices/notice.ts';
import { testOccurrence } from '../support/test-occurrence.ts';

const stack = useEmbeddedStack();
const now = new Date('2026-03-09T01:00:00Z');
const notice: Notice = {
  seriesId: 'child-protection-case-conference',
  slotKey: '2026-03',
  kind: 'invitation',
  variant: 'request',
  sequence: 0,
  recipient: { contactId: 'police-wc-leader', unitId: 'police-women-children', name: '婦幼隊', email: 'squad@example.org' },
  dueAt: now.toISOString(),
};

describe('failed notices', () => {
  it('are listed for the secretariat and can be queued again, once', async () => {
    const { table } = stack();
    expect(await queueNotice(table, notice)).toBe(true);
    const [pending] = (await duePending(table, now, 10)).items;
    const claimed = (await claim(table, pending!, now, 60))!;
    await markFailed(table, claimed, 'MessageRejected 400', now);

    expect((await duePending(table, now, 10)).items).toEqual([]);
    const failed = await listFailed(table);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ status: 'failed', lastError: 'MessageRejected 400', attempts: 1 });

    expect(await requeueFailed(table, failed[0]!, now)).toBe(true);
    expect(await requeueFailed(table, failed[0]!, now)).toBe(false); // already pending again
    expect(await listFailed(table)).toEqual([]);
    expect((await duePending(table, now, 10)).items).toEqual([expect.objectContaining({ status: 'pending', attempts: 0, sk: claimed.sk })]);
  });
});

describe('the dispatcher under pressure', () => {
  it('is not starved by a crowd of items waiting out a backoff at the head of the outbox', async () => {
    const { table } = stack();
    const { sesMailerFromEnv } = await import('../../functions/adapters/ses/ses-mailer.ts');
    const { dispatchOutbox, defaultDispatchOptions } = await import('../../functions/use-cases/dispatch-outbox.ts');
    const { createOccurrence } = await import('../../functions/adapters/dynamodb/occurrence-store.ts');
    const { release } = await import('../../functions/adapters/dynamodb/outbox-store.ts');
    const { config } = await import('../support/planning-fixtures.ts');
    await createOccurrence(
      table,
      testOccurrence({ seriesId: notice.seriesId, slotKey: '2026-04', date: '2026-04-22', chairUnitId: 'health-bureau' }),
    );
    const early = new Date('2026-03-09T00:00:00Z');
    const make = (i: number, dueAt: Date): Notice => ({
      ...notice,
      slotKey: '2026-04',
      variant: `v${String(i).padStart(3, '0')}`,
      dueAt: dueAt.toISOString(),
      recipient: { ...notice.recipient, contactId: `c-${i}` },
    });
    // 210 items ahead in the index, all waiting out a backoff until tomorrow...
    for (let i = 0; i < 210; i++) {
      await queueNotice(table, make(i, early));
      const claimed = (await claim(
        table,
        { pk: keys.outbox(table.county, notice.seriesId, '2026-04'), sk: `invitation#v${String(i).padStart(3, '0')}#0000#c-${i}` },
        now,
        60,
      ))!;
      await release(table, claimed, new Date(now.getTime() + 86_400_000), 'Throttling 400');
    }
    // ...and 20 ready behind them.
    for (let i = 210; i < 230; i++) await queueNotice(table, make(i, now));

    const results = await dispatchOutbox(table, sesMailerFromEnv(), config, {
      ...defaultDispatchOptions,
      maxPerSecond: 200,
      shouldStop: () => false,
      links: () => ({}),
      now: () => now,
    });
    expect(results.filter((r) => r.outcome === 'sent')).toHaveLength(20);
  });
});
