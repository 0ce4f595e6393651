// Links in e-mails (accept/decline, the chair's minutes page) carry an HMAC-SHA256 token instead of
// a session: scoped to one occurrence and one contact, with an expiry, and for minutes a per-contact
// version the secretariat can raise to revoke every link issued before.
import { createHmac, timingSafeEqual } from 'node:crypto';
// zod/mini: the dispatcher signs a link in every notice, and classic zod would be 90 KB of its bundle.
import * as z from 'zod/mini';

export const tokenClaimsSchema = z.strictObject({
  /** `notice-document`: one person's download of the meeting's current 開會通知單 (notice-document-link.ts). */
  purpose: z.enum(['rsvp', 'minutes', 'notice-document']),
  seriesId: z.string().check(z.minLength(1), z.maxLength(80)),
  slotKey: z.string().check(z.minLength(1), z.maxLength(80)),
  contactId: z.string().check(z.minLength(1), z.maxLength(80)),
  /** RSVP: the SEQUENCE the invitation carried; an answer to an older version is stale. */
  sequence: z.optional(z.int().check(z.minimum(0))),
  /** Minutes: what the holder may do. */
  role: z.optional(z.enum(['chair', 'invitee'])),
  /** Minutes: the contact's link version at issue time; raising it revokes older links. */
  version: z.optional(z.int().check(z.minimum(0))),
  /** Expiry, epoch seconds. */
  exp: z.int().check(z.positive()),
});

export type TokenClaims = z.infer<typeof tokenClaimsSchema>;

export type TokenCheck = { ok: true; claims: TokenClaims } | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired' };

const maxTokenLength = 2048;

export function signToken(claims: TokenClaims, key: Uint8Array): string {
  const payload = Buffer.from(JSON.stringify(tokenClaimsSchema.parse(claims))).toString('base64url');
  return `${payload}.${mac(payload, key)}`;
}

/** Checks the signature before reading anything, then the expiry. Never throws on bad input. */
export function verifyToken(token: string, key: Uint8Array, now: Date): TokenCheck {
  if (typeof token !== 'string' || token.length > maxTokenLength) return { ok: false, reason: 'malformed' };
  const parts = token.split('.');
  if (parts.length !== 2 || !parts[0] || !parts[1]) return { ok: false, reason: 'malformed' };
  const [payload, signature] = parts as [string, string];
  const expected = Buffer.from(mac(payload, key));
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

/**
 * Each county signs with its own key, derived from the deployment's one secret. A link issued for
 * one county therefore fails the signature check on every other county's routes, whatever its
 * claims say: the county is part of what the signature covers, and no route can forget to compare it.
 */
export function countySigningKey(deploymentKey: Uint8Array, countyId: string): Uint8Array {
  return createHmac('sha256', deploymentKey).update(`safetynet-county-links:${countyId}`).digest();
}

/** Where a county's links live: /c/<county> below the public base URL. */
export function countyBaseUrl(publicBaseUrl: string, countyId: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/c/${encodeURIComponent(countyId)}`;
}

function mac(payload: string, key: Uint8Array): string {
  return createHmac('sha256', key).update(payload).digest('base64url');
}
