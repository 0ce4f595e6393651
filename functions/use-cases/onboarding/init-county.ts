// `county init`: writes a new county's configuration file from the template, in the folder where
// county files live, after checking it is valid. It never overwrites: a county file holds the
// secretariat's confirmed contacts, and losing them to a mistyped command would be silent.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Temporal } from '../../core/calendar/local-date.ts';
import { parseCountyConfig, type CountyConfig } from '../../core/series/county-config.ts';
import { findPlaceholders, type Placeholder } from '../../core/series/placeholders.ts';
import { countyTemplate } from './county-template.ts';
import { OnboardingError } from './onboarding-error.ts';

export type InitCountyRequest = {
  /** The folder of county files (functions/config/counties). */
  directory: string;
  id: string;
  name: string;
  today: Temporal.PlainDate;
  /** Lays the JSON out as the project's formatter would; plain two-space JSON without it. */
  format?: (json: string, file: string) => Promise<string>;
};

export type InitCountyResult = { file: string; config: CountyConfig; placeholders: Placeholder[] };

/** The same rule as county-config.ts's identifiers, checked first so the message names the argument. */
const countyId = /^[a-z0-9][a-z0-9-]{0,62}$/;

export async function initCounty(request: InitCountyRequest): Promise<InitCountyResult> {
  const { directory, id, today } = request;
  const name = request.name.trim();
  if (!countyId.test(id))
    throw new OnboardingError(
      `<縣市代號>「${id}」不能使用：只能有小寫英文字母、數字與連字號（-），且以字母或數字開頭，例如 tainan-city`,
      '<縣市代號>',
    );
  if (name === '' || name.length > 120 || /\p{Cc}/u.test(name))
    throw new OnboardingError(`--name「${request.name}」不能使用：請給縣市的中文名稱（一行，120 字以內），例如 --name 臺南市`, '--name');

  const file = join(directory, `${id}.json`);
  const template = countyTemplate({ id, name, today });
  // The template must pass the same checks as any county file before it is written.
  const config = parseCountyConfig(template, file);
  const json = JSON.stringify(template, null, 2);
  const text = request.format ? await request.format(json, file) : `${json}\n`;
  try {
    writeFileSync(file, text, { flag: 'wx' }); // wx: fails if the file exists, with no window to overwrite it
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new OnboardingError(`${file} 已經存在，不會覆寫：請換一個 <縣市代號>，或先把舊檔移走`, '<縣市代號>');
    if (code === 'ENOENT') throw new OnboardingError(`放縣市設定檔的資料夾 ${directory} 不存在`);
    throw error;
  }
  return { file, config, placeholders: findPlaceholders(config) };
}
