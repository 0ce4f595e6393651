// Integration tests run against the real local services: one embedded stack per test file,
// stopped in afterAll so no JVM outlives the run.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { startEmbeddedStack, type EmbeddedStack } from '../../lib/local-stack/embedded-stack.ts';
import { documentClient, type MeetingTable } from '../../functions/adapters/dynamodb/meeting-table.ts';
import { resetRuntime } from '../../functions/handlers/runtime.ts';

export type TestStack = EmbeddedStack & { table: MeetingTable };

/** Starts the stack before the file's tests and points the handlers at it. */
export function useEmbeddedStack(): () => TestStack {
  let stack: TestStack | undefined;
  beforeAll(async () => {
    const started = await startEmbeddedStack();
    // Links in notices are signed with a key of the test's own, pointing at a local address.
    Object.assign(process.env, started.env, {
      POWERTOOLS_LOG_LEVEL: 'ERROR',
      LINK_SIGNING_KEY: randomBytes(32).toString('hex'),
      PUBLIC_BASE_URL: 'http://127.0.0.1:3000',
    });
    resetRuntime();
    stack = { ...started, table: { client: documentClient(started.dynamoDbEndpoint), tableName: started.tableName } };
  });
  afterAll(async () => {
    stack?.table.client.destroy();
    await stack?.stop();
  });
  return () => {
    if (!stack) throw new Error('the embedded stack is not started');
    return stack;
  };
}
