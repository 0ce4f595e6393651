import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signToken, tokenClaimsSchema, verifyToken, type TokenClaims } from '../../../functions/core/access/signed-token.ts';

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

// The dispatcher signs with a hand-written guard (token-signing.ts, no zod); the site verifies with
// the schema. A link the guard lets out must be one the site accepts, and the other way round.
describe('signing without the schema', () => {
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
      exp: fc.oneof(fc.integer({ min: -5, max: 2_000_000_000 }), fc.constant(1.5)),
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
