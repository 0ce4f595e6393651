// Who owns a local data folder's DynamoDB engine, and where its running stack answers.
//
// DynamoDB Local keeps the folder's data in one SQLite file; two engines on it would each believe
// they own it. So whoever is about to start an engine on a folder first creates
// `<folder>/local-stack.lock` exclusively (write a temporary file, then link(2) it into place:
// the link fails if the lock exists, and nobody ever sees a half-written lock). It holds the
// owner's pid, and once `npm start` is up, its endpoints, so that CLI commands and `--once` use the
// running stack instead of starting an engine of their own.
//
// A lock whose owner has died (or whose published endpoint no longer answers: a reused pid) is
// stale and is taken over. Before any engine starts, the process list is checked for a JVM still
// running on the folder (the dead owner's engine may take a moment to exit), so two engines never
// overlap even when a lock was lost.
import { randomUUID } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';

/** What `npm start` publishes: enough for another process to act on the same stack. */
export type StackEndpoints = {
  dynamoDbEndpoint: string;
  sesEndpoint: string;
  tableName: string;
  /** The local pages and API (links in notices point here). */
  httpBaseUrl?: string;
};

export type LockRecord = {
  pid: number;
  /** How a person would recognise the owner: "npm start", "npm run cli -- chairs", … */
  command: string;
  startedAt: string;
  /** Unique per claim, so a lock can be told apart from a newer one with the same pid. */
  token: string;
  stack?: StackEndpoints;
};

export type LockVerdict =
  | { state: 'free' }
  /** The owner is gone (or its endpoint is): the lock may be taken over. */
  | { state: 'stale'; text: string; why: string }
  /** A live stack that answers on its published endpoints. */
  | { state: 'running'; record: LockRecord & { stack: StackEndpoints } }
  /** A live owner that has not published endpoints (starting, or a command's private engine). */
  | { state: 'held'; record: LockRecord };

/** The folder is in use; the message is the one line the person sees. */
export class DataFolderBusyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataFolderBusyError';
  }
}

export type FolderClaim = {
  readonly lockFile: string;
  /** Why a lock left by an earlier owner was taken over, if one was. */
  readonly replacedStaleLock: string | undefined;
  /** Makes the running stack findable by other processes (npm start, once it answers). */
  publish(stack: StackEndpoints): void;
  /** Removes the lock, if it is still ours. Call only once the engine has stopped. */
  release(): void;
};

export function lockFileOf(dataDir: string): string {
  return join(resolve(dataDir), 'local-stack.lock');
}

/** The folder DynamoDB Local keeps its data in, as dynamodb-local.ts passes it to Java. */
export function engineFolderOf(dataDir: string): string {
  return resolve(join(dataDir, 'dynamodb'));
}

/** Reads and judges the lock of a data folder. Never changes anything. */
export async function inspectDataFolder(dataDir: string): Promise<LockVerdict> {
  const text = readLock(lockFileOf(dataDir));
  return text === undefined ? { state: 'free' } : judge(text);
}

/**
 * Takes the data folder for an engine this process is about to start. Throws DataFolderBusyError
 * if a live process holds it, or if a DynamoDB Local still runs on it without a lock.
 */
export async function claimDataFolder(dataDir: string, command: string): Promise<FolderClaim> {
  const lockFile = lockFileOf(dataDir);
  mkdirSync(resolve(dataDir), { recursive: true });
  const record: LockRecord = { pid: process.pid, command, startedAt: new Date().toISOString(), token: randomUUID() };
  let replacedStaleLock: string | undefined;
  for (;;) {
    if (createExclusively(lockFile, serialise(record))) break;
    const text = readLock(lockFile);
    if (text === undefined) continue; // released between our attempt and our read
    const verdict = await judge(text);
    if (verdict.state === 'running' || verdict.state === 'held') throw new DataFolderBusyError(busyMessage(dataDir, verdict.record));
    if (verdict.state === 'stale') replacedStaleLock = verdict.why;
    moveAsideIfUnchanged(lockFile, text);
  }
  const claim = folderClaim(lockFile, record, replacedStaleLock);
  try {
    await waitForNoEngine(dataDir);
  } catch (error) {
    claim.release();
    throw error;
  }
  return claim;
}

function folderClaim(lockFile: string, record: LockRecord, replacedStaleLock: string | undefined): FolderClaim {
  const ours = () => parseLock(readLock(lockFile) ?? '')?.token === record.token;
  return {
    lockFile,
    replacedStaleLock,
    publish(stack) {
      // Replaced by rename, so a reader sees the old lock or the new one, never half of one. Only
      // the owner writes a live lock, so checking first is enough.
      if (!ours()) throw new DataFolderBusyError(`本機資料夾的鎖檔 ${lockFile} 已被他人取代，無法公布本機環境的位址。`);
      const temporary = `${lockFile}.${process.pid}.${randomUUID()}`;
      writeFileSync(temporary, serialise({ ...record, stack }), { mode: 0o600 });
      renameSync(temporary, lockFile);
    },
    release() {
      if (ours()) unlinkQuietly(lockFile);
    },
  };
}

