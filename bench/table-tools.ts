// What the planning benches (P1/P2 in planning.ts, N1/N2 in national-scale.ts) do to a table beside
// the planner: the baseline they compare it with, reading back what it left, and dropping the table
// between rounds. One copy, so the two benches measure against the same baseline.
import { BatchWriteCommand, ScanCommand, type BatchWriteCommandInput, type BatchWriteCommandOutput } from '@aws-sdk/lib-dynamodb';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { documentClient, type TableConnection } from '../functions/adapters/dynamodb/meeting-table.ts';

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
