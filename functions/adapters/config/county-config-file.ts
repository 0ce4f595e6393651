// Reads a county's configuration file. Locally it is the file in functions/config/counties/; in
// Lambda the CDK copies the chosen county's file beside the bundle and names it in COUNTY_CONFIG_FILE.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CountyConfigError, parseCountyConfig, type CountyConfig } from '../../core/series/county-config.ts';

export const defaultCountyConfigFile = fileURLToPath(new URL('../../config/counties/chiayi-county.json', import.meta.url));

export function countyConfigFile(env: NodeJS.ProcessEnv = process.env): string {
  return env.COUNTY_CONFIG_FILE ?? defaultCountyConfigFile;
}

export function loadCountyConfigFile(file: string = countyConfigFile()): CountyConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CountyConfigError(file, [`cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new CountyConfigError(file, [`not valid JSON: ${(error as Error).message}`]);
  }
  return parseCountyConfig(raw, file);
}
