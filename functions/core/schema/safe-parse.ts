// The schemas in functions/ are zod/mini (issue 13): the same core as classic zod, and about 25 KB
// of an HTTP function where classic zod was 97 KB. zod/mini installs no messages, though: every
// issue would read "Invalid input", where classic zod installs its English ones when its first
// schema is made. The minutes API's problems, the county-file and office-calendar import errors and
// the secretariat API's refusals (請填寫 for a missing field, 格式不對 for a wrong one) are made from
// those messages, so they are installed here (3 KB), word for word.
//
// The modules that moved to zod/mini parse through safeParse below rather than schema.safeParse:
// the package marks functions/ free of side effects, and a bundle keeps the z.config call only
// because it keeps a function of this module that is used.
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

z.config(en());

/** schema.safeParse, with classic zod's English messages for the issues no schema words itself. */
export function safeParse<T extends z.ZodMiniType>(schema: T, input: unknown): z.core.util.SafeParseResult<z.output<T>> {
  return schema.safeParse(input);
}
