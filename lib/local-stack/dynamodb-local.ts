// AWS's own DynamoDB engine (DynamoDB Local), the jar shipped in the npm package
// amplify-dynamodb-simulator, run with the machine's Java. Same transactions and
// condition expressions as the real service, which is what our idempotency rests on.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { freePort } from './free-port.ts';

export class JavaMissingError extends Error {
  constructor() {
    super(
      'DynamoDB Local needs Java 17 or later and none was found on PATH: install it (Debian: apt-get install -y openjdk-17-jre-headless) or set DYNAMODB_ENDPOINT to a DynamoDB that is already running.',
    );
    this.name = 'JavaMissingError';
  }
}

export type DynamoDbLocal = { endpoint: string; stop: () => Promise<void> };

export type DynamoDbLocalOptions = {
  /** Folder to keep the data in (npm start). Without it, the data lives in memory (tests). */
  dbPath?: string;
};

function jarFolder(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('amplify-dynamodb-simulator/package.json')), 'emulator');
}

export function assertJavaAvailable(): void {
  const probe = spawnSync('java', ['-version'], { stdio: 'ignore' });
  if (probe.error || probe.status !== 0) throw new JavaMissingError();
}

export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  assertJavaAvailable();
  const port = await freePort();
  const folder = jarFolder();
  // Java runs in the jar's folder (it finds its native libraries there), so the data path is absolute.
  const dbPath = options.dbPath ? resolve(options.dbPath) : undefined;
  const storage = dbPath ? ['-dbPath', dbPath] : ['-inMemory'];
  if (dbPath) mkdirSync(dbPath, { recursive: true });
  const java = [
    'java',
    '-Xmx512m',
    `-Djava.library.path=${join(folder, 'DynamoDBLocal_lib')}`,
    '-jar',
    join(folder, 'DynamoDBLocal.jar'),
    ...storage,
    '-sharedDb',
    '-port',
    String(port),
  ];
  // A small sh guardian owns the JVM and kills it as soon as our end of its stdin closes. Node
  // closes that pipe when it exits for any reason, even SIGKILL, so no JVM outlives its owner.
  // The guardian itself ends when the JVM does, so a JVM that fails to start is seen at once.
  // (A background job's stdin is /dev/null in sh, hence the pipe is kept on fd 3 for the watcher.)
  const guardian = `exec 3<&0; ${java.map(shellQuote).join(' ')} </dev/null & jvm=$!; { cat <&3 >/dev/null; kill $jvm 2>/dev/null; } & wait $jvm`;
  const child = spawn('sh', ['-c', guardian], { stdio: ['pipe', 'ignore', 'pipe'], cwd: folder });
  const endpoint = `http://127.0.0.1:${port}`;
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((done) =>
    child.once('exit', () => {
      child.stdin?.end(); // lets the guardian's watcher (cat) finish too
      done();
    }),
  );

  try {
    await waitUntilAnswering(endpoint, child);
  } catch (error) {
    await stopGuardian(child, exited);
    throw new Error(`DynamoDB Local did not start on port ${port}: ${String(error)} ${stderr.trim()}`, { cause: error });
  }
  return { endpoint, stop: () => stopGuardian(child, exited) };
}

async function stopGuardian(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) child.stdin?.end();
  await exited;
}

/**
 * How long to wait for a starting JVM to answer. A loaded machine (tests beside other work, a CI
 * box) can take minutes to start Java, so the default is generous; a JVM that dies is seen at once
 * anyway, because the guardian ends with it. LOCAL_STACK_READY_TIMEOUT_SECONDS overrides it.
 */
export function readinessTimeoutMillis(env: NodeJS.ProcessEnv = process.env): number {
  const seconds = Number(env.LOCAL_STACK_READY_TIMEOUT_SECONDS);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 300_000;
}

async function waitUntilAnswering(endpoint: string, child: ChildProcess): Promise<void> {
  const client = new DynamoDBClient({
    endpoint,
    region: 'ap-northeast-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  const timeout = readinessTimeoutMillis();
  const deadline = Date.now() + timeout;
  try {
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`java exited (${child.exitCode ?? child.signalCode})`);
      try {
        // One attempt may wait as long as the deadline allows: a JVM that has bound its port but is
        // still starting answers late, and that is no reason to give up on it.
        await client.send(new ListTablesCommand({ Limit: 1 }), { abortSignal: AbortSignal.timeout(Math.max(1, deadline - Date.now())) });
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
    throw new Error(
      `no answer within ${Math.round(timeout / 1000)} s (set LOCAL_STACK_READY_TIMEOUT_SECONDS to wait longer on a busy machine)`,
    );
  } finally {
    client.destroy();
  }
}

function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
