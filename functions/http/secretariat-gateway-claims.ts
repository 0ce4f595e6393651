// The secretariat's JSON API in AWS: API Gateway's JWT authorizer (Cognito, lib/constructs/
// meeting-http-api.ts) has verified the bearer token's signature, issuer, audience and expiry
// before the function runs, and hands its claims over in the event (payload 2.0:
// requestContext.authorizer.jwt.claims). Reading them instead of verifying the token again keeps
// jose (about 19 KB minified) and the fetch of the issuer's keys out of the API functions.
//
// Nothing becomes open by it: a request without those claims (a route someone added without the
// authorizer) is refused 401, and what the gateway cannot know is still checked here: the path's
// county group `secretariat-<county>` (403). The issuer, the app client and `exp` are checked again
// because it costs nothing. The gateway passes every claim as a string, arrays as "[a b]"
// (`cognito:groups`), numbers as digits; the same claims as JSON values are taken too.
import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { bearerToken, noTokenReason, type AuthLogger, type SecretariatSignIn, type TokenVerdict } from './secretariat-sign-in.ts';

export type GatewayClaimsOptions = {
  /** The `iss` the claims must carry: the user pool's URL (SECRETARIAT_JWT_ISSUER). */
  issuer: string;
  /** The app client: the claims' `client_id` (access tokens) or `aud` (ID tokens) (SECRETARIAT_JWT_AUDIENCE). */
  audience: string;
  /** The clock `exp` is compared with; the real one unless a test says otherwise. */
  now?: () => Date;
  /** Told when claims are missing: a route without the authorizer is a deployment fault to fix. */
  logger?: AuthLogger;
};

type Claims = Record<string, unknown>;

const maxSubjectLength = 200;

/** The options from the environment the CDK gives the API functions; missing ones fail at start-up. */
export function gatewayClaimsFromEnv(env: NodeJS.ProcessEnv = process.env): GatewayClaimsOptions {
  const issuer = env.SECRETARIAT_JWT_ISSUER;
  const audience = env.SECRETARIAT_JWT_AUDIENCE;
  if (!issuer || !audience)
    throw new Error('SECRETARIAT_JWT_ISSUER and SECRETARIAT_JWT_AUDIENCE must be set: secretariat routes are never served without sign-in');
  return { issuer, audience };
}

export function gatewayClaimsSignIn(options: GatewayClaimsOptions): SecretariatSignIn {
  if (!options.issuer || !options.audience) throw new Error('secretariat sign-in needs an issuer and an audience');
  const now = options.now ?? (() => new Date());
  return (requiredGroup) => (c) => {
    const claims = verifiedClaims(c);
    if (!claims) {
      // A bearer token without claims means the gateway did not check it: never a pass.
      if (bearerToken(c))
        options.logger?.warn('secretariat request without verified claims', { route: routeKey(c) ?? null, reason: 'no JWT authorizer' });
      return Promise.resolve({ ok: false, outcome: 'invalid', reason: noTokenReason });
    }
    return Promise.resolve(judge(claims, { ...options, requiredGroup, now: now() }, bearerToken(c)));
  };
}

/** The verdict on claims the gateway verified, as secretariat-token.ts gives it on a token. */
function judge(
  claims: Claims,
  options: { issuer: string; audience: string; requiredGroup: string; now: Date },
  token?: string,
): TokenVerdict {
  if (text(claims.iss) !== options.issuer) return invalid('the token is not valid or has expired');
  const exp = Number(text(claims.exp));
  if (text(claims.exp) === undefined || !Number.isFinite(exp)) return invalid('the token has no expiry');
  if (exp * 1000 <= options.now.getTime()) return invalid('the token is not valid or has expired');
  // As the gateway reads it: `client_id` only when there is no `aud`.
  const audiences = claims.aud !== undefined ? list(claims.aud) : list(claims.client_id);
  if (!audiences.includes(options.audience)) return invalid('the token was issued for another application');
  const use = text(claims.token_use);
  if (use !== undefined && use !== 'access' && use !== 'id') return invalid('not a sign-in token');
  const subject = text(claims.sub);
  if (!subject || subject.length > maxSubjectLength) return invalid('the token names no subject');
  if (!list(claims['cognito:groups']).includes(options.requiredGroup))
    return { ok: false, outcome: 'forbidden', reason: 'not in the county secretariat group' };
  // The same `via` as the bearer check gives for the same token, so audit records read alike.
  const via = token ? `jwt:${createHash('sha256').update(token).digest('base64url').slice(0, 16)}` : 'jwt:gateway';
  return { ok: true, identity: { subject, via }, claims };
}

function verifiedClaims(c: Context): Claims | undefined {
  const env = c.env as { event?: { requestContext?: { authorizer?: { jwt?: { claims?: unknown } } } } } | undefined;
  const claims = env?.event?.requestContext?.authorizer?.jwt?.claims;
  return claims && typeof claims === 'object' && !Array.isArray(claims) ? (claims as Claims) : undefined;
}

function routeKey(c: Context): string | undefined {
  return (c.env as { event?: { routeKey?: string } } | undefined)?.event?.routeKey;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

/** A claim that may hold several values: a JSON array, the gateway's "[a b]", or one value. */
function list(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  if (typeof value !== 'string') return [];
  const inner = /^\[(.*)\]$/s.exec(value.trim())?.[1];
  return inner === undefined ? [value] : inner.split(/\s+/).filter(Boolean);
}

function invalid(reason: string): TokenVerdict {
  return { ok: false, outcome: 'invalid', reason };
}
