// The product's local home: DynamoDB Local and the SES emulator on free ports, the table created
// from the same definition the CDK uses, and the environment the Lambda handlers read. Used by
// `npm start` and by the integration tests. Either service can be replaced by one already running
// (DYNAMODB_ENDPOINT, SES_ENDPOINT).
//
// An engine kept in a data folder is started only once the folder is taken (data-folder-lock.ts):
// never two engines on one folder. The folder is given back after the engine has stopped.
import { startDynamoDbLocal } from './dynamodb-local.ts';
import { startSesEmulator } from './ses-emulator.ts';
import { ensureTable } from './ensure-table.ts';
import { claimDataFolder, engineFolderOf, type FolderClaim } from './data-folder-lock.ts';

export type EmbeddedStack = {
  dynamoDbEndpoint: string;
  sesEndpoint: string;
  tableName: string;
  /** The variables the handlers read, as Lambda would get them from the CDK. */
  env: Record<string, string>;
  /** The folder's lock, when this stack started the engine on a data folder. */
  claim: FolderClaim | undefined;
  stop(): Promise<void>;
};

export type EmbeddedStackOptions = {
  /** Keep DynamoDB data in this folder (npm start uses .data/); in memory otherwise. */
  dataDir?: string;
  /** The folder already taken by the caller (it looked for a running stack first). */
  claim?: FolderClaim;
  /** Who takes the folder, as the lock records it for others to read (default "npm start"). */
  command?: string;
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
  let claim = options.claim;
  try {
    let dynamoDbEndpoint = options.dynamoDbEndpoint;
    if (!dynamoDbEndpoint) {
      if (options.dataDir) claim ??= await claimDataFolder(options.dataDir, options.command ?? 'npm start');
      const taken = claim;
      if (taken) stops.push(() => Promise.resolve(taken.release())); // runs last: after the engine has stopped
      const dynamo = await startDynamoDbLocal(options.dataDir ? { dbPath: engineFolderOf(options.dataDir) } : {});
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
      claim: options.dynamoDbEndpoint ? undefined : claim,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