function serialise(record: LockRecord): string {
  return `${JSON.stringify(record, null, 2)}\n`;
}

export function parseLock(text: string): LockRecord | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockRecord> | null;
    if (!value || typeof value.pid !== 'number' || typeof value.token !== 'string') return undefined;
    return value as LockRecord;
  } catch {
    return undefined;
  }
}

function readLock(lockFile: string): string | undefined {
  try {
    return readFileSync(lockFile, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Creates the file with its whole content, or returns false if it exists. */
function createExclusively(file: string, text: string): boolean {
  const temporary = `${file}.${process.pid}.${randomUUID()}`;
  writeFileSync(temporary, text, { mode: 0o600 });
  try {
    linkSync(temporary, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkQuietly(temporary);
  }
}

/**
 * Removes a stale lock, but only the very lock that was judged: it is renamed aside first (atomic)
 * and compared. If a live owner replaced it in between, that lock is linked back into place.
 */
function moveAsideIfUnchanged(lockFile: string, judged: string): void {
  const aside = `${lockFile}.stale.${process.pid}.${randomUUID()}`;
  try {
    renameSync(lockFile, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  try {
    if (readFileSync(aside, 'utf8') !== judged) linkSync(aside, lockFile);
  } catch (error) {
    // EEXIST: yet another process created a lock meanwhile; its claim stands.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkQuietly(aside);
  }
}

async function judge(text: string): Promise<LockVerdict> {
  const record = parseLock(text);
  if (!record) return { state: 'stale', text, why: '鎖檔內容無法辨識' };
  if (!processIsAlive(record.pid)) return { state: 'stale', text, why: `程序 ${record.pid} 已結束` };
  const stack = record.stack;
  if (!stack) return { state: 'held', record };
  if (await endpointAnswers(stack)) return { state: 'running', record: { ...record, stack } };
  return { state: 'stale', text, why: `${stack.dynamoDbEndpoint} 沒有回應` };
}

/** Alive: signal 0 is deliverable and the process is not a zombie waiting to be reaped. */
export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    // Linux: field 3 of /proc/<pid>/stat is the state; Z is a process that has already exited.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true; // no /proc (macOS): signal 0 is all we can tell
  }
}

/**
 * Whether DynamoDB answers at the endpoint: any reply carrying its request id will do (an unsigned
 * request gets a 400, which is enough to know who answered; another server on a reused port would
 * not say that). A refused connection is known at once; the wait only matters for an engine that
 * is alive but slow, and a loaded machine can make it slow, so it is generous.
 */
export function endpointAnswers(stack: StackEndpoints | undefined, timeoutMillis = 15_000): Promise<boolean> {
  if (!stack) return Promise.resolve(false);
  return new Promise((done) => {
    const probe = request(
      stack.dynamoDbEndpoint,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.ListTables' },
        timeout: timeoutMillis,
      },
      (response) => {
        response.resume();
        done(response.headers['x-amzn-requestid'] !== undefined);
      },
    );
    probe.on('timeout', () => probe.destroy(new Error('timeout')));
    probe.on('error', () => done(false));
    probe.end('{}');
  });
}

/** DynamoDB Local processes (the JVMs) whose data folder is this one. */
export function enginesOn(dataDir: string): number[] {
  const flag = `-dbPath ${engineFolderOf(dataDir)}`;
  const listing = spawnSync('ps', ['-A', '-ww', '-o', 'pid=', '-o', 'args='], { encoding: 'utf8' });
  if (listing.error || listing.status !== 0) return []; // no ps: the lock alone has to do
  return listing.stdout
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\S+)(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null && /(^|\/)java$/.test(m[2]!) && m[3]!.includes('DynamoDBLocal'))
    .filter((m) => m[3]!.includes(`${flag} `) || m[3]!.endsWith(flag))
    .map((m) => Number(m[1]));
}

/** The engine of an owner that just died exits within moments; one that stays is refused. */
async function waitForNoEngine(dataDir: string, timeoutMillis = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMillis;
  let engines = enginesOn(dataDir);
  while (engines.length > 0 && Date.now() < deadline) {
    await new Promise((done) => setTimeout(done, 200));
    engines = enginesOn(dataDir);
  }
  if (engines.length > 0)
    throw new DataFolderBusyError(
      `資料夾 ${dataDir} 仍有一個 DynamoDB Local（程序 ${engines.join('、')}）在執行，不能再啟動第二個；請先結束該程序。`,
    );
}

function busyMessage(dataDir: string, record: LockRecord): string {
  if (record.stack)
    return `本機環境已在執行（${record.command}，程序 ${record.pid}，${record.stack.httpBaseUrl ?? record.stack.dynamoDbEndpoint}），同一個資料夾 ${dataDir} 不能再啟動第二個。`;
  return `資料夾 ${dataDir} 正由程序 ${record.pid}（${record.command}）使用，同一個資料夾不能啟動兩個 DynamoDB Local；請待它結束再試。`;
}

function unlinkQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
