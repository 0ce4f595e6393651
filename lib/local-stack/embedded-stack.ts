// The product's local home: DynamoDB Local and the SES emulator on free ports, the table created
// from the same definition the CDK uses, and the environment the Lambda handlers read. Used by
// `npm start` and by the integration tests. Either service can be replaced by one already running
// (DYNAMODB_ENDPOINT, SES_ENDPOINT).
import { join } from 'node:path';
import { startDynamoDbLocal } from './dynamodb-local.ts';
import { startSesEmulator } from './ses-emulator.ts';
import { ensureTable } from './ensure-table.ts';

export type EmbeddedStack = {
  dynamoDbEndpoint: string;
  sesEndpoint: string;
  tableName: string;
  /** The variables the handlers read, as Lambda would get them from the CDK. */
  env: Record<string, string>;
  stop(): Promise<void>;
};

export type EmbeddedStackOptions = {
  /** Keep DynamoDB data in this folder (npm start uses .data/); in memory otherwise. */
  dataDir?: string;
  tableName?: string;
  dynamoDbEndpoint?: string;
  sesEndpoint?: string;
};

export async function startEmbeddedStack(options: EmbeddedStackOptions = {}): Promise<EmbeddedStack> {
  const tableName = options.tableName ?? 'safetynet-meetings';
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s();
  };
  try {
    let dynamoDbEndpoint = options.dynamoDbEndpoint;
    if (!dynamoDbEndpoint) {
      const dynamo = await startDynamoDbLocal(options.dataDir ? { dbPath: join(options.dataDir, 'dynamodb') } : {});
      stops.push(dynamo.stop);
      dynamoDbEndpoint = dynamo.endpoint;
    }
    let sesEndpoint = options.sesEndpoint;
    if (!sesEndpoint) {
      const ses = await startSesEmulator();
      stops.push(ses.stop);
      sesEndpoint = ses.endpoint;
    }
    await ensureTable(dynamoDbEndpoint, tableName);
    return {
      dynamoDbEndpoint,
      sesEndpoint,
      tableName,
      env: { TABLE_NAME: tableName, DYNAMODB_ENDPOINT: dynamoDbEndpoint, SES_ENDPOINT: sesEndpoint, AWS_REGION: 'ap-northeast-1' },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
