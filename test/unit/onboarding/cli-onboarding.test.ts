// The secretariat's command line for onboarding, run as a person runs it: validate-config lists
// every placeholder and says whether the file can go live (--strict fails while any remains),
// county init writes a file that lint and validate-config accept, and mistakes get one zh-TW line
// naming the argument, exit 2, and nothing written. None of these opens the table.
//
// Each test works in folders of its own, so they run at once: each CLI command is a process that
// spends part of its life starting, and the file no longer waits for one to end to start the next.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check as prettierCheck, resolveConfig } from 'prettier';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot, spawnTs, finished } from '../../support/processes.ts';
import { defaultCountyConfigFile } from '../../../functions/adapters/config/county-config-file.ts';

const scratch = mkdtempSync(join(tmpdir(), 'safetynet-cli-onboarding-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function cli(args: string[], env: Record<string, string> = {}) {
  const child = spawnTs('bin/cli.ts', args, { ...process.env, ...env });
  return finished(child);
}

describe.concurrent('validate-config', () => {
  it('lists every placeholder of the example in zh-TW and says it cannot go live yet, exit 0', async () => {
    const { code, stdout } = await cli(['validate-config', defaultCountyConfigFile]);
    expect(code).toBe(0);
    expect(stdout).toContain('functions/config/counties/chiayi-county.json：格式正確（嘉義縣');
    expect(stdout).toMatch(/還有 \d+ 個預留值（placeholder），尚不能正式上線/);
    expect(stdout).toContain('  secretariat.mailbox: safetynet@example.org（範例網域）');
    expect(stdout).toContain('  units[0].contacts[0].email: child-protection.chief@example.org（範例網域）');
    expect(stdout).toContain('  units[0].contacts[0].name: 兒少保護科 科長（待填）（尚未填寫）');
    expect(stdout).toContain('  units[0].contacts[0].placeholder: true（標記為預留值）');
    expect(stdout).toContain('  series[0].placeholders: start, venue, invitedUnits, chair（系列尚有待確認的欄位：開會時間（start）');
  });

  it('fails with --strict while placeholders remain, and passes a filled-in file', async () => {
    expect((await cli(['validate-config', defaultCountyConfigFile, '--strict'])).code).toBe(1);
    const filled = JSON.parse(
      readFileSync(defaultCountyConfigFile, 'utf8')
        .replaceAll('（待填）', '')
        .replaceAll('example.org', 'cyhg.gov.tw')
        .replaceAll('"placeholder": true', '"placeholder": false'),
    ) as { series: Array<{ placeholders: string[] }> };
    for (const series of filled.series) series.placeholders = [];
    const file = join(scratch, 'filled-in.json');
    writeFileSync(file, JSON.stringify(filled));
    const { code, stdout } = await cli(['validate-config', file, '--strict']);
    expect(code).toBe(0);
    expect(stdout).toContain('沒有預留值：可以正式上線。');
  });

  it('explains --strict in its help', async () => {
    const { code, stdout } = await cli(['validate-config', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('--strict');
    expect(stdout).toContain('有預留值時以 1 結束');
  });
});

describe.concurrent('county init', () => {
  it('writes a new county file that lint and validate-config accept', async () => {
    const dir = mkdtempSync(join(scratch, 'counties-'));
    const { code, stdout } = await cli(['county', 'init', 'tainan-city', '--name', '臺南市'], { COUNTY_CONFIG_DIR: dir });
    expect(code).toBe(0);
    expect(stdout).toContain('已建立');
    expect(stdout).toContain('強化兒少保護跨網絡合作會議、在地評估小組會議（兒少家外安置）、社勞政聯繫會議（就業促進）');
    const file = join(dir, 'tainan-city.json');
    // Formatted as `prettier --check` (npm run lint) wants it where county files live.
    const where = join(projectRoot, 'functions/config/counties/tainan-city.json');
    expect(await prettierCheck(readFileSync(file, 'utf8'), { ...(await resolveConfig(where)), filepath: where })).toBe(true);
    const validated = await cli(['validate-config', file, '--strict']);
    expect(validated.code).toBe(1);
    expect(validated.stdout).toContain('格式正確（臺南市，3 個會議系列');
    expect(validated.stdout).toContain('尚不能正式上線');
  });

  it('refuses an existing file, a bad id and a missing argument with one line naming it, writing nothing', async () => {
    const dir = mkdtempSync(join(scratch, 'counties-'));
    writeFileSync(join(dir, 'tainan-city.json'), '{}\n');
    const again = await cli(['county', 'init', 'tainan-city', '--name', '臺南市'], { COUNTY_CONFIG_DIR: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/tainan-city\.json 已經存在，不會覆寫/);
    expect(readFileSync(join(dir, 'tainan-city.json'), 'utf8')).toBe('{}\n');

    const badId = await cli(['county', 'init', 'Tainan', '--name', '臺南市'], { COUNTY_CONFIG_DIR: dir });
    expect(badId.code).toBe(2);
    expect(badId.stderr.trim()).toMatch(/^<縣市代號>「Tainan」不能使用/);
    expect(badId.stderr).not.toContain('    at ');

    const noId = await cli(['county', 'init', '--name', '臺南市'], { COUNTY_CONFIG_DIR: dir });
    expect(noId.code).toBe(2);
    expect(noId.stderr).toContain('county init 需要<縣市代號>');
    const noName = await cli(['county', 'init', 'tainan-city'], { COUNTY_CONFIG_DIR: dir });
    expect(noName.code).toBe(2);
    expect(noName.stderr).toContain('county init 需要 --name');
    expect(readdirSync(dir)).toEqual(['tainan-city.json']);
  });
});

describe.concurrent('migrate-to-counties, before it touches any table', () => {
  it('asks for --schedules-disabled on a DynamoDB it can only be pointed at', async () => {
    const { code, stderr } = await cli(['migrate-to-counties', '--county', 'chiayi-county'], {
      DYNAMODB_ENDPOINT: 'http://127.0.0.1:9',
      TABLE_NAME: 'never-opened',
    });
    expect(code).toBe(2);
    expect(stderr).toContain('--schedules-disabled');
  });

  it('refuses a county that has no configuration file', async () => {
    const dataDir = mkdtempSync(join(scratch, 'data-'));
    const { code, stderr } = await cli(['migrate-to-counties', '--county', 'chiayi-conty', '--data-dir', dataDir]);
    expect(code).toBe(2);
    expect(stderr).toContain('--county：找不到縣市設定檔');
    expect(existsSync(join(dataDir, 'dynamodb'))).toBe(false);
  });
});
