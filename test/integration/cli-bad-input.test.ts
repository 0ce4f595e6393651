// The secretariat's command line on bad input: a clear message naming the file, field or line,
// exit code 2, and nothing written.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { useEmbeddedStack } from '../support/embedded-stack.ts';
import { spawnTs, finished } from '../support/processes.ts';
import { queryPartition } from '../../functions/adapters/dynamodb/meeting-table.ts';
import { keys } from '../../functions/adapters/dynamodb/keys.ts';
import { defaultCountyConfigFile } from '../../functions/adapters/config/county-config-file.ts';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';

const stack = useEmbeddedStack();
const scratch = mkdtempSync(join(tmpdir(), 'safetynet-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function cli(
  args: string[],
  extraEnv: Record<string, string> = {},
): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const { dynamoDbEndpoint, tableName } = stack();
  const child = spawnTs('bin/cli.ts', args, { ...process.env, DYNAMODB_ENDPOINT: dynamoDbEndpoint, TABLE_NAME: tableName, ...extraEnv });
  const { code, stdout, stderr } = await finished(child);
  return {
    code,
    stderr: stderr
      .split('\n')
      .filter((l) => !l.includes('nodedir'))
      .join('\n'),
    stdout,
  };
}

async function everything(): Promise<unknown[]> {
  const { table } = stack();
  const { Items } = await table.client.send(new ScanCommand({ TableName: table.tableName, ConsistentRead: true }));
  return Items ?? [];
}

describe('the secretariat CLI on bad input', () => {
  it('names the file, the field and the reason for an invalid configuration, and writes nothing', async () => {
    const broken = JSON.parse(readFileSync(defaultCountyConfigFile, 'utf8')) as {
      series: Array<Record<string, unknown>>;
      units: Array<{ name: { zh: string } }>;
    };
    broken.series[0]!.start = '2pm';
    broken.units[1]!.name.zh = '警察局\r\nBcc: attacker@example.com';
    // The county folder holds one file per county, named by its id.
    const folder = join(scratch, 'counties');
    mkdirSync(folder, { recursive: true });
    const file = join(folder, 'chiayi-county.json');
    writeFileSync(file, JSON.stringify(broken));
    const before = await everything();

    const result = await cli(['cancel', '--series', 'child-protection-case-conference', '--occurrence', '2026-03', '--reason', '颱風'], {
      COUNTY_CONFIG_DIR: folder,
    });

    expect(result.code).toBe(2);
    expect(result.stderr).toContain(file);
    expect(result.stderr).toMatch(/series\[0\]\.start: must be a 24-hour local time HH:MM/);
    expect(result.stderr).toMatch(/units\[1\]\.name\.zh: must be one line/);
    expect(await everything()).toEqual(before);
  });

  it('says which line of a malformed office-calendar CSV is wrong, and imports nothing', async () => {
    const csv = join(scratch, '116年行政機關辦公日曆表.csv');
    writeFileSync(csv, '\uFEFF西元日期,星期,是否放假,備註\r\n20270101,五,2,開國紀念日\r\n20270132,六,2,\r\n');
    const result = await cli(['import-calendar', csv, '--reason', '116 年辦公日曆公告']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/辦公日曆檔有誤，未匯入：「116年行政機關辦公日曆表\.csv」第 3 行：「20270132」不是實際存在的日期/);
    expect(await queryPartition(stack().table, keys.closures(stack().table.county))).toEqual([]);
  });

  it('refuses an unknown series with the list of configured ones', async () => {
    const result = await cli(['schedule', '--series', 'no-such-series', '--year', '2026']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/沒有會議系列「no-such-series」；已設定的系列：child-protection-case-conference/);
  });
});
