import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signToken, verifyToken, type TokenClaims } from '../../../functions/core/access/signed-token.ts';

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
