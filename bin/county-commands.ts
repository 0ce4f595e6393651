// The CLI's commands for setting up counties, loaded by bin/cli.ts only when one of them is typed:
// `validate-config` (is the file valid, and what is still a placeholder), `county init` (a new
// county's file), and `migrate-to-counties` (a single-county table into the county-keyed layout).
// Each prints its outcome in zh-TW and returns the exit code; a problem the person must fix is
// one message, not a stack trace.
import { existsSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCountyConfigFile } from '../functions/adapters/config/county-config-file.ts';
import { CountyConfigError } from '../functions/core/series/county-config.ts';
import { findPlaceholders, placeholderLabels, type Placeholder } from '../functions/core/series/placeholders.ts';
import { Temporal, todayInTaipei } from '../functions/core/calendar/local-date.ts';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));

/** Where county files live; COUNTY_CONFIG_DIR points elsewhere (as for the deployed functions). */
export function countiesDirectory(env: NodeJS.ProcessEnv = process.env): string {
  return env.COUNTY_CONFIG_DIR || join(projectRoot, 'functions', 'config', 'counties');
}

const shown = (file: string) => (file.startsWith(projectRoot) ? relative(projectRoot, file) : file);

/** One line per placeholder: where, the value, and what kind of stand-in it is. */
export function placeholderLine({ path, value, reason, kind }: Placeholder): string {
  return kind && kind !== 'series-fields' ? `  ${path}: ${value}（${placeholderLabels[kind]}）` : `  ${path}: ${value}（${reason}）`;
}

/**
 * Valid or not, and every placeholder. Placeholders are normal while a county is being set up, so
 * they are listed with exit 0; --strict turns them into exit 1, for a check before going live.
 */
export function validateConfig(file: string, strict: boolean): number {
  const config = loadCountyConfigFile(file);
  console.log(
    `${shown(file)}：格式正確（${config.county.name.zh}，${config.series.length} 個會議系列、${config.units.length} 個單位、${config.venues.length} 個場地）`,
  );
  const placeholders = findPlaceholders(config);
  if (placeholders.length === 0) {
    console.log('沒有預留值：可以正式上線。');
    return 0;
  }
  console.log(`還有 ${placeholders.length} 個預留值（placeholder），尚不能正式上線：`);
  for (const placeholder of placeholders) console.log(placeholderLine(placeholder));
  console.log('請填入真實的名稱、信箱、時間與場地，並把 "placeholder" 改為 false、清空各系列的 "placeholders"，再執行一次本指令。');
  return strict ? 1 : 0;
}

/** `county init <id> --name <名稱>`: a new county's file, valid, with its placeholders marked. */
export async function countyInit(id: string, name: string, now: Temporal.Instant): Promise<number> {
  const [{ initCounty }, { OnboardingError }] = await Promise.all([
    import('../functions/use-cases/onboarding/init-county.ts'),
    import('../functions/use-cases/onboarding/onboarding-error.ts'),
  ]);
  try {
    const { file, config, placeholders } = await initCounty({
      directory: countiesDirectory(),
      id,
      name,
      today: todayInTaipei(now),
      format: formatLikeTheProject,
    });
    console.log(
      `已建立 ${shown(file)}：${config.county.name.zh}（${config.county.id}），${config.series.map((s) => s.name.zh).join('、')}`,
    );
    console.log(
      `其中 ${placeholders.length} 個預留值待填（名稱結尾「（待填）」、example.org 信箱、"placeholder": true、各系列的 "placeholders"）。`,
    );
    console.log(`編輯器會依 $schema 檢查並補完欄位；填好後執行：npm run cli -- validate-config ${shown(file)}`);
    return 0;
  } catch (error) {
    if (!(error instanceof OnboardingError || error instanceof CountyConfigError)) throw error;
    console.error(error.message);
    return 2;
  }
}

/**
 * The JSON as `prettier --write` would leave it in the project's county folder (the project's
 * settings, wherever COUNTY_CONFIG_DIR points), so a new county file passes lint as it is.
 */
