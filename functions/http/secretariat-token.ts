// Is this a secretariat's token, for this county? One check for every way in: the bearer JSON API
// (secretariat-auth.ts) and the console's sign-in callback (console/sign-in-routes.ts) both ask it,
// in AWS for Cognito's tokens and locally for the local provider's and signer's.
//
// The signature, issuer and expiry are checked by `jose` against the issuer's published keys
// (JWKS), fetched and cached by jose's remote key set. What jose does not do by itself is added
// here: a token without `exp` would never expire, so `exp` is required; the audience may be in
// `aud` (ID tokens) or `client_id` (Cognito access tokens); and the county's group
// `secretariat-<county>` must be in `cognito:groups`, the same claim in both homes.
import { createHash } from 'node:crypto';
import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JWK, type JWTPayload } from 'jose';

export type SecretariatAuthOptions = {
  /** The `iss` every token must carry (Cognito: https://cognito-idp.<region>.amazonaws.com/<pool id>). */
  issuer: string;
  /** The app client id: a token's `aud` (ID tokens) or `client_id` (access tokens) must equal it. */
  audience: string;
  /** Where the public keys are published. */
  jwksUrl?: string;
  /** Public keys given directly, instead of or besides jwksUrl. */
  keys?: JWK[];
  /**
   * The group a token must name in `cognito:groups`: each county's `secretariat-<county>`. A
   * verifier made without one refuses every token, so no route can forget it.
   */
  requiredGroup?: string;
  /** Asymmetric only: an HMAC "key" from a JWKS would let anyone who read it sign tokens. */
  algorithms?: Array<'RS256' | 'ES256'>;
  /** How long fetched keys are trusted before fetching again (default 10 minutes). */
  cacheSeconds?: number;
};

/** Who signed in, as audit records name them: the token's subject, never an e-mail address. */
export type SecretariatIdentity = { subject: string; via: string };

export type TokenVerdict =
  | { ok: true; identity: SecretariatIdentity; claims: JWTPayload }
  /** Not a valid token for this application: 401. */
  | { ok: false; outcome: 'invalid'; reason: string }
  /** A valid token of someone outside this county's secretariat: 403. */
  | { ok: false; outcome: 'forbidden'; reason: string }
  /** The issuer's keys cannot be fetched just now: 503, never a pass. */
  | { ok: false; outcome: 'unavailable'; reason: string };

export type SecretariatTokenVerifier = (token: string) => Promise<TokenVerdict>;

const maxSubjectLength = 200;

export function secretariatTokenVerifier(options: SecretariatAuthOptions): SecretariatTokenVerifier {
  if (!options.issuer || !options.audience) throw new Error('secretariat sign-in needs an issuer and an audience');
  if (!options.jwksUrl && !options.keys?.length) throw new Error('secretariat sign-in needs a JWKS URL or keys');
  const keys = keySet(options);
  const algorithms = options.algorithms ?? ['RS256', 'ES256'];

  return async (token) => {
    let claims: JWTPayload;
    try {
      ({ payload: claims } = await jwtVerify(token, keys, { issuer: options.issuer, algorithms, requiredClaims: ['exp', 'sub'] }));
    } catch (error) {
      if (keysUnavailable(error)) return { ok: false, outcome: 'unavailable', reason: (error as Error).name };
      if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'exp' && error.reason === 'missing')
        return { ok: false, outcome: 'invalid', reason: 'the token has no expiry' };
      return { ok: false, outcome: 'invalid', reason: 'the token is not valid or has expired' };
    }
    const audiences = [claims.aud, claims.client_id].flat().filter((a): a is string => typeof a === 'string');
    if (!audiences.includes(options.audience))
      return { ok: false, outcome: 'invalid', reason: 'the token was issued for another application' };
    if (claims.token_use !== undefined && claims.token_use !== 'access' && claims.token_use !== 'id')
      return { ok: false, outcome: 'invalid', reason: 'not a sign-in token' };
    const subject = claims.sub;
    if (typeof subject !== 'string' || subject.length === 0 || subject.length > maxSubjectLength)
      return { ok: false, outcome: 'invalid', reason: 'the token names no subject' };
    const groups = claims['cognito:groups'];
    if (!options.requiredGroup || !Array.isArray(groups) || !groups.includes(options.requiredGroup))
      return { ok: false, outcome: 'forbidden', reason: 'not in the county secretariat group' };
    return { ok: true, identity: { subject, via: `jwt:${createHash('sha256').update(token).digest('base64url').slice(0, 16)}` }, claims };
  };
}

type KeySet = Parameters<typeof jwtVerify>[1];

/**
 * The issuer's keys, fetched when first needed and again when old or when a token names a key not
 * seen yet (Cognito rotates keys), but not more than once every 30 seconds: a flood of tokens with
 * made-up key ids must not become a flood of requests to the issuer. Keys given directly are tried
 * first. Only public asymmetric keys are used.
 */
function keySet(options: SecretariatAuthOptions): KeySet {
  const fixed = options.keys?.length ? createLocalJWKSet({ keys: publicKeys(options.keys) }) : undefined;
  const jwksUrl = options.jwksUrl;
  // Made on the first token that needs it, once: making it touches fetch, and loading Node's fetch
  // (undici) was about 40 ms of the HTTP function's cold start, which a unit's answer link never needs.
  let remote: ReturnType<typeof createRemoteJWKSet> | undefined;
  const remoteKeys = () =>
    (remote ??= createRemoteJWKSet(new URL(jwksUrl!), {
      timeoutDuration: 5_000,
      cooldownDuration: 30_000,
      cacheMaxAge: (options.cacheSeconds ?? 600) * 1000,
    }));
  return async (header, token) => {
    if (fixed) {
      try {
        return await fixed(header, token);
      } catch (error) {
        if (!jwksUrl || !(error instanceof errors.JWKSNoMatchingKey)) throw error;
      }
    }
    return remoteKeys()(header, token);
  };
}

/** A symmetric ("oct") key or a private part has no place among verification keys. */
function publicKeys(keys: JWK[]): JWK[] {
  return keys.filter((k) => (k.kty === 'RSA' || k.kty === 'EC') && k.d === undefined);
}

/** Failures of fetching the keys, as opposed to failures of the token. */
function keysUnavailable(error: unknown): boolean {
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) return true;
  if (error instanceof errors.JOSEError)
    return /JSON Web Key Set HTTP response/.test(error.message) && !(error instanceof errors.JWKSNoMatchingKey);
  // fetch itself failed (connection refused, DNS): a TypeError, not a verdict on the token.
  return error instanceof TypeError;
}
