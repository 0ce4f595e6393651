// The local toolchain the secretariat types into between phone calls: a CLI command uses the stack
// `npm start` is running instead of starting a DynamoDB Local of its own; --help and a mistyped
// command start nothing; two engines never run on one data folder; and a lock left behind by a
// stack that died does not stand in anyone's way.
//
// "Started nothing" is observed, not inferred: the commands that must not start DynamoDB Local run
// with a `java` on PATH that only records that it was called (and fails, as a missing Java would).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { claimDataFolder, lockFileOf, parseLock, type LockRecord } from '../../lib/local-stack/data-folder-lock.ts';
import { freePort } from '../../lib/local-stack/free-port.ts';
import { eventually, exited, javaProcessesWith, projectRoot, spawnTs, waitForLine } from '../support/processes.ts';
import { shortLivedJvm } from '../support/short-lived-jvm.ts';

const scratch = mkdtempSync(join(tmpdir(), 'safetynet-toolchain-'));
// The prebuilt CLI is built afresh for this file, as on a fresh clone (inside node_modules, where
// its packages resolve from).
const prebuiltCache = join(projectRoot, 'node_modules', '.cache', `safetynet-meetings-test-${randomUUID()}`);
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
  rmSync(prebuiltCache, { recursive: true, force: true });
});

/** A `java` that leaves a mark and fails: any attempt to start DynamoDB Local is seen. */
function recordingJava(): { path: string; wasCalled: () => boolean } {
  const bin = join(scratch, `java-${randomUUID()}`);
  mkdirSync(bin);
  const mark = join(bin, 'called');
  writeFileSync(join(bin, 'java'), `#!/bin/sh\necho "$@" >> '${mark}'\nexit 1\n`);
  chmodSync(join(bin, 'java'), 0o755);
  return { path: `${bin}${delimiter}${process.env.PATH ?? ''}`, wasCalled: () => existsSync(mark) };
}

/**
 * The environment of a person's shell: no endpoints given, so the data folder decides. (The engines
 * these commands start live for seconds: test/support/short-lived-jvm.ts.)
 */
function shellEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...shortLivedJvm, SAFETYNET_PREBUILT_CACHE: prebuiltCache, ...extra };
  for (const name of ['DYNAMODB_ENDPOINT', 'SES_ENDPOINT', 'TABLE_NAME'] as const) delete env[name];
  return env;
}

type Run = { code: number | null; stdout: string; stderr: string };

async function finished(child: ChildProcess): Promise<Run> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await exited(child);
  // Node's own notices (npm's nodedir) are not ours to judge.
  const ours = (text: string) =>
    text
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.includes('nodedir'))
      .join('\n');
  return { code, stdout, stderr: ours(stderr) };
}

/** `npm run cli -- …` without npm: the same launcher and prebuilt entry. */
function cli(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return finished(
    spawn(process.execPath, ['bin/run-prebuilt.mjs', 'bin/cli.ts', ...args], { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] }),
  );
}

function readLock(dataDir: string): LockRecord | undefined {
  return existsSync(lockFileOf(dataDir)) ? parseLock(readFileSync(lockFileOf(dataDir), 'utf8')) : undefined;
}

