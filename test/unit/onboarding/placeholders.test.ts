// findPlaceholders on the shipped example and on the same file filled in: every stand-in the seed
// uses is found where it is, and a filled-in file has none (no false alarm on real domains).
import { describe, expect, it } from 'vitest';
import { defaultCountyConfigFile, loadCountyConfigFile } from '../../../functions/adapters/config/county-config-file.ts';
import { parseCountyConfig, type CountyConfig } from '../../../functions/core/series/county-config.ts';
import { findPlaceholders } from '../../../functions/core/series/placeholders.ts';

const example = loadCountyConfigFile(defaultCountyConfigFile);

/** The example as a secretariat would leave it after filling everything in. */
function filledIn(config: CountyConfig): CountyConfig {
  const text = JSON.stringify(config)
    .replaceAll('（待填）', '')
    .replaceAll('@example.org', '@cyhg.gov.tw')
    .replaceAll('meet.example.org', 'meet.cyhg.gov.tw')
    .replaceAll('"placeholder":true', '"placeholder":false');
  const raw = JSON.parse(text) as CountyConfig;
  for (const series of raw.series) series.placeholders = [];
  return parseCountyConfig(raw, 'filled-in.json');
}

describe('findPlaceholders', () => {
  const found = findPlaceholders(example);
  const at = (path: string) => found.filter((p) => p.path === path);

  it('finds every example.org address and link, where it is', () => {
    const contacts = example.units.flatMap((u, i) =>
      u.contacts.map((c, j) => ({ path: `units[${i}].contacts[${j}].email`, value: c.email })),
    );
    for (const { path, value } of contacts) expect(at(path), path).toEqual([expect.objectContaining({ value, kind: 'example-domain' })]);
    expect(at('secretariat.mailbox')).toEqual([expect.objectContaining({ value: 'safetynet@example.org', kind: 'example-domain' })]);
    expect(at('venues[7].onlineUrl')).toEqual([expect.objectContaining({ value: 'https://meet.example.org/chiayi-safetynet' })]);
  });

  it('finds every name still marked （待填）', () => {
    expect(at('units[0].contacts[0].name')).toEqual([expect.objectContaining({ value: '兒少保護科 科長（待填）', kind: 'unfilled-text' })]);
    expect(at('units[5].name.zh')).toEqual([expect.objectContaining({ value: '民間兒少福利團體（待填）' })]);
    const unfilled = found.filter((p) => p.kind === 'unfilled-text').length;
    expect(unfilled).toBe((JSON.stringify(example).match(/（待填）/g) ?? []).length);
  });

  it('finds every placeholder flag and every series with unconfirmed fields, naming the fields in zh-TW', () => {
    expect(found.filter((p) => p.kind === 'placeholder-flag')).toHaveLength(
      (JSON.stringify(example).match(/"placeholder":true/g) ?? []).length,
    );
    expect(at('venues[7].placeholder')).toHaveLength(1);
    expect(at('venues[0].placeholder')).toEqual([]);
    const series = found.filter((p) => p.kind === 'series-fields');
    expect(series.map((p) => p.path)).toEqual(example.series.map((_, i) => `series[${i}].placeholders`));
    expect(series[0]).toMatchObject({ value: 'start, venue, invitedUnits, chair' });
    expect(series[0]!.reason).toContain('開會時間（start）');
    expect(series[0]!.reason).toContain('主持單位（chair）');
  });

  it('finds nothing in a filled-in file', () => {
    expect(findPlaceholders(filledIn(example))).toEqual([]);
  });
});
