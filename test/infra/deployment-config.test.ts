// A deployment's settings are checked at synth time, and a mistake is reported with the field's
// name as it is written on the command line; the counties they select are read from their files.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CountyConfigError } from '../../functions/core/series/county-config.ts';
import { loadDeployedCounties } from '../../lib/deployed-counties.ts';
import { DeploymentConfigError, readDeploymentSettings, type DeploymentSettings } from '../../lib/deployment-config.ts';
import { projectRoot } from '../../lib/safetynet-app.ts';
import { chiayiCountyFile, countyFromChiayi } from './generated-counties.ts';

const valid = {
  'safetynet:account': '123456789012',
  'safetynet:region': 'ap-northeast-1',
  'safetynet:counties': ['chiayi-county'],
  'safetynet:receiptRuleSetName': 'safetynet-meetings',
  'safetynet:alarmEmail': 'it-oncall@county.example.gov.tw',
};
const contextOf = (values: Record<string, unknown>) => ({ tryGetContext: (key: string) => values[key] });
const settingsOf = (values: Record<string, unknown>) => readDeploymentSettings(contextOf(values), projectRoot);
const problemsWith = (values: Record<string, unknown>): string[] => {
  try {
    settingsOf(values);
  } catch (error) {
    if (error instanceof DeploymentConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('deployment settings from context', () => {
  it('are read, with defaults for what a single deployment rarely changes', () => {
    expect(settingsOf({ ...valid, 'safetynet:sesMaxSendRate': '14' })).toEqual({
      account: '123456789012',
      region: 'ap-northeast-1',
      stackName: 'SafetynetMeetings',
      counties: ['chiayi-county'],
      countyConfigDir: 'functions/config/counties',
      receiptRuleSetName: 'safetynet-meetings',
      receiptRuleSetImport: false,
      alarmEmail: 'it-oncall@county.example.gov.tw',
      sesMaxSendRate: 14,
      allowPlaceholders: false,
    });
  });

  it.each([
    ['"all"', 'all', 'all'],
    ['a comma-separated list from -c', 'chiayi-county, tainan-city', ['chiayi-county', 'tainan-city']],
    ['a list from cdk.json', ['tainan-city'], ['tainan-city']],
  ])('take the counties as %s', (_title, counties, expected) => {
    expect(settingsOf({ ...valid, 'safetynet:counties': counties }).counties).toEqual(expected);
  });

  it('read "true" and "false" from the command line as booleans', () => {
    const settings = settingsOf({ ...valid, 'safetynet:receiptRuleSetImport': 'true', 'safetynet:allowPlaceholders': 'false' });
    expect(settings.receiptRuleSetImport).toBe(true);
    expect(settings.allowPlaceholders).toBe(false);
  });

  it('may leave the account to the credentials cdk deploy runs with', () => {
    const { 'safetynet:account': _account, ...withoutAccount } = valid;
    expect(settingsOf(withoutAccount).account).toBeUndefined();
  });

  it.each([
    [
      'a missing alarm e-mail',
      { 'safetynet:alarmEmail': undefined },
      /^safetynet:alarmEmail: 未設定；請寫在 cdk\.json、以 -c safetynet:alarmEmail=/,
    ],
    ['a bad alarm e-mail', { 'safetynet:alarmEmail': 'it-oncall' }, /^safetynet:alarmEmail: 須為電子郵件地址（目前是 "it-oncall"）/],
    ['a short account id', { 'safetynet:account': '1234' }, /^safetynet:account: 須為 12 位數字的 AWS 帳號/],
    ['a city for a region', { 'safetynet:region': 'taipei' }, /^safetynet:region: 須為 AWS 區域名稱/],
    ['no counties', { 'safetynet:counties': undefined }, /^safetynet:counties: 未設定/],
    ['an empty county list', { 'safetynet:counties': [] }, /^safetynet:counties: 至少要列出一個縣市，或寫 "all"/],
    ['a county named twice', { 'safetynet:counties': 'tainan-city,tainan-city' }, /^safetynet:counties: 同一個縣市列了兩次/],
    ['a county name for an id', { 'safetynet:counties': ['臺南市'] }, /^safetynet:counties: 縣市代碼須為小寫英文字母、數字與連字號/],
    ['a number for the counties', { 'safetynet:counties': 22 }, /^safetynet:counties: 須為 "all" 或縣市代碼清單/],
    ['a missing receipt rule set', { 'safetynet:receiptRuleSetName': undefined }, /^safetynet:receiptRuleSetName: 未設定/],
    [
      'a rule set name with a space',
      { 'safetynet:receiptRuleSetName': 'safety net' },
      /^safetynet:receiptRuleSetName: 須為 SES 規則集名稱/,
    ],
    ['"yes" for a flag', { 'safetynet:receiptRuleSetImport': 'yes' }, /^safetynet:receiptRuleSetImport: 須為 true 或 false/],
    ['a stack name with a dot', { 'safetynet:stackName': 'safetynet.meetings' }, /^safetynet:stackName: 須以英文字母開頭/],
  ])('name the field for %s', (_title, change, message) => {
    const problems = problemsWith({ ...valid, ...change });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
  });

  it('say how to replace the single-county settings', () => {
    const problems = problemsWith({
      ...valid,
      'safetynet:countyConfigFile': 'functions/config/counties/chiayi-county.json',
      'safetynet:secretariatMailbox': 'safetynet@example.org',
    });
    expect(problems).toEqual([
      'safetynet:countyConfigFile: 已不再使用；已改為 safetynet:counties（縣市代碼清單，或 "all"）。請從 cdk.json 或部署檔移除',
      'safetynet:secretariatMailbox: 已不再使用；寄件信箱改由各縣市設定檔的 secretariat.mailbox 決定。請從 cdk.json 或部署檔移除',
    ]);
  });
});

describe('a deployment file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'safetynet-deploy-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the settings, over the defaults in context', () => {
    const file = join(dir, 'platform.json');
    writeFileSync(
      file,
      JSON.stringify({ $schema: './deployment.schema.json', alarmEmail: 'night-shift@county.example.gov.tw', counties: 'all' }),
    );
    expect(settingsOf({ ...valid, 'safetynet:deploymentFile': file })).toMatchObject({
      alarmEmail: 'night-shift@county.example.gov.tw',
      counties: 'all',
      region: valid['safetynet:region'],
    });
  });

  it('that is not JSON is reported with its path', () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{ region: ');
    expect(() => settingsOf({ ...valid, 'safetynet:deploymentFile': file })).toThrow(/broken\.json[\s\S]*無法讀取部署檔/);
  });

  it('with a misspelt setting names it', () => {
    const file = join(dir, 'typo.json');
    writeFileSync(file, JSON.stringify({ countys: 'all' }));
    expect(problemsWith({ ...valid, 'safetynet:deploymentFile': file })).toEqual(['不認得的設定：safetynet:countys（請檢查拼字）']);
  });
});

