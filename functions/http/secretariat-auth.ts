// The secretariat signs in; nobody else reaches /secretariat/*. A request carries a bearer JWT,
// verified against the issuer's published keys (JWKS): in AWS a Cognito user pool's
// (https://cognito-idp.<region>.amazonaws.com/<pool>/.well-known/jwks.json), locally the signing
// key `npm start` creates (lib/local-stack/local-secretariat-signer.ts), whose JWKS is served over
// HTTP just like Cognito's. The same code verifies both: there is no "no auth locally" switch.
import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { decode, verifyWithJwks } from 'hono/jwt';
import type { AsymmetricAlgorithm } from 'hono/utils/jwt/jwa';
import type { HonoJsonWebKey } from 'hono/utils/jwt/jws';

export type SecretariatAuthOptions = {
  /** The `iss` every token must carry (Cognito: https://cognito-idp.<region>.amazonaws.com/<pool id>). */
  issuer: string;
  /** The app client id: a token's `aud` (ID tokens) or `client_id` (access tokens) must equal it. */
  audience: string;
  /** Where the public keys are published. */
  jwksUrl?: string;
  /** Public keys given directly, instead of or besides jwksUrl. */
  keys?: HonoJsonWebKey[];
  /** If set, the token's `cognito:groups` must include it: each county's `secretariat-<county>`. */
  requiredGroup?: string;
  /** Asymmetric only: an HMAC "key" from a JWKS would let anyone who read it sign tokens. */
  algorithms?: AsymmetricAlgorithm[];
  /** How long fetched keys are trusted before fetching again (default 10 minutes). */
  cacheSeconds?: number;
};

/** Who signed in, as audit records name them: the token's subject, never an e-mail address. */
export type SecretariatIdentity = { subject: string; via: string };

export type SecretariatVariables = { secretariat: SecretariatIdentity };

export type AuthLogger = { warn(message: string, attributes: Record<string, unknown>): void };

/**
 * The options from the environment Lambda gets from the CDK. Missing settings are an error at
 * start-up, so a deployment without them fails loudly instead of serving secretariat routes open.
 */
export function secretariatAuthFromEnv(env: NodeJS.ProcessEnv = process.env): SecretariatAuthOptions {
  const issuer = env.SECRETARIAT_JWT_ISSUER;
  const audience = env.SECRETARIAT_JWT_AUDIENCE;
  if (!issuer || !audience)
    throw new Error('SECRETARIAT_JWT_ISSUER and SECRETARIAT_JWT_AUDIENCE must be set: secretariat routes are never served without sign-in');
  return {
    issuer,
    audience,
    jwksUrl: env.SECRETARIAT_JWKS_URL ?? `${issuer.replace(/\/+$/, '')}/.well-known/jwks.json`,
  };
}

