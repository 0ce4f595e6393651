// Signing the links in e-mails (accept/decline, the chair's minutes page, the 開會通知單 download):
// an HMAC-SHA256 token instead of a session, scoped to one occurrence and one contact, with an
// expiry, and for minutes a per-contact version the secretariat can raise to revoke every link
// issued before. Verifying them (HTTP only) is signed-token.ts.
//
// Kept apart from verification so the dispatcher, which signs a link in every notice and verifies
// none, carries nothing of the HTTP side. One hand-written check (claimsProblem) holds the claims
// on both sides, so no link goes out that the site rejects.
import { createHmac } from 'node:crypto';

export type TokenPurpose = 'rsvp' | 'minutes' | 'notice-document';

export type TokenClaims = {
  /** `notice-document`: one person's download of the meeting's current 開會通知單 (notice-document-link.ts). */
  purpose: TokenPurpose;
  seriesId: string;
  slotKey: string;
  contactId: string;
  /** RSVP: the SEQUENCE the invitation carried; an answer to an older version is stale. */
  sequence?: number;
  /** Minutes: what the holder may do. */
  role?: 'chair' | 'invitee';
  /** Minutes: the contact's link version at issue time; raising it revokes older links. */
  version?: number;
  /** Expiry, epoch seconds. */
  exp: number;
};

/** The limits a token's claims are held to, when signed and when verified (readClaims). */
export const tokenPurposes: readonly TokenPurpose[] = ['rsvp', 'minutes', 'notice-document'];
export const tokenRoles: ReadonlyArray<NonNullable<TokenClaims['role']>> = ['chair', 'invitee'];
export const maxClaimIdLength = 80;

/** In the schema's order: the payload's bytes are the ones the schema's parse used to give. */
const claimKeys = ['purpose', 'seriesId', 'slotKey', 'contactId', 'sequence', 'role', 'version', 'exp'] as const;

export function signToken(claims: TokenClaims, key: Uint8Array): string {
  const payload = Buffer.from(JSON.stringify(checkedClaims(claims))).toString('base64url');
  return `${payload}.${tokenMac(payload, key)}`;
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

export function tokenMac(payload: string, key: Uint8Array): string {
  return createHmac('sha256', key).update(payload).digest('base64url');
}

/**
 * A link the site would refuse is a bug to find at signing, not in a recipient's browser. Returns
 * the claims in the schema's key order, without keys whose value is undefined.
 */
function checkedClaims(claims: TokenClaims): TokenClaims {
  const problem = claimsProblem(claims);
  if (problem !== undefined) throw new TypeError(`token claims: ${problem}`);
  return inClaimOrder(claims);
}

/**
 * The claims of a verified payload (JSON.parse's result), or undefined when it is not a claim set
 * the signer would have written. The verifier's check: hand-written rather than a zod schema
 * because zod/mini was 19 KB of the links function, which checks nothing else with it; the unit
 * test keeps the zod schema the verifier used before as the oracle of a property test.
 */
export function readClaims(payload: unknown): TokenClaims | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  return claimsProblem(payload as TokenClaims) === undefined ? inClaimOrder(payload as TokenClaims) : undefined;
}

/** The first claim that breaks the limits above, named; undefined when all hold. */
function claimsProblem(claims: TokenClaims): string | undefined {
  const unknown = Object.keys(claims).filter((key) => !(claimKeys as readonly string[]).includes(key));
  if (unknown.length > 0) return `unknown ${unknown.join(', ')}`;
  if (!tokenPurposes.includes(claims.purpose)) return 'purpose';
  for (const name of ['seriesId', 'slotKey', 'contactId'] as const) {
    const value: unknown = claims[name];
    if (typeof value !== 'string' || value.length < 1 || value.length > maxClaimIdLength) return name;
  }
  for (const name of ['sequence', 'version'] as const) {
    const value: unknown = claims[name];
    if (value !== undefined && !(Number.isSafeInteger(value) && (value as number) >= 0)) return name;
  }
  if (claims.role !== undefined && !tokenRoles.includes(claims.role)) return 'role';
  if (!(Number.isSafeInteger(claims.exp) && claims.exp > 0)) return 'exp';
  return undefined;
}

function inClaimOrder(claims: TokenClaims): TokenClaims {
  return Object.fromEntries(claimKeys.filter((key) => claims[key] !== undefined).map((key) => [key, claims[key]])) as TokenClaims;
}
