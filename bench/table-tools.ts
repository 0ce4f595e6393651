// What the planning benches (P1/P2 in planning.ts, N1/N2 in national-scale.ts) do to a table beside
// the planner: a fresh table for each measurement, a client whose requests are counted, the
// baseline they compare it with and the rounds that alternate the two, reading back what it left,
// and dropping the table between rounds. One copy, so the two benches measure alike.
import { BatchWriteCommand, ScanCommand, type BatchWriteCommandInput, type BatchWriteCommandOutput } from '@aws-sdk/lib-dynamodb';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ensureTable } from '../lib/local-stack/ensure-table.ts';
import { documentClient, type TableConnection } from '../functions/adapters/dynamodb/meeting-table.ts';
import { countRequests, type RequestCounter } from '../test/support/request-counter.ts';

export type WithTable = <T>(use: (tableName: string) => Promise<T>) => Promise<T>;

/** A table for one measurement, deleted after it: DynamoDB Local in memory keeps every table in its heap. */
export function tablePerMeasurement(endpoint: string, prefix: string): WithTable {
  let tables = 0;
  return async (use) => {
    const name = `${prefix}-${Date.now()}-${++tables}`;
    await ensureTable(endpoint, name);
    try {
      return await use(name);
    } finally {
      await dropTable(endpoint, name);
    }
  };
}

/** A client of its own whose every request is counted by command (test/support/request-counter.ts). */
export function countedConnection(endpoint: string, tableName: string): { connection: TableConnection; counter: RequestCounter } {
  const client = documentClient(endpoint);
  return { connection: { client, tableName }, counter: countRequests(client) };
}

/**
 * A first plan measured against a raw batch write of the items it left. The first round warms the
 * JVM and V8 up, is not counted, and gives the items the raw batch writes. Then plan and batch
 * alternate, each going first every other round, so a machine that slows down or speeds up (this
 * one is shared), or an engine collecting garbage, weighs on both alike.
 */
export async function planAgainstRawBatch<P extends { items: Record<string, unknown>[] }>(
  endpoint: string,
  withTable: WithTable,
  plan: (tableName: string) => Promise<P>,
  rounds: number,
): Promise<{ items: Record<string, unknown>[]; plans: P[]; batches: Array<{ millis: number; requests: number }> }> {
  const { items } = await withTable(plan);
  await withTable((name) => rawBatchWrite(endpoint, name, items));
  const plans: P[] = [];
  const batches: Array<{ millis: number; requests: number }> = [];
  for (let round = 1; round <= rounds; round++) {
    if (round % 2 === 1) plans.push(await withTable(plan));
    batches.push(await withTable((name) => rawBatchWrite(endpoint, name, items)));
    if (round % 2 === 0) plans.push(await withTable(plan));
  }
  return { items, plans, batches };
}

type WriteRequests = NonNullable<BatchWriteCommandInput['RequestItems']>[string];

/** The same items, written with no conditions, 25 to a BatchWriteItem, one request after another. */
export async function rawBatchWrite(endpoint: string, tableName: string, items: readonly Record<string, unknown>[]) {
  const client = documentClient(endpoint);
  let requests = 0;
  try {
    const started = performance.now();
    for (let i = 0; i < items.length; i += 25) {
      let pending: WriteRequests | undefined = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
      while (pending && pending.length > 0) {
        requests += 1;
        const result: BatchWriteCommandOutput = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
        pending = result.UnprocessedItems?.[tableName];
      }
    }
    return { millis: performance.now() - started, requests };
  } finally {
    client.destroy();
  }
}

/** Every item of the table, page by page. */
export async function everything(connection: TableConnection): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await connection.client.send(new ScanCommand({ TableName: connection.tableName, ExclusiveStartKey: startKey }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

export async function dropTable(endpoint: string, tableName: string): Promise<void> {
  const client = new DynamoDBClient({
    endpoint,
    region: 'ap-northeast-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    await client.send(new DeleteTableCommand({ TableName: tableName }));
  } finally {
    client.destroy();
  }
}
