// A county file in a Lambda bundle: the synth validated the county's file with the full schema and
// wrote the result (defaults filled in) beside the bundle (lib/constructs/meeting-function.ts), so
// the function only reads it, without carrying the schema and zod.
import { readFileSync } from 'node:fs';
import { CountyConfigError } from '../../core/series/county-config-error.ts';
import type { CountyConfig } from '../../core/series/county-config.ts';

export function readValidatedCountyFile(file: string): CountyConfig {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as CountyConfig;
  } catch (error) {
    throw new CountyConfigError(file, [`無法讀取部署時驗證過的縣市設定檔（${(error as Error).message}）`]);
  }
}
