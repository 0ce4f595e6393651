// The secretariat's JSON API, for scripts: /c/<county>/secretariat/* with a bearer JWT. In AWS the
// token is Cognito's (https://cognito-idp.<region>.amazonaws.com/<pool>/.well-known/jwks.json);
// locally it is minted by the signer `npm start` runs (lib/local-stack/local-secretariat-signer.ts),
// whose JWKS is served over HTTP just like Cognito's. The same check verifies both
// (secretariat-token.ts): there is no "no auth locally" switch. People use the console instead
// (console/), which signs in with the OIDC code flow and keeps a server-side session.
import type { MiddlewareHandler } from 'hono';
import { secretariatTokenVerifier, type SecretariatAuthOptions, type SecretariatIdentity } from './secretariat-token.ts';

export type { SecretariatAuthOptions, SecretariatIdentity } from './secretariat-token.ts';

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

/** Lets through a request whose bearer token is valid and names `options.requiredGroup`. */
export function secretariatAuth(
  options: SecretariatAuthOptions,
  logger?: AuthLogger,
): MiddlewareHandler<{ Variables: SecretariatVariables }> {
  if (!options.requiredGroup) throw new Error('the secretariat API needs the county group (requiredGroup): it is required in every home');
  const verify = secretariatTokenVerifier(options);

  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer ([A-Za-z0-9_=-]+\.[A-Za-z0-9_=-]+\.[A-Za-z0-9_=-]*)$/.exec(header.trim());
    if (!match) return challenge(c, 'invalid_request', 'sign in as the secretariat: Authorization: Bearer <token>');
    const verdict = await verify(match[1]!);
    if (!verdict.ok) {
      switch (verdict.outcome) {
        case 'unavailable':
          logger?.warn('secretariat sign-in keys unavailable', { reason: verdict.reason });
          return c.json(
            {
              error: 'sign-in-unavailable',
              message: '登入服務的金鑰暫時無法取得，請稍後再試（the sign-in keys cannot be fetched just now）',
            },
            503,
          );
        case 'forbidden':
          return c.json({ error: 'forbidden', message: '此帳號不是本縣市的幕僚（secretariat）群組成員' }, 403);
        case 'invalid':
          return challenge(c, 'invalid_token', verdict.reason);
      }
    }
    c.set('secretariat', verdict.identity);
    await next();
  };
}

function challenge(c: Parameters<MiddlewareHandler>[0], error: 'invalid_request' | 'invalid_token', description: string) {
  c.header('WWW-Authenticate', `Bearer realm="secretariat", error="${error}", error_description="${description.replace(/["\\]/g, '')}"`);
  return c.json({ error: 'unauthorized', message: description }, 401);
}
