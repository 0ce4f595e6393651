// A notice that failed for good stays visible to the secretariat, and can be queued again once
// the cause is fixed, without creating a second item.
import { describe, expect, it } from 'vitest';
import { useEmbeddedStack } from '../support/embedded-stack.ts';
import { claim, duePending, listFailed, markFailed, queueNotice, requeueFailed } from '../../functions/adapters/dynamodb/outbox-store.ts';
import type { Notice } from '../../functions/core/notices/notice.ts';

const stack = useEmbeddedStack();
const now = new Date('2026-03-09T01:00:00Z');
const notice: Notice = { seriesId: 'child-protection-case-conference', slotKey: '2026-03', kind: 'invitation', variant: 'request', sequence: 0, recipient: { contactId: 'police-wc-leader', unitId: 'police-women-children', name: '婦幼隊', email: 'squad@example.org' }, dueAt: now.toISOString() };

describe('failed notices', () => {
  it('are listed for the secretariat and can be queued again, once', async () => {
    const { table } = stack();
    expect(await queueNotice(table, notice)).toBe(true);
    const [pending] = await duePending(table, now, 10);
    const claimed = (await claim(table, pending!, now, 60))!;
    await markFailed(table, claimed, 'MessageRejected 400', now);

    expect(await duePending(table, now, 10)).toEqual([]);
    const failed = await listFailed(table);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ status: 'failed', lastError: 'MessageRejected 400', attempts: 1 });

    expect(await requeueFailed(table, failed[0]!, now)).toBe(true);
    expect(await requeueFailed(table, failed[0]!, now)).toBe(false); // already pending again
    expect(await listFailed(table)).toEqual([]);
    expect(await duePending(table, now, 10)).toEqual([expect.objectContaining({ status: 'pending', attempts: 0, sk: claimed.sk })]);
  });
});
