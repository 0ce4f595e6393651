import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { signToken, verifyToken, type TokenClaims } from '../../../functions/core/access/signed-token.ts';
import { maxClaimIdLength, tokenPurposes, tokenRoles } from '../../../functions/core/access/token-signing.ts';

// The oracle: the zod/mini schema the verifier checked claims with until the links function dropped
// zod (19 KB of it). The hand-written check (readClaims in token-signing.ts) must give its verdict.
const claimId = z.string().check(z.minLength(1), z.maxLength(maxClaimIdLength));
const tokenClaimsSchema = z.strictObject({
  purpose: z.enum(tokenPurposes as [TokenClaims['purpose'], ...TokenClaims['purpose'][]]),
  seriesId: claimId,
  slotKey: claimId,
  contactId: claimId,
  sequence: z.optional(z.int().check(z.minimum(0))),
  role: z.optional(z.enum(tokenRoles as [NonNullable<TokenClaims['role']>, ...NonNullable<TokenClaims['role']>[]])),
  version: z.optional(z.int().check(z.minimum(0))),
  exp: z.int().check(z.positive()),
});

// The claims type is written by hand on the signing side; the oracle must read exactly that type.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaReadsTheClaims: Same<z.infer<typeof tokenClaimsSchema>, TokenClaims> = true;
void schemaReadsTheClaims;

