// The county configuration's JSON Schema, generated from the zod schema so the two never disagree.
// A secretariat edits functions/config/counties/<county>.json in an ordinary editor; the file's
// `$schema` points at the committed copy (functions/config/county-config.schema.json), so the
// editor completes field names and flags mistakes while they type. zod still has the last word:
// cross-field rules (an unknown venue, a chair who is not invited) exist only in zod.
import * as z from 'zod/mini';
import { countyConfigSchema } from './county-config.ts';

/** Where the committed schema lives, relative to the project root. */
export const countyConfigSchemaFile = 'functions/config/county-config.schema.json';

/** The command that rewrites the committed schema after the zod schema changes. */
export const regenerateCountySchemaCommand = 'npm run generate:county-schema';

export function countyConfigJsonSchema(): Record<string, unknown> {
  // draft-07: the draft that common editors (VS Code, JetBrains) validate and complete with.
  // io "input": what a person writes, so a field with a default may be left out.
  const { $schema, ...generated } = z.toJSONSchema(countyConfigSchema, { target: 'draft-7', io: 'input' }) as Record<string, unknown>;
  return {
    $schema,
    title: '社會安全網會議：縣市設定檔（Social Safety Net meetings: county configuration）',
    description: `由 zod 結構產生，請勿手改：修改 functions/core/series/county-config.ts 後執行 ${regenerateCountySchemaCommand}。`,
    ...generated,
  };
}
