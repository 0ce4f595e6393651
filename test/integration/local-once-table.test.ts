// `npm start -- --once` against a DynamoDB that already runs (DYNAMODB_ENDPOINT) plans and sends
// from the table TABLE_NAME names, as the CLI does; it used to take its own default name and plan a
// table nobody else reads. TABLE_NAME alone (the CLI's name for a table in AWS) or a name DynamoDB
// would refuse is said in zh-TW, naming the variable, before anything starts.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { useEmbeddedStack } from '../support/embedded-stack.ts';
import { exited, spawnTs } from '../support/processes.ts';
import { storedEmails } from '../support/ses-store.ts';
import { caseConference } from '../support/planning-fixtures.ts';
import { listOccurrences } from '../../functions/adapters/dynamodb/occurrence-store.ts';

const stack = useEmbeddedStack();
const folders: string[] = [];
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));
/** A data folder of the case's own: what a run leaves in it is what that run did. */
function freshDataDir(): string {
  const folder = mkdtempSync(join(tmpdir(), 'safetynet-once-table-'));
  folders.push(folder);
  return folder;
}

async function finished(child: ChildProcess) {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await exited(child);
  return { code, stdout, stderr };
}

/** The environment of a shell, with only the variables each case sets. */
function shellEnv(set: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['DYNAMODB_ENDPOINT', 'SES_ENDPOINT', 'TABLE_NAME'] as const) delete env[name];
  return { ...env, ...set };
}

const once = (dataDir: string, env: NodeJS.ProcessEnv) =>
  finished(spawnTs('bin/local.ts', ['--once', '--data-dir', dataDir, '--now', '2026-03-09T09:00+08:00'], env));

describe('npm start -- --once and TABLE_NAME', () => {
  it('plans and sends from the table TABLE_NAME names on the DYNAMODB_ENDPOINT engine', async () => {
    const { dynamoDbEndpoint, sesEndpoint, tableName, table } = stack();
    expect(tableName).not.toBe('safetynet-meetings');
    expect(await listOccurrences(table, caseConference.id)).toEqual([]);

    const dataDir = freshDataDir();
    const run = await once(dataDir, shellEnv({ DYNAMODB_ENDPOINT: dynamoDbEndpoint, SES_ENDPOINT: sesEndpoint, TABLE_NAME: tableName }));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`${caseConference.name.zh}：新增`);

    // The meetings are in this table: March's case conference among them, invited.
    const march = (await listOccurrences(table, caseConference.id)).find((o) => o.slotKey === '2026-03');
    expect(march).toMatchObject({ date: '2026-03-25', status: 'scheduled' });
    expect(march!.invitedSequence).toBe(0);
    expect((await storedEmails(sesEndpoint)).some((e) => e.subject.includes(caseConference.name.zh))).toBe(true);
    // An engine was given: the data folder was not taken and no engine of its own started there;
    // only the links' key is kept with the data, as always.
    expect(readdirSync(dataDir)).toEqual(['link-signing-key']);
  });

  it('refuses TABLE_NAME without DYNAMODB_ENDPOINT, naming both, before starting anything', async () => {
    const dataDir = freshDataDir();
    const run = await once(dataDir, shellEnv({ TABLE_NAME: 'safetynet-meetings-prod' }));
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([
      '環境變數 TABLE_NAME（safetynet-meetings-prod）要與 DYNAMODB_ENDPOINT 一起設定：npm start 只使用本機的 DynamoDB，不連線 AWS 的資料表。請一併設定 DYNAMODB_ENDPOINT，或取消 TABLE_NAME（unset TABLE_NAME）',
    ]);
    expect(run.stdout).toBe('');
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('refuses a TABLE_NAME DynamoDB would not take, in zh-TW, writing nothing', async () => {
    const { dynamoDbEndpoint, sesEndpoint, table } = stack();
    const before = await listOccurrences(table, caseConference.id);
    const run = await once(
      freshDataDir(),
      shellEnv({ DYNAMODB_ENDPOINT: dynamoDbEndpoint, SES_ENDPOINT: sesEndpoint, TABLE_NAME: '會議 表' }),
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('環境變數 TABLE_NAME：「會議 表」不是 DynamoDB 資料表名稱');
    expect(await listOccurrences(table, caseConference.id)).toEqual(before);
  });
});