/** A payload signed with the right key, whatever it holds: only the claim check can refuse it. */
function signedPayload(value: unknown): string {
  const payload = Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${payload}.${createHmac('sha256', key).update(payload).digest('base64url')}`;
}

const key = Buffer.from('test-signing-key-of-32-bytes-len');
const otherKey = Buffer.from('another-signing-key-32-bytes-len');
const now = new Date('2026-03-09T01:00:00Z');
const claims: TokenClaims = {
  purpose: 'rsvp',
  seriesId: 'child-protection-case-conference',
  slotKey: '2026-03',
  contactId: 'police-wc-leader',
  sequence: 0,
  exp: now.getTime() / 1000 + 3600,
};

describe('signed link tokens', () => {
  it('round-trips the claims it was signed with', () => {
    expect(verifyToken(signToken(claims, key), key, now)).toEqual({ ok: true, claims });
  });

  it.each([
    ['signed with another key', () => signToken(claims, otherKey), 'bad-signature'],
    [
      'with a claim changed after signing',
      () => {
        const [, signature] = signToken(claims, key).split('.');
        const forged = Buffer.from(JSON.stringify({ ...claims, slotKey: '2026-04' })).toString('base64url');
        return `${forged}.${signature}`;
      },
      'bad-signature',
    ],
    ['truncated', () => signToken(claims, key).slice(0, 20), 'malformed'],
    ['empty', () => '', 'malformed'],
    ['absurdly long', () => 'a'.repeat(5000), 'malformed'],
    ['expired', () => signToken({ ...claims, exp: now.getTime() / 1000 - 1 }, key), 'expired'],
  ])('rejects a token %s', (_label, make, reason) => {
    expect(verifyToken(make(), key, now)).toEqual({ ok: false, reason });
  });

  it('rejects a correctly signed payload that is not a claim set', () => {
    const payload = Buffer.from(JSON.stringify({ purpose: 'admin' })).toString('base64url');
    const signature = createHmac('sha256', key).update(payload).digest('base64url');
    expect(verifyToken(`${payload}.${signature}`, key, now)).toEqual({ ok: false, reason: 'malformed' });
  });
});

// Signing and verifying share one hand-written check (token-signing.ts, no zod). A link the signer
// lets out must be one the site accepts, and both must agree with the schema the site used before.
describe('the claim check without a schema', () => {
  const id = fc.oneof(fc.string({ maxLength: 90 }), fc.constant(''), fc.constant('x'.repeat(80)), fc.constant('x'.repeat(81)));
  const count = fc.oneof(
    fc.integer({ min: -2, max: 50 }),
    fc.constant(0.5),
    fc.constant(Number.MAX_SAFE_INTEGER + 2),
    fc.constant(Number.NaN),
  );
  const candidate = fc.record(
    {
      purpose: fc.constantFrom('rsvp', 'minutes', 'notice-document', 'admin', ''),
      seriesId: id,
      slotKey: id,
      contactId: id,
      sequence: count,
      role: fc.constantFrom('chair', 'invitee', 'owner'),
      version: count,
      exp: fc.oneof(fc.integer({ min: -5, max: 2_000_000_000 }), fc.constantFrom(0, 1, 1.5, -0, Number.MAX_SAFE_INTEGER + 2)),
      extra: fc.string(),
    },
    { requiredKeys: [] },
  );

  it('signs exactly the claim sets the verifier’s schema accepts', () => {
    fc.assert(
      fc.property(candidate, (claims) => {
        const accepted = tokenClaimsSchema.safeParse(claims).success;
        let signed: string | undefined;
        try {
          signed = signToken(claims as TokenClaims, key);
        } catch {
          signed = undefined;
        }
        expect(signed !== undefined).toBe(accepted);
        if (signed !== undefined)
          expect(verifyToken(signed, key, new Date(0))).toEqual({ ok: true, claims: tokenClaimsSchema.parse(claims) });
      }),
      { numRuns: 2000 },
    );
  });

  it('verifies exactly the signed payloads the schema accepts, whatever JSON they hold', () => {
    const near = fc.oneof(
      candidate,
      fc.record({ purpose: fc.constantFrom('rsvp', 'minutes'), seriesId: id, slotKey: id, contactId: id, exp: fc.jsonValue() }),
      // A valid claim set but for one edge value: each limit is met exactly or missed by one.
      fc.record({
        purpose: fc.constant('minutes'),
        seriesId: fc.constantFrom('', 's', 'x'.repeat(80), 'x'.repeat(81)),
        slotKey: fc.constant('2026-03'),
        contactId: fc.constant('c'),
        version: fc.constantFrom(-1, 0, 1, 0.5, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 1),
        exp: fc.constantFrom(-1, 0, 1, 1.5, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 1),
      }),
      fc.record({
        purpose: fc.constant('minutes'),
        seriesId: fc.constant('s'),
        slotKey: fc.constant('2026-03'),
        contactId: fc.constant('c'),
        role: fc.jsonValue(),
        version: fc.jsonValue(),
        sequence: fc.jsonValue(),
        exp: fc.constant(2),
      }),
      fc.jsonValue(),
      fc.array(fc.string()),
    );
    fc.assert(
      fc.property(near, (value) => {
        // What the verifier reads is the payload after a JSON round trip (NaN becomes null, and so on).
        const read: unknown = JSON.parse(JSON.stringify(value) ?? 'null');
        const oracle = tokenClaimsSchema.safeParse(read);
        const verdict = verifyToken(signedPayload(value), key, new Date(0));
        if (oracle.success) expect(verdict).toEqual({ ok: true, claims: oracle.data });
        else expect(verdict).toEqual({ ok: false, reason: 'malformed' });
      }),
      { numRuns: 3000 },
    );
  });

  it('refuses a payload that is an array, null, a string or a number, and one with __proto__ among its keys', () => {
    for (const payload of [[], ['rsvp'], null, 'rsvp', 7, true])
      expect(verifyToken(signedPayload(payload), key, now), JSON.stringify(payload)).toEqual({ ok: false, reason: 'malformed' });
    const withProto = `{"__proto__":{"x":1},${JSON.stringify(claims).slice(1)}`;
    const encoded = Buffer.from(withProto).toString('base64url');
    const token = `${encoded}.${createHmac('sha256', key).update(encoded).digest('base64url')}`;
    expect(tokenClaimsSchema.safeParse(JSON.parse(withProto)).success).toBe(false);
    expect(verifyToken(token, key, now)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('writes the claims in the schema’s order, so a token is the one the schema-checked signer wrote', () => {
    const shuffled = {
      exp: claims.exp,
      sequence: 0,
      contactId: claims.contactId,
      slotKey: claims.slotKey,
      seriesId: claims.seriesId,
      purpose: claims.purpose,
    } as const;
    const [payload] = signToken(shuffled, key).split('.');
    expect(Buffer.from(payload!, 'base64url').toString('utf8')).toBe(JSON.stringify(tokenClaimsSchema.parse(claims)));
    expect(Object.keys(JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as object)).toEqual([
      'purpose',
      'seriesId',
      'slotKey',
      'contactId',
      'sequence',
      'exp',
    ]);
  });
});
