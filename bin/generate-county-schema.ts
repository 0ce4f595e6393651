// `npm run generate:county-schema`: rewrites functions/config/county-config.schema.json from the
// zod schema. test/unit/onboarding/county-config-json-schema.test.ts fails while the committed
// file differs from what this writes.
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { countyConfigJsonSchema, countyConfigSchemaFile } from '../functions/core/series/county-config-json-schema.ts';

export const projectRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * The file's text, formatted as the project's Prettier formats JSON, so the committed file passes
 * `prettier --check` and a regenerated one differs only where the schema did.
 */
export async function countyConfigSchemaText(): Promise<string> {
  const filepath = join(projectRoot, countyConfigSchemaFile);
  return format(JSON.stringify(countyConfigJsonSchema()), { ...((await resolveConfig(filepath)) ?? {}), filepath });
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  writeFileSync(join(projectRoot, countyConfigSchemaFile), await countyConfigSchemaText());
  console.log(`已產生 ${countyConfigSchemaFile}（縣市設定檔的 JSON Schema）`);
}
