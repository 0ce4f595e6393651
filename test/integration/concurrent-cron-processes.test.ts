// Two whole cron cycles started at the same moment as separate processes, against one DynamoDB
// Local and one SES emulator: one occurrence per slot, and every invitation sent exactly once.
import { describe, expect, it } from 'vitest';
import { useEmbeddedStack } from '../support/embedded-stack.ts';
import { exited, spawnTs } from '../support/processes.ts';
import { storedEmails } from '../support/ses-store.ts';
import { listOccurrences } from '../../functions/adapters/dynamodb/occurrence-store.ts';
import { config } from '../support/planning-fixtures.ts';

// `npm start -- --once` with DYNAMODB_ENDPOINT set plans the table TABLE_NAME names: this file's own.
const stack = useEmbeddedStack();

describe('two cron cycles racing', () => {
  it('create each occurrence once and send each notice once', async () => {
    const { dynamoDbEndpoint, sesEndpoint, tableName, table } = stack();
    const env = { ...process.env, DYNAMODB_ENDPOINT: dynamoDbEndpoint, SES_ENDPOINT: sesEndpoint, TABLE_NAME: tableName };
    const args = ['bin/local.ts', '--once', '--now', '2026-03-09T09:00+08:00'];
    const [a, b] = [spawnTs(args[0]!, args.slice(1), env), spawnTs(args[0]!, args.slice(1), env)];
    expect(await Promise.all([exited(a), exited(b)])).toEqual([0, 0]);

    for (const series of config.series) {
      const stored = await listOccurrences(table, series.id);
      expect(stored.length).toBeGreaterThan(0);
      expect(new Set(stored.map((o) => o.slotKey)).size).toBe(stored.length);
    }
    const emails = await storedEmails(sesEndpoint);
    const identities = emails.map((e) => `${e.subject}→${e.destination.to.join()}`);
    expect(emails.length).toBeGreaterThan(20);
    expect(new Set(identities).size).toBe(identities.length);
  });
});
