// Verifying the links in e-mails (HTTP only). Signing, which the dispatcher does for every notice,
// is token-signing.ts and needs no schema library; it is re-exported here so the HTTP side and the
// tests keep one import for both.
import { timingSafeEqual } from 'node:crypto';
// zod/mini: classic zod would be 90 KB of each HTTP bundle that verifies a link.
import * as z from 'zod/mini';
import { maxClaimIdLength, tokenMac, tokenPurposes, tokenRoles, type TokenClaims } from './token-signing.ts';

export { countyBaseUrl, countySigningKey, signToken, type TokenClaims } from './token-signing.ts';

const claimId = z.string().check(z.minLength(1), z.maxLength(maxClaimIdLength));

/** What a signed payload must be before anything reads it; the signing side's guard holds claims to the same limits. */
export const tokenClaimsSchema = z.strictObject({
  purpose: z.enum(tokenPurposes as [TokenClaims['purpose'], ...TokenClaims['purpose'][]]),
  seriesId: claimId,
  slotKey: claimId,
  contactId: claimId,
  sequence: z.optional(z.int().check(z.minimum(0))),
  role: z.optional(z.enum(tokenRoles as [NonNullable<TokenClaims['role']>, ...NonNullable<TokenClaims['role']>[]])),
  version: z.optional(z.int().check(z.minimum(0))),
  exp: z.int().check(z.positive()),
});

// The claims type is written by hand on the signing side; the schema must read exactly that type.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaReadsTheClaims: Same<z.infer<typeof tokenClaimsSchema>, TokenClaims> = true;
void schemaReadsTheClaims;

export type TokenCheck = { ok: true; claims: TokenClaims } | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired' };

const maxTokenLength = 2048;

/** Checks the signature before reading anything, then the expiry. Never throws on bad input. */
export function verifyToken(token: string, key: Uint8Array, now: Date): TokenCheck {
  if (typeof token !== 'string' || token.length > maxTokenLength) return { ok: false, reason: 'malformed' };
  const parts = token.split('.');
  if (parts.length !== 2 || !parts[0] || !parts[1]) return { ok: false, reason: 'malformed' };
  const [payload, signature] = parts as [string, string];
  const expected = Buffer.from(tokenMac(payload, key));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'bad-signature' };
  let claims: TokenClaims;
  try {
    claims = tokenClaimsSchema.parse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (claims.exp * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}
