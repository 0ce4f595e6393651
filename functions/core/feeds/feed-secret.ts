// The secret in a unit's calendar-feed URL. Calendar clients cannot sign in, so the URL itself is
// the credential: 256 random bits, shown once when issued and stored only as its SHA-256, so a copy
// of the table (a backup, an export) holds no working feed URL. A presented secret is compared by
// its digest in constant time, and a malformed one costs the same work as a wrong one, so timing
// tells an attacker nothing about how close a guess was.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const secretPattern = /^[A-Za-z0-9_-]{43}$/;

/** 32 random bytes as base64url: 43 characters that need no escaping in a path. */
export function newFeedSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function hashFeedSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Whether `presented` is the secret whose hash is stored; false for a revoked feed (no hash). */
export function feedSecretMatches(presented: string, storedHash: string | undefined): boolean {
  const presentedDigest = createHash('sha256').update(presented, 'utf8').digest();
  // Compared even when there is nothing to compare with, so every refusal takes the same time.
  const stored = storedHash && /^[0-9a-f]{64}$/.test(storedHash) ? Buffer.from(storedHash, 'hex') : Buffer.alloc(32);
  const equal = timingSafeEqual(presentedDigest, stored);
  return equal && storedHash !== undefined && secretPattern.test(presented);
}
