// The counties one deployment serves, read from the settings' `counties` (ids, or "all" files in
// countyConfigDir). Each county is one file named after its id, validated by the same schema the
// handlers use; the stack derives every per-county resource (schedules, Cognito groups, mail
// identities, reply recipients) from this list, so onboarding a county is adding its file.
import { readdirSync } from 'node:fs';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { loadCountyConfigFile } from '../functions/adapters/config/county-config-file.ts';
import { CountyConfigError, type CountyConfig } from '../functions/core/series/county-config.ts';
import { contextPrefix, DeploymentConfigError, type DeploymentSettings } from './deployment-config.ts';

export type DeployedCounty = {
  /** Absolute path of the county file; copied beside every Lambda bundle. */
  file: string;
  config: CountyConfig;
};

/** County files are `<county id>.json`; the JSON Schema beside them is an editor aid, not a county. */
const isCountyFile = (name: string) => name.endsWith('.json') && !name.endsWith('.schema.json');

export function countyConfigDirOf(settings: DeploymentSettings, projectRoot: string): string {
  return isAbsolute(settings.countyConfigDir) ? settings.countyConfigDir : resolve(projectRoot, settings.countyConfigDir);
}

/** Loads and validates the selected counties, in id order; any problem stops synthesis, naming the file or setting. */
export function loadDeployedCounties(settings: DeploymentSettings, projectRoot: string): DeployedCounty[] {
  const dir = countyConfigDirOf(settings, projectRoot);
  let available: string[];
  try {
    available = readdirSync(dir).filter(isCountyFile).sort();
  } catch (error) {
    throw new DeploymentConfigError('CDK context', [
      `${contextPrefix}countyConfigDir: 無法讀取縣市設定資料夾 ${dir}（${(error as NodeJS.ErrnoException).code ?? String(error)}）`,
    ]);
  }
  const availableIds = available.map((name) => basename(name, '.json'));
  const ids = settings.counties === 'all' ? availableIds : [...settings.counties].sort();
  const missing = ids.filter((id) => !availableIds.includes(id));
  if (ids.length === 0 || missing.length > 0) {
    const found = `資料夾 ${settings.countyConfigDir} 中有：${available.join('、') || '（沒有任何縣市設定檔）'}`;
    throw new DeploymentConfigError('CDK context', [
      ids.length === 0
        ? `${contextPrefix}counties: "all" 但沒有任何縣市設定檔；${found}`
        : `${contextPrefix}counties: 找不到 ${missing.map((id) => `${id}.json`).join('、')}；${found}`,
    ]);
  }

  const counties = ids.map((id) => {
    const file = join(dir, `${id}.json`);
    const config = loadCountyConfigFile(file);
    // The handlers find a county by its file's name too: a copied file left with its old name would
    // otherwise serve one county's meetings under another's id.
    if (config.county.id !== id) {
      throw new CountyConfigError(file, [`county.id: 「${config.county.id}」與檔名不符；檔名須為 ${config.county.id}.json`]);
    }
    return { file, config };
  });
  assertOwnMailboxes(counties);
  return counties;
}

/**
 * Calendar replies are told apart by the mailbox they were sent to, and each county sends as its
 * own: two counties on one mailbox would read each other's answers.
 */
function assertOwnMailboxes(counties: readonly DeployedCounty[]): void {
  const owner = new Map<string, string>();
  for (const { file, config } of counties) {
    const mailbox = config.secretariat.mailbox.toLowerCase();
    const other = owner.get(mailbox);
    if (other) {
      throw new CountyConfigError(file, [
        `secretariat.mailbox: ${config.secretariat.mailbox} 已是 ${other} 的信箱；每個縣市須有自己的信箱，回覆才分得出是哪個縣市的`,
      ]);
    }
    owner.set(mailbox, config.county.id);
  }
}

/** The secretariat mailboxes of the counties, as written in their files. */
export function secretariatMailboxes(counties: readonly DeployedCounty[]): string[] {
  return counties.map(({ config }) => config.secretariat.mailbox);
}
