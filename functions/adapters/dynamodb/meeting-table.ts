// One DynamoDB client per Lambda container, created on first use. Locally DYNAMODB_ENDPOINT points
// at DynamoDB Local; in AWS it is unset and the SDK finds the regional endpoint itself.
//
// A MeetingTable is the table as one county sees it: every store function builds its keys from
// `county` (keys.ts), so code that holds a county's table cannot name another county's items.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, type QueryCommandInput, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import type { CountyId } from './keys.ts';

/** The table without a county: only for the national office calendar and for administration. */
export type TableConnection = { client: DynamoDBDocumentClient; tableName: string };

/** The table scoped to one county. */
export type MeetingTable = TableConnection & { county: CountyId };

export function tableConnectionFromEnv(env: NodeJS.ProcessEnv = process.env): TableConnection {
  const tableName = env.TABLE_NAME;
  if (!tableName) throw new Error('TABLE_NAME is not set: the function does not know which DynamoDB table to use');
  const { DYNAMODB_ENDPOINT: endpoint, AWS_REGION: region } = env;
  // Made at the first request's first read, not when the HTTP functions build their apps at import:
  // building the client was about 5 ms of a cold import (issue 13 §5, bench/bundles.ts), and the
  // first request pays it once either way.
  let client: DynamoDBDocumentClient | undefined;
  return {
    get client() {
      return (client ??= documentClient(endpoint, region));
    },
    tableName,
  };
}

export function forCounty(connection: TableConnection, county: CountyId): MeetingTable {
  // A getter, so a county's table made at import does not make the connection's client early.
  return {
    get client() {
      return connection.client;
    },
    tableName: connection.tableName,
    county,
  };
}

export function documentClient(endpoint?: string, region?: string): DynamoDBDocumentClient {
  const local = endpoint !== undefined && endpoint !== '';
  const base = new DynamoDBClient({
    region: region ?? 'ap-northeast-1',
    ...(local ? { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  });
  return DynamoDBDocumentClient.from(base, { marshallOptions: { removeUndefinedValues: true } });
}

export function isConditionFailure(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name;
  return name === 'ConditionalCheckFailedException' || name === 'TransactionCanceledException';
}

/**
 * Runs a conditional write. Returns false when its condition (or a transaction's) refused it: the
 * expected outcome of a lost race, which callers decide about. Any other error is thrown.
 */
export async function writeIf(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/**
 * Runs a TransactWriteItems whose actions carry conditions, for a caller that must know which
 * action was refused. Returns undefined when it went through; when DynamoDB cancelled it, the
 * reason per action, in order: 'ConditionalCheckFailed' (its condition did not hold),
 * 'TransactionConflict' (another write held the item at that moment), 'None' (the action was fine
 * and was cancelled with the rest). Any other error is thrown.
 */
export async function transactIf(write: () => Promise<unknown>): Promise<string[] | undefined> {
  try {
    await write();
    return undefined;
  } catch (error) {
    const e = error as { name?: string; CancellationReasons?: Array<{ Code?: string }> } | null;
    if (e?.name !== 'TransactionCanceledException' || !e.CancellationReasons) throw error;
    return e.CancellationReasons.map((reason) => reason.Code ?? 'None');
  }
}

/** Every item a query matches, page after page: DynamoDB returns at most 1 MB at a time. */
export async function queryEverything(
  table: TableConnection,
  input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: QueryCommandOutput['LastEvaluatedKey'];
  do {
    const page = await table.client.send(new QueryCommand({ ...input, TableName: table.tableName, ExclusiveStartKey: startKey }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/** Every item of one partition whose sort key starts with `skPrefix` (all of it when empty). */
export async function queryPartition(table: TableConnection, pk: string, skPrefix = ''): Promise<Record<string, unknown>[]> {
  return queryEverything(table, {
    KeyConditionExpression: skPrefix ? 'pk = :pk AND begins_with(sk, :prefix)' : 'pk = :pk',
    ExpressionAttributeValues: skPrefix ? { ':pk': pk, ':prefix': skPrefix } : { ':pk': pk },
    ConsistentRead: true,
  });
}
