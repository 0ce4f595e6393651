// Two counties in one deployment and one table, for the tenancy tests: 嘉義縣 (A, the default file)
// and 臺南市 (B), made from the Chiayi file with its own id, names and addresses. Same series and
// unit ids on purpose: a key or a link that forgot its county would land on the other county's data.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultCountyConfigFile } from '../../functions/adapters/config/county-config-file.ts';
import { loadCounties, type Counties } from '../../functions/adapters/config/county-registry.ts';

export const countyA = 'chiayi-county';
export const countyB = 'tainan-city';

/** 臺南市's county file, as JSON: the Chiayi file with B's id, names and mail addresses. */
export function tainanConfigJson(): unknown {
  const text = readFileSync(defaultCountyConfigFile, 'utf8')
    .replaceAll(`"${countyA}"`, `"${countyB}"`)
    .replaceAll('嘉義縣', '臺南市')
    .replaceAll('Chiayi County', 'Tainan City')
    .replaceAll('@example.org', '@tainan.example.org');
  return JSON.parse(text);
}

export type TwoCounties = { folder: string; counties: Counties; remove: () => void };

/** A county folder (COUNTY_CONFIG_DIR) holding A's and B's files, loaded as the handlers load it. */
export function writeTwoCounties(prefix = 'safetynet-counties-'): TwoCounties {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  writeFileSync(join(folder, `${countyA}.json`), readFileSync(defaultCountyConfigFile));
  writeFileSync(join(folder, `${countyB}.json`), JSON.stringify(tainanConfigJson()));
  return { folder, counties: loadCounties(folder), remove: () => rmSync(folder, { recursive: true, force: true }) };
}