export function secretariatAuth(
  options: SecretariatAuthOptions,
  logger?: AuthLogger,
): MiddlewareHandler<{ Variables: SecretariatVariables }> {
  if (!options.issuer || !options.audience) throw new Error('secretariat sign-in needs an issuer and an audience');
  if (!options.jwksUrl && !options.keys?.length) throw new Error('secretariat sign-in needs a JWKS URL or keys');
  const keys = jwksCache(options);
  const algorithms = options.algorithms ?? ['RS256', 'ES256'];

  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer ([A-Za-z0-9_=-]+\.[A-Za-z0-9_=-]+\.[A-Za-z0-9_=-]*)$/.exec(header.trim());
    if (!match) return challenge(c, 'invalid_request', 'sign in as the secretariat: Authorization: Bearer <token>');
    const token = match[1]!;
    let kid: string | undefined;
    try {
      kid = (decode(token).header as { kid?: string }).kid;
    } catch {
      return challenge(c, 'invalid_token', 'the token cannot be read');
    }
    let payload: Record<string, unknown>;
    try {
      payload = await verifyWithJwks(token, {
        keys: await keys(kid),
        allowedAlgorithms: algorithms,
        verification: { iss: options.issuer },
      });
    } catch (error) {
      if (error instanceof JwksUnavailable) {
        logger?.warn('secretariat sign-in keys unavailable', { reason: error.message });
        return c.json({ error: 'sign-in-unavailable', message: 'the sign-in keys cannot be fetched just now' }, 503);
      }
      return challenge(c, 'invalid_token', 'the token is not valid or has expired');
    }
    const audiences = [payload.aud, payload.client_id].flat().filter((a): a is string => typeof a === 'string');
    if (!audiences.includes(options.audience)) return challenge(c, 'invalid_token', 'the token was issued for another application');
    if (payload.token_use !== undefined && payload.token_use !== 'access' && payload.token_use !== 'id')
      return challenge(c, 'invalid_token', 'not a sign-in token');
    if (typeof payload.sub !== 'string' || payload.sub.length === 0 || payload.sub.length > 200)
      return challenge(c, 'invalid_token', 'the token names no subject');
    if (options.requiredGroup) {
      const groups = payload['cognito:groups'];
      if (!Array.isArray(groups) || !groups.includes(options.requiredGroup))
        return c.json({ error: 'forbidden', message: '此帳號不是本縣市的幕僚（secretariat）群組成員' }, 403);
    }
    c.set('secretariat', { subject: payload.sub, via: `jwt:${createHash('sha256').update(token).digest('base64url').slice(0, 16)}` });
    await next();
  };
}

class JwksUnavailable extends Error {}

/**
 * Keys fetched once and reused; fetched again when they are old, or when a token names a key we
 * have not seen (Cognito rotates keys), but not more than once every 30 seconds: a flood of tokens
 * with made-up key ids must not become a flood of requests to the issuer.
 */
function jwksCache(options: SecretariatAuthOptions): (kid: string | undefined) => Promise<HonoJsonWebKey[]> {
  const fixed = options.keys ?? [];
  const maxAge = (options.cacheSeconds ?? 600) * 1000;
  let fetched: { keys: HonoJsonWebKey[]; at: number } | undefined;
  let inFlight: Promise<HonoJsonWebKey[]> | undefined;

  const load = async (url: string): Promise<HonoJsonWebKey[]> => {
    let body: unknown;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000), headers: { accept: 'application/json' } });
      if (!response.ok) throw new JwksUnavailable(`JWKS answered ${response.status}`);
      body = await response.json();
    } catch (error) {
      if (error instanceof JwksUnavailable) throw error;
      throw new JwksUnavailable((error as Error).name);
    }
    const keys = (body as { keys?: unknown }).keys;
    if (!Array.isArray(keys)) throw new JwksUnavailable('JWKS has no keys array');
    // Public asymmetric keys only: a symmetric ("oct") key or a private part has no place in a JWKS.
    return (keys as Array<HonoJsonWebKey & { kty?: unknown }>).filter((k) => (k.kty === 'RSA' || k.kty === 'EC') && !('d' in k));
  };

  return async (kid) => {
    if (!options.jwksUrl) return fixed;
    const now = Date.now();
    const known = fetched?.keys.some((k) => k.kid === kid) ?? false;
    const stale = !fetched || now - fetched.at > maxAge || (!known && now - fetched.at > 30_000);
    if (stale) {
      inFlight ??= load(options.jwksUrl).then(
        (keys) => {
          fetched = { keys, at: Date.now() };
          inFlight = undefined;
          return keys;
        },
        (error: unknown) => {
          inFlight = undefined;
          throw error;
        },
      );
      try {
        await inFlight;
      } catch (error) {
        // Keys fetched earlier still verify tokens while the issuer is briefly unreachable.
        if (!fetched) throw error;
      }
    }
    return [...fixed, ...(fetched?.keys ?? [])];
  };
}

function challenge(c: Parameters<MiddlewareHandler>[0], error: 'invalid_request' | 'invalid_token', description: string) {
  c.header('WWW-Authenticate', `Bearer realm="secretariat", error="${error}", error_description="${description.replace(/["\\]/g, '')}"`);
  return c.json({ error: 'unauthorized', message: description }, 401);
}
