// Verifying the links in e-mails (HTTP only). Signing, which the dispatcher does for every notice,
// is token-signing.ts; it is re-exported here so the HTTP side and the tests keep one import for both.
import { timingSafeEqual } from 'node:crypto';
import { readClaims, tokenMac, type TokenClaims } from './token-signing.ts';

export { countyBaseUrl, countySigningKey, signToken, type TokenClaims } from './token-signing.ts';

export type TokenCheck = { ok: true; claims: TokenClaims } | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired' };

const maxTokenLength = 2048;

/** Checks the signature before reading anything, then the claims, then the expiry. Never throws on bad input. */
export function verifyToken(token: string, key: Uint8Array, now: Date): TokenCheck {
  if (typeof token !== 'string' || token.length > maxTokenLength) return { ok: false, reason: 'malformed' };
  const parts = token.split('.');
  if (parts.length !== 2 || !parts[0] || !parts[1]) return { ok: false, reason: 'malformed' };
  const [payload, signature] = parts as [string, string];
  const expected = Buffer.from(tokenMac(payload, key));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'bad-signature' };
  let claims: TokenClaims | undefined;
  try {
    claims = readClaims(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (claims === undefined) return { ok: false, reason: 'malformed' };
  if (claims.exp * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}
