// Where the secretariat's CLI finds the table: a deployed one (TABLE_NAME and AWS credentials, no
// endpoint), one already running (DYNAMODB_ENDPOINT), the stack `npm start` runs on the data folder
// (found through the folder's lock), or, when none runs, a DynamoDB Local of its own on the folder.
import { documentClient, type MeetingTable } from '../../functions/adapters/dynamodb/meeting-table.ts';
import type { CountyId } from '../../functions/adapters/dynamodb/keys.ts';
import { startDynamoDbLocal } from './dynamodb-local.ts';
import { ensureTable } from './ensure-table.ts';
import { engineFolderOf } from './data-folder-lock.ts';
import { findOrClaimLocalStack } from './running-stack.ts';

export type OpenTable = {
  table: MeetingTable;
  /** Where the table was found, for a one-line note to the person. */
  source: 'environment' | 'running-stack' | 'own-engine';
  close: () => Promise<void>;
};

export type OpenTableOptions = {
  env?: NodeJS.ProcessEnv;
  /** How the lock names this process to others (e.g. "npm run cli -- chairs"). */
  command?: string;
  /** Told once before a DynamoDB Local is started for this command alone (it takes a while). */
  onStartingOwnEngine?: () => void;
  /** Told once when an `npm start` on the folder is still starting and the command waits for it. */
  onWaitingForStart?: (pid: number) => void;
};

/** The table as `county` sees it: every command acts on one county. */
export async function openTable(dataDir: string, county: CountyId, options: OpenTableOptions = {}): Promise<OpenTable> {
  const env = options.env ?? process.env;
  const tableName = env.TABLE_NAME ?? 'safetynet-meetings';
  if (env.DYNAMODB_ENDPOINT) {
    await ensureTable(env.DYNAMODB_ENDPOINT, tableName);
    const client = documentClient(env.DYNAMODB_ENDPOINT);
    return { table: { client, tableName, county }, source: 'environment', close: () => Promise.resolve(client.destroy()) };
  }
  if (env.TABLE_NAME) {
    const client = documentClient(undefined, env.AWS_REGION);
    return { table: { client, tableName, county }, source: 'environment', close: () => Promise.resolve(client.destroy()) };
  }
  const access = await findOrClaimLocalStack(dataDir, options.command ?? 'npm run cli', {
    onWaiting: (owner) => options.onWaitingForStart?.(owner.pid),
  });
  if (access.kind === 'running') {
    // npm start created the table when it started; it is the one it published.
    const client = documentClient(access.stack.dynamoDbEndpoint);
    return {
      table: { client, tableName: access.stack.tableName, county },
      source: 'running-stack',
      close: () => Promise.resolve(client.destroy()),
    };
  }
  const { claim } = access;
  try {
    options.onStartingOwnEngine?.();
    const dynamo = await startDynamoDbLocal({ dbPath: engineFolderOf(dataDir) });
    const client = documentClient(dynamo.endpoint);
    const close = async () => {
      client.destroy();
      await dynamo.stop();
      claim.release(); // only once the engine has stopped
    };
    try {
      await ensureTable(dynamo.endpoint, tableName);
    } catch (error) {
      await close();
      throw error;
    }
    return { table: { client, tableName, county }, source: 'own-engine', close };
  } catch (error) {
    claim.release();
    throw error;
  }
}
