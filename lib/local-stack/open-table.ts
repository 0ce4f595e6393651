// Where the secretariat's CLI finds the table: a deployed one (TABLE_NAME and AWS credentials, no
// endpoint), one already running (DYNAMODB_ENDPOINT), or the persisted local stack in .data/.
import { documentClient, type MeetingTable } from '../../functions/adapters/dynamodb/meeting-table.ts';
import { startDynamoDbLocal } from './dynamodb-local.ts';
import { ensureTable } from './ensure-table.ts';

export type OpenTable = { table: MeetingTable; close: () => Promise<void> };

export async function openTable(dataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<OpenTable> {
  const tableName = env.TABLE_NAME ?? 'safetynet-meetings';
  if (env.DYNAMODB_ENDPOINT) {
    await ensureTable(env.DYNAMODB_ENDPOINT, tableName);
    const client = documentClient(env.DYNAMODB_ENDPOINT);
    return { table: { client, tableName }, close: () => Promise.resolve(client.destroy()) };
  }
  if (env.TABLE_NAME) {
    const client = documentClient(undefined, env.AWS_REGION);
    return { table: { client, tableName }, close: () => Promise.resolve(client.destroy()) };
  }
  const dynamo = await startDynamoDbLocal({ dbPath: `${dataDir}/dynamodb` });
  await ensureTable(dynamo.endpoint, tableName);
  const client = documentClient(dynamo.endpoint);
  return {
    table: { client, tableName },
    close: async () => {
      client.destroy();
      await dynamo.stop();
    },
  };
}
