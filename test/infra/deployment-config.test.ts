// A county's deployment settings are checked at synth time, and a mistake is reported with the
// field's name as it is written on the command line.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCountyConfigFile } from '../../functions/adapters/config/county-config-file.ts';
import {
  assertSameSecretariatMailbox,
  countyConfigPath,
  DeploymentConfigError,
  isPlaceholderDomain,
  readDeploymentSettings,
  type DeploymentSettings,
} from '../../lib/deployment-config.ts';
import { projectRoot } from '../../lib/safetynet-app.ts';

const valid = {
  'safetynet:account': '123456789012',
  'safetynet:region': 'ap-northeast-1',
  'safetynet:sendingDomain': 'safetynet.county.example.gov.tw',
  'safetynet:secretariatMailbox': 'secretariat@safetynet.county.example.gov.tw',
  'safetynet:alarmEmail': 'it-oncall@county.example.gov.tw',
  'safetynet:countyConfigFile': 'functions/config/counties/chiayi-county.json',
};
const contextOf = (values: Record<string, unknown>) => ({ tryGetContext: (key: string) => values[key] });
const problemsWith = (values: Record<string, unknown>): string[] => {
  try {
    readDeploymentSettings(contextOf(values), projectRoot);
  } catch (error) {
    if (error instanceof DeploymentConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('deployment settings from context', () => {
  it('are read and normalised', () => {
    expect(
      readDeploymentSettings(
        contextOf({ ...valid, 'safetynet:sendingDomain': 'SafetyNet.County.Example.gov.tw', 'safetynet:sesMaxSendRate': '14' }),
        projectRoot,
      ),
    ).toEqual({
      account: '123456789012',
      region: 'ap-northeast-1',
      sendingDomain: 'safetynet.county.example.gov.tw',
      secretariatMailbox: 'secretariat@safetynet.county.example.gov.tw',
      alarmEmail: 'it-oncall@county.example.gov.tw',
      countyConfigFile: 'functions/config/counties/chiayi-county.json',
      sesMaxSendRate: 14,
    });
  });

  it('may leave the account to the credentials cdk deploy runs with', () => {
    const { 'safetynet:account': _account, ...withoutAccount } = valid;
    expect(readDeploymentSettings(contextOf(withoutAccount), projectRoot).account).toBeUndefined();
  });

  it.each([
    [
      'a missing alarm e-mail',
      { 'safetynet:alarmEmail': undefined },
      /^safetynet:alarmEmail: missing; set it in cdk.json, with -c safetynet:alarmEmail=/,
    ],
    ['a bad alarm e-mail', { 'safetynet:alarmEmail': 'it-oncall' }, /^safetynet:alarmEmail: must be an e-mail address \(got "it-oncall"\)/],
    ['a short account id', { 'safetynet:account': '1234' }, /^safetynet:account: must be the 12-digit AWS account id/],
    ['a city for a region', { 'safetynet:region': 'taipei' }, /^safetynet:region: must be an AWS region name/],
    [
      'a URL for a domain',
      { 'safetynet:sendingDomain': 'https://county.example.gov.tw' },
      /^safetynet:sendingDomain: must be a DNS domain name/,
    ],
    ['a missing county file', { 'safetynet:countyConfigFile': undefined }, /^safetynet:countyConfigFile: missing/],
  ])('name the field for %s', (_title, change, message) => {
    const problems = problemsWith({ ...valid, ...change });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
  });

  it('refuse a secretariat mailbox outside the sending domain', () => {
    expect(problemsWith({ ...valid, 'safetynet:secretariatMailbox': 'secretariat@gmail.com' })).toEqual([
      'safetynet:secretariatMailbox: secretariat@gmail.com is not in the sending domain safetynet.county.example.gov.tw; SES would refuse to send from it',
    ]);
  });
});

describe('a deployment file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'safetynet-deploy-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the settings, over the defaults in context', () => {
    const file = join(dir, 'county.json');
    writeFileSync(
      file,
      JSON.stringify({ $schema: './deployment.schema.json', alarmEmail: 'night-shift@county.example.gov.tw', region: 'ap-east-2' }),
    );
    const settings = readDeploymentSettings(contextOf({ ...valid, 'safetynet:deploymentFile': file }), projectRoot);
    expect(settings).toMatchObject({
      alarmEmail: 'night-shift@county.example.gov.tw',
      region: 'ap-east-2',
      sendingDomain: valid['safetynet:sendingDomain'],
    });
  });

  it('that is not JSON is reported with its path', () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{ region: ');
    expect(() => readDeploymentSettings(contextOf({ ...valid, 'safetynet:deploymentFile': file }), projectRoot)).toThrow(
      /cannot read the deployment file/,
    );
  });
});

describe('the county file named by the settings', () => {
  const settings = readDeploymentSettings(contextOf(valid), projectRoot);

  it('is found relative to the project root', () => {
    expect(countyConfigPath(settings, projectRoot)).toBe(join(projectRoot, 'functions/config/counties/chiayi-county.json'));
  });

  it('must name the same secretariat mailbox, or every send would be refused by IAM', () => {
    const county = loadCountyConfigFile(countyConfigPath(settings, projectRoot));
    expect(() => assertSameSecretariatMailbox(settings, county)).toThrow(
      /safetynet:secretariatMailbox is secretariat@safetynet\.county\.example\.gov\.tw but the county file's secretariat\.mailbox is safetynet@example\.org/,
    );
    const matching: DeploymentSettings = { ...settings, sendingDomain: 'example.org', secretariatMailbox: county.secretariat.mailbox };
    expect(() => assertSameSecretariatMailbox(matching, county)).not.toThrow();
  });
});

it.each([
  ['example.org', true],
  ['safetynet.example.org', true],
  ['county.test', true],
  ['safetynet.cyhg.gov.tw', false],
])('%s is a placeholder domain: %s', (domain, placeholder) => {
  expect(isPlaceholderDomain(domain)).toBe(placeholder);
});