async function formatLikeTheProject(json: string, file: string): Promise<string> {
  try {
    const prettier = await import('prettier');
    const asInProject = join(projectRoot, 'functions', 'config', 'counties', basename(file));
    return await prettier.format(json, { ...((await prettier.resolveConfig(asInProject)) ?? {}), filepath: asInProject });
  } catch {
    return `${json}\n`; // no Prettier (an install without dev dependencies): plain JSON is just as valid
  }
}

export type MigrateOptions = {
  county: string;
  dataDir: string;
  /** The operator's word that nothing plans or sends on a table we cannot look into. */
  schedulesDisabled: boolean;
  scheduleGroup?: string;
  env?: NodeJS.ProcessEnv;
};

/**
 * `migrate-to-counties --county <id>`: refuses while schedules may run, then migrates. Where the
 * table is decides how the schedules are checked (lib/migration/schedules-guard.ts).
 */
export async function migrateToCountiesCommand(options: MigrateOptions): Promise<number> {
  const env = options.env ?? process.env;
  const [{ migrateToCounties, MigrationError }, guard, { openTable }] = await Promise.all([
    import('../functions/use-cases/migration/migrate-to-counties.ts'),
    import('../lib/migration/schedules-guard.ts'),
    import('../lib/local-stack/open-table.ts'),
  ]);
  const countyFile = join(countiesDirectory(env), `${options.county}.json`);
  try {
    // The county must be one this deployment knows: a typo would move every item under a name nobody reads.
    if (!existsSync(countyFile)) {
      console.error(`--county：找不到縣市設定檔 ${shown(countyFile)}；請確認縣市代號（檔名即代號）。`);
      return 2;
    }
    if (loadCountyConfigFile(countyFile).county.id !== options.county) {
      console.error(`--county：${shown(countyFile)} 裡的 county.id 不是「${options.county}」。`);
      return 2;
    }

    const where = env.DYNAMODB_ENDPOINT ? 'endpoint' : env.TABLE_NAME ? 'aws' : 'local';
    if (where === 'aws') {
      const { SchedulerClient } = await import('@aws-sdk/client-scheduler');
      const scheduler = new SchedulerClient({ region: env.AWS_REGION });
      try {
        const groups = await guard.assertDeployedSchedulesDisabled(
          scheduler,
          options.scheduleGroup ? { group: options.scheduleGroup } : {},
        );
        console.log(`排程已全部停用（${groups.join('、')}）。`);
      } finally {
        scheduler.destroy();
      }
    } else if (where === 'endpoint' && !options.schedulesDisabled) {
      console.error(
        `DYNAMODB_ENDPOINT（${env.DYNAMODB_ENDPOINT}）的資料表是否有排程在寫入，本指令看不到；確認沒有任何 npm start 或排程使用它之後，加上 --schedules-disabled 再執行。`,
      );
      return 2;
    } else if (where === 'local') await guard.assertNpmStartNotRunning(options.dataDir);

    const open = await openTable(options.dataDir, options.county, { env, command: 'npm run cli -- migrate-to-counties' });
    try {
      // npm start may have started between the check and the opening: its schedules would run.
      if (open.source === 'running-stack') await guard.assertNpmStartNotRunning(options.dataDir);
      const report = await migrateToCounties(open.table, options.county);
      const moved = report.copied + report.alreadyCopied;
      console.log(
        moved === 0
          ? `沒有需要遷移的項目（${report.scanned} 筆：${report.countyKeyed} 筆已是縣市鍵，${report.national} 筆全國辦公日曆）；資料表未改動。`
          : `已將 ${moved} 筆單一縣市資料搬到 C#${report.county}# 之下（本次寫入 ${report.copied} 筆，先前已寫入 ${report.alreadyCopied} 筆），` +
              `逐筆讀回比對無誤後刪除舊鍵 ${report.deleted} 筆；全國辦公日曆 ${report.national} 筆不變。`,
      );
      return 0;
    } finally {
      await open.close();
    }
  } catch (error) {
    if (error instanceof guard.SchedulesRunningError || error instanceof MigrationError || error instanceof CountyConfigError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}
