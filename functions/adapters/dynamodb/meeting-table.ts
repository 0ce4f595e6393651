// One DynamoDB client per Lambda container, created on first use. Locally DYNAMODB_ENDPOINT points
// at DynamoDB Local; in AWS it is unset and the SDK finds the regional endpoint itself.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, type QueryCommandInput, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';

export type MeetingTable = { client: DynamoDBDocumentClient; tableName: string };

export function meetingTableFromEnv(env: NodeJS.ProcessEnv = process.env): MeetingTable {
  const tableName = env.TABLE_NAME;
  if (!tableName) throw new Error('TABLE_NAME is not set: the function does not know which DynamoDB table to use');
  return { client: documentClient(env.DYNAMODB_ENDPOINT, env.AWS_REGION), tableName };
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

/** Every item a query matches, page after page: DynamoDB returns at most 1 MB at a time. */
export async function queryEverything(
  table: MeetingTable,
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
