// The 開會通知單 settings' schema, in a module of its own so that a function that only reads the
// settings (the links function serving a notice) does not build it: a schema is made by calls at
// the top level, which a bundle keeps wherever the module is, and zod/mini was 16 KB of that function.
import * as z from 'zod/mini';

const line = (max: number) =>
  z.string().check(
    z.trim(),
    z.minLength(1),
    z.maxLength(max),
    z.refine((text) => !/\p{Cc}/u.test(text), '須為單行文字'),
  );

export const noticeSettingsSchema = z.strictObject({
  issuer: z.strictObject({ name: line(60), address: z.optional(line(120)), fax: z.optional(line(40)) }),
  contact: z.strictObject({ name: line(40), phone: line(60), email: z.optional(z.email().check(z.maxLength(254))) }),
  documentNumberPattern: line(60),
});
