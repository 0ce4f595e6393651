// No JVM may outlive what started it: not after a clean stop, not when the owner is killed
// outright, not after Ctrl-C on `npm start`. And without Java, one clear line.
import { mkdtempSync, rmSync, symlinkSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { startDynamoDbLocal } from '../../lib/local-stack/dynamodb-local.ts';
import { eventually, exited, javaProcessesWith, spawnTs, waitForLine } from '../support/processes.ts';
import { shortLivedJvm } from '../support/short-lived-jvm.ts';

const portOf = (endpoint: string) => new URL(endpoint).port;
/** The environment of the processes these tests start: their JVMs live for seconds. */
const childEnv = (): NodeJS.ProcessEnv => ({ ...process.env, ...shortLivedJvm });

describe('the embedded local stack', () => {
  it('leaves no DynamoDB Local process behind after stop()', async () => {
    // Started from this process, so the variable is set here, and given back for the next file.
    const before = process.env.JAVA_TOOL_OPTIONS;
    process.env.JAVA_TOOL_OPTIONS = shortLivedJvm.JAVA_TOOL_OPTIONS;
    onTestFinished(() => {
      if (before === undefined) delete process.env.JAVA_TOOL_OPTIONS;
      else process.env.JAVA_TOOL_OPTIONS = before;
    });
    const dynamo = await startDynamoDbLocal();
    const port = portOf(dynamo.endpoint);
    expect(javaProcessesWith(`-port ${port}`)).toHaveLength(1);
    await dynamo.stop();
    expect(await eventually(() => javaProcessesWith(`-port ${port}`).length === 0)).toBe(true);
  });

  it('takes DynamoDB Local down with it when its node process is killed with SIGKILL', async () => {
    const holder = spawnTs('test/support/processes/hold-dynamodb-local.ts', [], childEnv());
    onTestFinished(() => void holder.kill('SIGKILL'));
    const [, endpoint] = await waitForLine(holder, /ENDPOINT (\S+)/);
    const port = portOf(endpoint!);
    expect(javaProcessesWith(`-port ${port}`)).toHaveLength(1);
    holder.kill('SIGKILL');
    await exited(holder);
    expect(await eventually(() => javaProcessesWith(`-port ${port}`).length === 0)).toBe(true);
  });

  it('stops everything on Ctrl-C (SIGINT) to npm start', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'safetynet-start-'));
    let start: ReturnType<typeof spawnTs> | undefined;
    try {
      start = spawnTs(
        'bin/local.ts',
        ['--port', '0', '--data-dir', dataDir, '--now', '2026-03-09T09:00+08:00', '--tick-seconds', '3600'],
        childEnv(),
      );
      await waitForLine(start, /Press Ctrl-C to stop/);
      expect(javaProcessesWith(dataDir)).toHaveLength(1);
      start.kill('SIGINT');
      expect(await exited(start)).toBe(0);
      expect(await eventually(() => javaProcessesWith(dataDir).length === 0)).toBe(true);
    } finally {
      // A failed assertion must not leave the stack running for the rest of the suite.
      if (start && start.exitCode === null) start.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('says in one line that Java is missing, and how to fix it, and exits non-zero', async () => {
    // A PATH with node on it and nothing else: no java.
    const bin = mkdtempSync(join(tmpdir(), 'safetynet-nojava-'));
    mkdirSync(join(bin, 'bin'));
    symlinkSync(process.execPath, join(bin, 'bin', 'node'));
    try {
      const env: NodeJS.ProcessEnv = { ...process.env, PATH: join(bin, 'bin') };
      delete env.DYNAMODB_ENDPOINT;
      const start = spawnTs('bin/local.ts', ['--once', '--data-dir', join(bin, 'data')], env);
      let stderr = '';
      start.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      expect(await exited(start)).toBe(1);
      const lines = stderr
        .trim()
        .split('\n')
        .filter((line) => !line.includes('nodedir'));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/Java 17/);
      expect(lines[0]).toMatch(/apt-get install -y openjdk-17-jre-headless/);
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  });
});
