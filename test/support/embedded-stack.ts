// Integration tests run against the real local services. The run shares one DynamoDB Local
// (test/global-setup.ts); each test file gets a table of its own in it, created from the same
// definition the CDK uses, and deleted after the file. Each file also gets its own SES emulator,
// in this process: tests read back "all mail sent" and clear the store, which only means something
// if no other file's mail is in it.
import { randomBytes, randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import { DeleteTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { startEmbeddedStack, type EmbeddedStack } from '../../lib/local-stack/embedded-stack.ts';
import { documentClient, type MeetingTable } from '../../functions/adapters/dynamodb/meeting-table.ts';
import { loadCountyConfigFile } from '../../functions/adapters/config/county-config-file.ts';
import { resetRuntime } from '../../functions/handlers/runtime.ts';
import { clearStore } from './ses-store.ts';

export type TestStack = EmbeddedStack & { table: MeetingTable };

export type TestStackOptions = {
  /**
   * A fixed table name, for a file whose child processes cannot be told which table to use. The
   * table must not exist yet: two files on one fixed name would see each other's data.
   */
  tableName?: string;
};

/** Gives the file's tests a fresh table and SES emulator, and points the handlers at them. */
export function useEmbeddedStack(options: TestStackOptions = {}): () => TestStack {
  let stack: TestStack | undefined;
  const envBefore = new Map<string, string | undefined>();
  beforeAll(async () => {
    const dynamoDbEndpoint = inject('dynamoDbEndpoint');
    if (!dynamoDbEndpoint)
      throw new Error(
        'no shared DynamoDB Local: this file needs the local-stack project in vitest.config.ts (its include and globalSetup)',
      );
    if (options.tableName && (await tableExists(dynamoDbEndpoint, options.tableName)))
      throw new Error(`table ${options.tableName} is already in use by another test file`);
    const tableName = options.tableName ?? tableNameFor(expect.getState().testPath ?? 'file');
    const started = await startEmbeddedStack({ dynamoDbEndpoint, tableName });
    const county = loadCountyConfigFile().county.id;
    stack = { ...started, table: { client: documentClient(dynamoDbEndpoint), tableName: started.tableName, county } };
    // The emulator's store belongs to the module, not the server: start from an empty one in case
    // this process ran another file before.
    await clearStore(started.sesEndpoint);
    // Links in notices are signed with a key of the test's own, pointing at a local address.
    const env = {
      ...started.env,
      POWERTOOLS_LOG_LEVEL: 'ERROR',
      LINK_SIGNING_KEY: randomBytes(32).toString('hex'),
      PUBLIC_BASE_URL: 'http://127.0.0.1:3000',
    };
    for (const name of Object.keys(env)) envBefore.set(name, process.env[name]);
    Object.assign(process.env, env);
    resetRuntime();
  });
  afterAll(async () => {
    // A worker runs further files in this process (isolate: false): they start from the
    // environment this file found, not from its table and emulator.
    for (const [name, value] of envBefore) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    resetRuntime();
    if (!stack) return;
    const { table, dynamoDbEndpoint } = stack;
    table.client.destroy();
    try {
      // The shared engine keeps every table in memory until the run ends: give this one back.
      await dropTable(dynamoDbEndpoint, table.tableName);
    } finally {
      await stack.stop();
    }
  });
  return () => {
    if (!stack) throw new Error('the embedded stack is not started');
    return stack;
  };
}

async function withAdminClient<T>(endpoint: string, use: (client: DynamoDBClient) => Promise<T>): Promise<T> {
  const client = new DynamoDBClient({
    endpoint,
    region: 'ap-northeast-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    return await use(client);
  } finally {
    client.destroy();
  }
}

async function dropTable(endpoint: string, tableName: string): Promise<void> {
  await withAdminClient(endpoint, (client) => client.send(new DeleteTableCommand({ TableName: tableName })));
}

async function tableExists(endpoint: string, tableName: string): Promise<boolean> {
  return withAdminClient(endpoint, async (client) => {
    try {
      await client.send(new DescribeTableCommand({ TableName: tableName }));
      return true;
    } catch (error) {
      if ((error as Error).name === 'ResourceNotFoundException') return false;
      throw error;
    }
  });
}

/** A unique table name that still says which file it belongs to, for whoever reads the engine. */
function tableNameFor(file: string): string {
  const slug = basename(file)
    .replace(/\.test\.ts$/, '')
    .replace(/[^A-Za-z0-9_.-]/g, '-')
    .slice(0, 120);
  return `test-${slug}-${randomUUID().slice(0, 8)}`;
}