/** A pid that is certainly not running any more: a process that has exited and been reaped. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  await exited(child);
  return child.pid!;
}

describe('--help and mistakes start nothing', () => {
  it('--help lists every command in zh-TW, exits 0, and neither starts Java nor touches the data folder', async () => {
    const java = recordingJava();
    const dataDir = join(scratch, `help-${randomUUID()}`);
    const result = await cli(['--help', '--data-dir', dataDir], shellEnv({ PATH: java.path }));
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^用法：npm run cli -- <指令>/);
    for (const command of ['schedule', 'move', 'cancel', 'chairs', 'contact add', 'closure', 'import-calendar', 'token'])
      expect(result.stdout).toMatch(new RegExp(`^  ${command}( |$)`, 'm'));
    expect(java.wasCalled()).toBe(false);
    expect(existsSync(dataDir)).toBe(false);

    const start = await finished(spawnTs('bin/local.ts', ['--help', '--data-dir', dataDir], shellEnv({ PATH: java.path })));
    expect(start.code).toBe(0);
    expect(start.stdout).toMatch(/^用法：npm start/);
    expect(java.wasCalled()).toBe(false);
    expect(existsSync(dataDir)).toBe(false);
  });

  it.each([
    { args: ['schedule', '--year', '2026'], says: /^schedule 需要 --series <系列代號>/ },
    { args: ['chairs'], says: /^chairs 需要 --series/ },
    { args: ['cancel', '--series', 'child-protection-case-conference', '--occurrence', '2026-03'], says: /^cancel 需要 --reason/ },
    { args: ['closure', '--date', '2026-02-30', '--reason', '颱風停止上班'], says: /^--date：「2026-02-30」不對/ },
    { args: ['schedule', '--series', 'child-protection-case-conference', '--year', '26'], says: /^--year：「26」不對/ },
    { args: ['chairs', '--series', 'child-protection-case-conference', '--to', '2026-03-01'], says: /^chairs 不使用 --to/ },
    { args: ['--seris', 'child-protection-case-conference'], says: /^不認得選項 --seris/ },
    { args: ['schedul', '--series', 'child-protection-case-conference'], says: /^不認得指令「schedul」/ },
    { args: ['contact', 'rename'], says: /^contact 後面要接 add、remove 或 readd/ },
    { args: ['import-calendar', '--reason', '新年度行事曆'], says: /^import-calendar 需要一個檔案/ },
  ])('$args: one zh-TW line naming the mistake, exit 2, nothing started', async ({ args, says }) => {
    const java = recordingJava();
    const dataDir = join(scratch, `mistake-${randomUUID()}`);
    const result = await cli([...args, '--data-dir', dataDir], shellEnv({ PATH: java.path }));
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(says);
    expect(java.wasCalled()).toBe(false);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('npm start refuses a bad option before starting anything', async () => {
    const java = recordingJava();
    const dataDir = join(scratch, `start-mistake-${randomUUID()}`);
    const result = await finished(spawnTs('bin/local.ts', ['--port', 'abc', '--data-dir', dataDir], shellEnv({ PATH: java.path })));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^--port：「abc」不是埠號/);
    expect(java.wasCalled()).toBe(false);
    expect(existsSync(dataDir)).toBe(false);
  });
});

describe('with npm start running', () => {
  it('commands and --once use its stack, a second npm start is refused, and Ctrl-C takes the lock away', async () => {
    const dataDir = join(scratch, `running-${randomUUID()}`);
    // A lock left by an npm start that was killed: it must not stand in the way.
    mkdirSync(dataDir);
    const closedPort = await freePort();
    const leftBehind: LockRecord = {
      pid: await deadPid(),
      command: 'npm start',
      startedAt: '2026-03-01T00:00:00.000Z',
      token: randomUUID(),
      stack: {
        dynamoDbEndpoint: `http://127.0.0.1:${closedPort}`,
        sesEndpoint: `http://127.0.0.1:${closedPort}`,
        tableName: 'safetynet-meetings',
      },
    };
    writeFileSync(lockFileOf(dataDir), JSON.stringify(leftBehind));

    const start = spawnTs(
      'bin/local.ts',
      ['--port', '0', '--data-dir', dataDir, '--now', '2026-03-09T09:00+08:00', '--tick-seconds', '3600'],
      shellEnv(),
    );
    let startErr = '';
    start.stderr?.on('data', (chunk: Buffer) => (startErr += chunk.toString()));
    onTestFinished(() => {
      if (start.exitCode === null) start.kill('SIGKILL');
    });
    await waitForLine(start, /Press Ctrl-C to stop/);
    expect(startErr).toContain('已接手資料夾');
    expect(javaProcessesWith(dataDir)).toHaveLength(1);

    // The lock names npm start and where its stack answers.
    const lock = readLock(dataDir)!;
    expect(lock.pid).toBe(start.pid);
    expect(lock.command).toBe('npm start');
    expect(lock.stack?.tableName).toBe('safetynet-meetings');
    expect(lock.stack?.httpBaseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    // The recorded address is npm start's own server (it answers; fetch throws if nothing listens).
    // Its first answer is the redirect to the console; following it leads off to the sign-in service.
    expect((await fetch(`${lock.stack!.httpBaseUrl}/`, { redirect: 'manual' })).status).toBeLessThan(500);

    // A CLI command, with a java that would fail if called: it answers from npm start's table.
    const java = recordingJava();
    const chairs = await cli(
      ['chairs', '--series', 'child-protection-case-conference', '--preview', '8', '--data-dir', dataDir],
      shellEnv({ PATH: java.path }),
    );
    expect(chairs.code).toBe(0);
    expect(chairs.stderr).not.toMatch(/沒有執行中的 npm start/);
    expect(chairs.stdout).toContain('社會局');
    const schedule = await cli(
      ['schedule', '--series', 'child-protection-case-conference', '--year', '2026', '--format', 'json', '--data-dir', dataDir],
      shellEnv({ PATH: java.path }),
    );
    expect(schedule.code).toBe(0);
    const plan = JSON.parse(schedule.stdout) as { series: string; year: number; meetings: unknown[] };
    expect(plan).toMatchObject({ series: 'child-protection-case-conference', year: 2026 });
    expect(plan.meetings.length).toBeGreaterThan(0);

    // --once also runs against the running stack.
    const once = await finished(
      spawnTs('bin/local.ts', ['--once', '--data-dir', dataDir, '--now', '2026-03-09T09:05+08:00'], shellEnv({ PATH: java.path })),
    );
    expect(once.code).toBe(0);
    expect(java.wasCalled()).toBe(false);
    expect(javaProcessesWith(dataDir)).toHaveLength(1);

    // A second npm start on the same folder: refused in one line, the first keeps the folder.
    const second = await finished(spawnTs('bin/local.ts', ['--port', '0', '--data-dir', dataDir], shellEnv()));
    expect(second.code).toBe(1);
    expect(second.stderr.split('\n')).toHaveLength(1);
    expect(second.stderr).toMatch(/^本機環境已在執行（npm start，程序 \d+/);
    expect(javaProcessesWith(dataDir)).toHaveLength(1);
    expect(readLock(dataDir)?.token).toBe(lock.token);

    start.kill('SIGINT');
    expect(await exited(start)).toBe(0);
    expect(existsSync(lockFileOf(dataDir))).toBe(false);
    expect(await eventually(() => javaProcessesWith(dataDir).length === 0)).toBe(true);
  });
});

describe('one engine per data folder', () => {
  it('refuses a command while another process holds the folder for its own engine, without starting Java', async () => {
    const dataDir = join(scratch, `held-${randomUUID()}`);
    const held = await claimDataFolder(dataDir, 'npm run cli -- closure');
    onTestFinished(() => held.release());
    const java = recordingJava();
    const result = await cli(
      ['chairs', '--series', 'child-protection-case-conference', '--data-dir', dataDir],
      shellEnv({ PATH: java.path }),
    );
    expect(result.code).toBe(1);
    // One line that says who holds the folder, not a stack trace.
    expect(result.stderr).toMatch(new RegExp(`^.*正由程序 ${process.pid}（npm run cli -- closure）使用.*$`, 'm'));
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(java.wasCalled()).toBe(false);
  });

  it('lets exactly one of several processes racing for a folder with a stale lock take it', async () => {
    const dataDir = join(scratch, `race-${randomUUID()}`);
    mkdirSync(dataDir);
    writeFileSync(lockFileOf(dataDir), JSON.stringify({ pid: await deadPid(), command: 'npm start', startedAt: '', token: randomUUID() }));
    // Each contender (test/support/processes/contend-for-folder.ts, from its prebuilt bundle rather
    // than compiled by tsx in each of the four) reports, then keeps what it won until the test lets
    // go (stdin closes).
    const contenders = Array.from({ length: 4 }, () =>
      spawn(process.execPath, ['bin/run-prebuilt.mjs', 'test/support/processes/contend-for-folder.ts'], {
        cwd: projectRoot,
        env: { ...process.env, DATA_DIR: dataDir },
        stdio: ['pipe', 'pipe', 'pipe'],
      }),
    );
    onTestFinished(() => contenders.forEach((c) => c.kill('SIGKILL')));
    const outcomes = await Promise.all(contenders.map((c) => waitForLine(c, /^(WON|REFUSED|ERROR.*)$/m).then((m) => m[1])));
    for (const c of contenders) c.stdin?.end();
    await Promise.all(contenders.map(exited));
    expect(outcomes.filter((o) => o === 'WON')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'REFUSED')).toHaveLength(3);
  });
});

describe('a stale lock', () => {
  it('left by a stack that died is recovered by the next command, which starts its own engine and cleans up', async () => {
    const dataDir = join(scratch, `stale-${randomUUID()}`);
    mkdirSync(dataDir);
    const closedPort = await freePort();
    writeFileSync(
      lockFileOf(dataDir),
      JSON.stringify({
        pid: await deadPid(),
        command: 'npm start',
        startedAt: '2026-03-01T00:00:00.000Z',
        token: randomUUID(),
        stack: { dynamoDbEndpoint: `http://127.0.0.1:${closedPort}`, sesEndpoint: '', tableName: 'safetynet-meetings' },
      }),
    );
    const result = await cli(['chairs', '--series', 'child-protection-case-conference', '--data-dir', dataDir], shellEnv());
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/沒有執行中的 npm start/);
    expect(existsSync(lockFileOf(dataDir))).toBe(false);
    expect(await eventually(() => javaProcessesWith(dataDir).length === 0)).toBe(true);
  });

  it('whose owner lives on but no longer answers (a reused pid), or that cannot be read, is taken over', async () => {
    const dataDir = join(scratch, `silent-${randomUUID()}`);
    mkdirSync(dataDir);
    const closedPort = await freePort();
    writeFileSync(
      lockFileOf(dataDir),
      JSON.stringify({
        pid: process.pid,
        command: 'npm start',
        startedAt: '',
        token: randomUUID(),
        stack: { dynamoDbEndpoint: `http://127.0.0.1:${closedPort}`, sesEndpoint: '', tableName: 't' },
      }),
    );
    const claim = await claimDataFolder(dataDir, 'test');
    expect(claim.replacedStaleLock).toMatch(/沒有回應/);
    claim.release();
    expect(existsSync(lockFileOf(dataDir))).toBe(false);

    writeFileSync(lockFileOf(dataDir), '{"pid": ');
    const again = await claimDataFolder(dataDir, 'test');
    expect(again.replacedStaleLock).toMatch(/無法辨識/);
    again.release();
  });
});
