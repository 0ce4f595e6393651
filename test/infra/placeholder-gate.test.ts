// A county file with placeholders is never deployed by accident: findPlaceholders lists each one
// (file order, field path, value, reason), and building the app refuses them, in zh-TW, unless the
// settings allow them. The gate runs before any construct exists, so these tests synthesize nothing.
import { readFileSync, writeFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { parseCountyConfig } from '../../functions/core/series/county-config.ts';
import { findPlaceholders, isExampleDomain } from '../../functions/core/series/placeholders.ts';
import { PlaceholderGateError } from '../../lib/placeholder-gate.ts';
import { addSafetynetStack } from '../../lib/safetynet-app.ts';
import { cdkJsonContext } from './synthesize-county.ts';
import { chiayiCountyFile, countyFromChiayi, writeGeneratedCounties } from './generated-counties.ts';

const chiayi = JSON.parse(readFileSync(chiayiCountyFile, 'utf8')) as Record<string, unknown>;
const filled = () => countyFromChiayi('tainan-city', '臺南市', 'Tainan City') as unknown as Record<string, unknown>;
const placeholdersOf = (raw: unknown) => findPlaceholders(parseCountyConfig(raw, 'test.json'));

describe('findPlaceholders', () => {
  it('finds nothing in a filled-in county', () => {
    expect(placeholdersOf(filled())).toEqual([]);
  });

  it('finds each mark of the seed, by field path', () => {
    const county = filled() as {
      secretariat: { mailbox: string; placeholder: boolean };
      venues: { onlineUrl?: string }[];
      units: { name: { zh: string }; contacts: { name: string; email: string; placeholder: boolean }[] }[];
      series: { placeholders: string[] }[];
    };
    county.secretariat.placeholder = true;
    county.units[1]!.contacts[0]!.name = '婦幼警察隊 隊長（待填）';
    county.units[1]!.contacts[0]!.email = 'squad@example.org';
    county.units[2]!.name.zh = '衛生局 (待填)';
    county.venues[7]!.onlineUrl = 'https://meet.example.com/tainan';
    county.series[2]!.placeholders = ['start', 'venue'];
    expect(placeholdersOf(county).map(({ path, value }) => [path, value])).toEqual([
      ['secretariat.placeholder', 'true'],
      ['venues[7].onlineUrl', 'https://meet.example.com/tainan'],
      ['units[1].contacts[0].name', '婦幼警察隊 隊長（待填）'],
      ['units[1].contacts[0].email', 'squad@example.org'],
      ['units[2].name.zh', '衛生局 (待填)'],
      ['series[2].placeholders', 'start, venue'],
    ]);
  });

  it('says why in zh-TW', () => {
    const reasons = Object.fromEntries(placeholdersOf(chiayi).map(({ path, reason }) => [path, reason]));
    expect(reasons['secretariat.mailbox']).toBe('example.org 是保留給範例的網域，不是真實的信箱或網址');
    expect(reasons['units[0].contacts[0].name']).toBe('內容含「（待填）」，尚未填寫');
    expect(reasons['units[0].contacts[0].placeholder']).toBe('標記為預留值（"placeholder": true），尚待確認');
    expect(reasons['series[0].placeholders']).toMatch(/^系列尚有待確認的欄位：開會時間（start）/);
  });

  it('lists every contact of the Chiayi seed, which is all placeholders', () => {
    const config = parseCountyConfig(chiayi, chiayiCountyFile);
    const paths = new Set(findPlaceholders(config).map((p) => p.path));
    config.units.forEach((unit, u) =>
      unit.contacts.forEach((_contact, c) => {
        for (const field of ['name', 'email', 'placeholder']) expect(paths).toContain(`units[${u}].contacts[${c}].${field}`);
      }),
    );
  });

  it.each([
    ['example.org', true],
    ['meet.example.com', true],
    ['county.test', true],
    ['EXAMPLE.NET.', true],
    ['safetynet.cyhg.gov.tw', false],
    ['example.org.tw', false],
    ['myexample.org', false],
  ])('%s is an example domain: %s', (domain, example) => {
    expect(isExampleDomain(domain)).toBe(example);
  });
});

describe('building the app', () => {
  const build = (context: Record<string, unknown>) => () =>
    addSafetynetStack(new App({ context: { ...cdkJsonContext, 'aws:cdk:bundling-stacks': [], ...context } }));

  it('refuses the Chiayi seed unless placeholders are allowed, listing file, field, value and reason', () => {
    let error: unknown;
    try {
      build({ 'safetynet:counties': ['chiayi-county'], 'safetynet:allowPlaceholders': false })();
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PlaceholderGateError);
    const message = (error as Error).message;
    const total = placeholdersOf(chiayi).length + 1;
    expect(message).toMatch(new RegExp(`^設定中還有 ${total} 個預留值（placeholder），不能部署。`));
    expect(message).toContain('-c safetynet:allowPlaceholders=true');
    expect(message).toContain(`functions/config/counties/chiayi-county.json（嘉義縣）：${total - 1} 處`);
    expect(message).toContain('  - secretariat.mailbox："safetynet@example.org"，example.org 是保留給範例的網域');
    expect(message).toContain('  - units[0].contacts[0].name："兒少保護科 科長（待填）"，內容含「（待填）」，尚未填寫');
    // The settings' own example address: alarms would reach nobody.
    expect(message).toContain('部署設定：1 處\n  - safetynet:alarmEmail："it-oncall@example.org"');
  });

  it('lets filled-in counties through, and refuses the one that is not', () => {
    const generated = writeGeneratedCounties(3);
    try {
      const clean = { 'safetynet:countyConfigDir': generated.dir, 'safetynet:alarmEmail': 'it@safetynet.gov.tw' };
      expect(build({ ...clean, 'safetynet:allowPlaceholders': false })).not.toThrow();
      const second = generated.counties[1]!;
      second.units[0]!.contacts[0]!.name = '科長（待填）';
      writeFileSync(`${generated.dir}/${second.county.id}.json`, JSON.stringify(second));
      const refused = (() => {
        try {
          build({ ...clean, 'safetynet:allowPlaceholders': false })();
        } catch (error) {
          return (error as Error).message;
        }
        return 'not refused';
      })();
      expect(refused.split('\n').slice(0, 1)).toEqual([expect.stringMatching(/^設定中還有 1 個預留值/)]);
      expect(refused).toContain(
        `/${second.county.id}.json（${second.county.name.zh}）：1 處\n  - units[0].contacts[0].name："科長（待填）"`,
      );
      // Only the file with the placeholder is listed.
      expect(refused.match(/：\d+ 處$/gm)).toHaveLength(1);
    } finally {
      generated.remove();
    }
  });

  it('synthesizes with them when allowed, and says so in a warning', () => {
    const stack = build({ 'safetynet:counties': ['chiayi-county'], 'safetynet:allowPlaceholders': true })();
    const warnings = stack.node.metadata.filter((m) => m.type === 'aws:cdk:warning').map((m) => String(m.data));
    expect(warnings).toEqual([
      expect.stringMatching(/^設定中還有 \d+ 個預留值（placeholder），因 safetynet:allowPlaceholders=true 而仍合成/),
    ]);
  });
});