describe('the counties the settings select', () => {
  const dir = mkdtempSync(join(tmpdir(), 'safetynet-counties-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, county: unknown) => writeFileSync(join(dir, name), JSON.stringify(county));
  write('tainan-city.json', countyFromChiayi('tainan-city', '臺南市', 'Tainan City'));
  write('yilan-county.json', countyFromChiayi('yilan-county', '宜蘭縣', 'Yilan County'));
  // The editor's schema sits beside the county files and is not a county.
  write('county-config.schema.json', { $schema: 'https://json-schema.org/draft/2020-12/schema' });
  const selecting = (counties: DeploymentSettings['counties']) => ({ ...settingsOf(valid), countyConfigDir: dir, counties });

  it('are every county file in the folder for "all", in id order', () => {
    const counties = loadDeployedCounties(selecting('all'), projectRoot);
    expect(counties.map((c) => c.config.county.id)).toEqual(['tainan-city', 'yilan-county']);
    expect(counties.map((c) => c.file)).toEqual([join(dir, 'tainan-city.json'), join(dir, 'yilan-county.json')]);
  });

  it('are the listed ones otherwise', () => {
    expect(loadDeployedCounties(selecting(['yilan-county']), projectRoot).map((c) => c.config.county.id)).toEqual(['yilan-county']);
  });

  it('are found under the project root by default', () => {
    const [chiayi] = loadDeployedCounties(settingsOf(valid), projectRoot);
    expect(chiayi?.file).toBe(chiayiCountyFile);
  });

  it('must each have a file, or the setting is named with what the folder holds', () => {
    expect(() => loadDeployedCounties(selecting(['tainan-city', 'taitung-county']), projectRoot)).toThrow(
      /safetynet:counties: 找不到 taitung-county\.json；資料夾 .* 中有：tainan-city\.json、yilan-county\.json/,
    );
  });

  it('refuse a file not named after its county', () => {
    const other = mkdtempSync(join(tmpdir(), 'safetynet-misnamed-'));
    try {
      writeFileSync(join(other, 'tainan-city.json'), JSON.stringify(countyFromChiayi('tainan-county', '臺南縣', 'Tainan County')));
      expect(() => loadDeployedCounties({ ...selecting('all'), countyConfigDir: other }, projectRoot)).toThrow(CountyConfigError);
      expect(() => loadDeployedCounties({ ...selecting('all'), countyConfigDir: other }, projectRoot)).toThrow(
        /county\.id: 「tainan-county」與檔名不符；檔名須為 tainan-county\.json/,
      );
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('refuse two counties on one secretariat mailbox', () => {
    const other = mkdtempSync(join(tmpdir(), 'safetynet-shared-mailbox-'));
    try {
      const yilan = countyFromChiayi('yilan-county', '宜蘭縣', 'Yilan County');
      yilan.secretariat.mailbox = countyFromChiayi('tainan-city', '臺南市', 'Tainan City').secretariat.mailbox;
      writeFileSync(join(other, 'tainan-city.json'), JSON.stringify(countyFromChiayi('tainan-city', '臺南市', 'Tainan City')));
      writeFileSync(join(other, 'yilan-county.json'), JSON.stringify(yilan));
      expect(() => loadDeployedCounties({ ...selecting('all'), countyConfigDir: other }, projectRoot)).toThrow(
        /yilan-county\.json[\s\S]*secretariat\.mailbox: safetynet@safetynet\.tainan-city\.gov\.tw 已是 tainan-city 的信箱/,
      );
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('are validated by the county schema, naming the file and field', () => {
    const other = mkdtempSync(join(tmpdir(), 'safetynet-invalid-'));
    try {
      const broken = JSON.parse(readFileSync(chiayiCountyFile, 'utf8')) as { planningHorizonMonths: unknown };
      broken.planningHorizonMonths = 'twelve';
      writeFileSync(join(other, 'chiayi-county.json'), JSON.stringify(broken));
      expect(() => loadDeployedCounties({ ...selecting('all'), countyConfigDir: other }, projectRoot)).toThrow(
        /chiayi-county\.json: invalid configuration\n\s+- planningHorizonMonths:/,
      );
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});
