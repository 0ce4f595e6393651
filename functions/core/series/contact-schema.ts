// A unit's contact, as a county file lists one and as the secretariat adds one on the console
// (use-cases/secretariat/change-roster.ts): one schema for both, with the field rules the rest of
// the county schema (county-config.ts) shares. It is a module of its own so that the HTTP
// functions, which check only new contacts, do not build the whole county schema and carry the
// parts of zod only it needs (about 15 KB of their bundles).
import * as z from 'zod/mini';
import { lazySchema } from '../schema/lazy-schema.ts';

/** Text that may end up in a mail header or a calendar line: CR, LF and other controls are refused. */
export const singleLine = (max: number) =>
  z.string().check(
    z.trim(),
    z.minLength(1),
    z.maxLength(max),
    z.refine((text) => !/\p{Cc}/u.test(text), 'must be one line: no line breaks or control characters'),
  );

export const identifierSchema = () =>
  z
    .string()
    .check(
      z.regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be lower-case letters, digits and hyphens (e.g. "child-protection-case-conference")'),
    );

export const emailSchema = () => z.email('must be an e-mail address').check(z.maxLength(254));

// Built by the first contact checked (lazy-schema.ts), not when an HTTP function loads: the roster's
// functions build no other schema at import, and this one, the first, compiled much of zod in
// every cold start of http-secretariat-calendar-api and http-console-contacts (issue 13).
export const contactSchema = lazySchema(() =>
  z.strictObject({
    id: identifierSchema(),
    name: singleLine(80),
    /** Job title or, for panel members, their field of expertise (e.g. 兒童精神科). */
    title: z.optional(singleLine(80)),
    email: emailSchema(),
    placeholder: z._default(z.boolean(), false),
  }),
);
