import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { readinessTimeoutMillis } from '../../lib/local-stack/dynamodb-local.ts';

export const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Entries started through the prebuilt launcher rather than tsx: the secretariat's CLI, because
 * `npm run cli` starts it that way, and the tests' own helper processes, because tsx compiles every
 * module again on each start (about 0.9 s of CPU for a CLI command against 0.5 s from the bundle,
 * and the kill test starts a dispatcher 21 times). `bin/local.ts` stays on tsx, as `npm start` runs it.
 */
const prebuiltEntries = [/^bin\/cli\.ts$/, /^test\/support\/processes\//];

/** Runs a TypeScript file as one plain node process (no wrapper process in between), as people start it. */
export function spawnTs(file: string, args: string[] = [], env: NodeJS.ProcessEnv = process.env): ChildProcess {
  const runner = prebuiltEntries.some((entry) => entry.test(file)) ? ['bin/run-prebuilt.mjs'] : ['--import', 'tsx'];
  return spawn(process.execPath, [...runner, file, ...args], { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * How long a child may take to come up or wind down before the test calls it hung. The same budget
 * as DynamoDB Local's start, because a child often starts one (or tsx compiling on a busy machine).
 * Waiting costs nothing when the child is quick: every wait ends as soon as the thing happens.
 */
export const childDeadlineMillis = readinessTimeoutMillis();

/** Resolves with the first stdout line matching the pattern. */
export function waitForLine(child: ChildProcess, pattern: RegExp, timeoutMillis = childDeadlineMillis): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(
      () => reject(new Error(`no line matching ${pattern} within ${timeoutMillis} ms; got: ${buffer}`)),
      timeoutMillis,
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const match = buffer.match(pattern);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`process exited (${code}) before printing ${pattern}; got: ${buffer}`));
    });
  });
}

export function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/**
 * A command's exit code and everything it printed. Node emits 'exit' before the child's stdout and
 * stderr are drained, so a reader that stops at 'exit' can miss the output (a CLI run beside others
 * on a loaded machine read '' with exit 0): this waits for 'close', which comes after both.
 */
export function finished(child: ChildProcess): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Java processes whose command line mentions the text (a port, a data folder). */
export function javaProcessesWith(text: string): string[] {
  const result = spawnSync('pgrep', ['-af', 'DynamoDBLocal'], { encoding: 'utf8' });
  // "PID command…": count the JVMs themselves, not the sh guardian whose command line names them.
  return result.stdout.split('\n').filter((line) => /^\d+ java /.test(line) && line.includes(text));
}

export async function eventually(check: () => boolean, timeoutMillis = childDeadlineMillis): Promise<boolean> {
  const deadline = Date.now() + timeoutMillis;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return check();
}
