// Every county one deployment serves. Each county is a file in one folder (functions/config/counties/
// locally; in Lambda the CDK copies the deployed counties' files beside the bundle and names the
// folder in COUNTY_CONFIG_DIR). A file's name is its county id, so a file copied under the wrong
// name cannot quietly serve as another county.
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CountyConfigError } from '../../core/series/county-config-error.ts';
import type { CountyConfig } from '../../core/series/county-config.ts';
import { loadCountyConfigFile } from './county-config-file.ts';
import { readValidatedCountyFile } from './validated-county-file.ts';

export const defaultCountyConfigDir = fileURLToPath(new URL('../../config/counties/', import.meta.url));

export type Counties = {
  /** Ids in a stable order (sorted). */
  readonly ids: readonly string[];
  get(countyId: string): CountyConfig | undefined;
  all(): readonly CountyConfig[];
};

export function countyConfigDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.COUNTY_CONFIG_DIR || defaultCountyConfigDir;
}

/** Loads and validates every county file in `dir`; any invalid file stops the load, naming it. */
export function loadCounties(dir: string = countyConfigDir(), only?: readonly string[]): Counties {
  let files: string[];
  try {
    files = readdirSync(dir)
      .filter((name) => name.endsWith('.json') && !name.endsWith('.schema.json'))
      .sort();
  } catch (error) {
    throw new CountyConfigError(dir, [`無法讀取縣市設定資料夾（${(error as NodeJS.ErrnoException).code ?? String(error)}）`]);
  }
  const wanted = only ? new Set(only) : undefined;
  const configs = files
    .filter((name) => !wanted || wanted.has(basename(name, '.json')))
    .map((name) => {
      const file = join(dir, name);
      // Lambda bundles define SAFETYNET_COUNTY_FILES as "validated" (the synth checked them), which
      // leaves the schema and zod out of the bundle; everywhere else the file is checked here.
      const config = process.env.SAFETYNET_COUNTY_FILES === 'validated' ? readValidatedCountyFile(file) : loadCountyConfigFile(file);
      if (config.county.id !== basename(name, '.json'))
        throw new CountyConfigError(file, [`county.id: 「${config.county.id}」與檔名不符；檔名應為 ${config.county.id}.json`]);
      return config;
    });
  for (const id of wanted ?? []) {
    if (!configs.some((c) => c.county.id === id))
      throw new CountyConfigError(dir, [`找不到縣市「${id}」的設定檔 ${id}.json；現有：${files.join('、') || '（無）'}`]);
  }
  if (configs.length === 0) throw new CountyConfigError(dir, ['資料夾中沒有任何縣市設定檔（<縣市代碼>.json）']);
  return countiesOf(configs);
}

export function countiesOf(configs: readonly CountyConfig[]): Counties {
  const byId = new Map(configs.map((c) => [c.county.id, c]));
  const ids = [...byId.keys()].sort();
  return { ids, get: (id) => byId.get(id), all: () => ids.map((id) => byId.get(id)!) };
}
