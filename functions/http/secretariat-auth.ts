// The secretariat's JSON API, for scripts: /c/<county>/secretariat/* with a bearer JWT, verified
// here with jose (secretariat-token.ts). This is how the API checks callers locally (app.ts):
// tokens minted by the signer `npm start` runs (lib/local-stack/local-secretariat-signer.ts), whose
// JWKS is served over HTTP just like Cognito's (https://cognito-idp.<region>.amazonaws.com/<pool>/
// .well-known/jwks.json). In AWS, API Gateway's JWT authorizer verifies the same token before the
// API functions run, and they read its verified claims instead (secretariat-gateway-claims.ts), so
// that they bundle no JWT library. People use the console instead (console/), which signs in with
// the OIDC code flow and keeps a server-side session.
import { secretariatTokenVerifier, type SecretariatAuthOptions } from './secretariat-token.ts';
import { bearerToken, noTokenReason, signedIn, type AuthLogger, type SecretariatSignIn, type SignedIn } from './secretariat-sign-in.ts';

export type { SecretariatAuthOptions, SecretariatIdentity } from './secretariat-token.ts';
export type { AuthLogger, SecretariatVariables } from './secretariat-sign-in.ts';

/**
 * Each county's check of the bearer token. One verifier (and so one cache of the issuer's keys) per
 * county, shared by all the routes of its mount.
 */
export function bearerTokenSignIn(options: SecretariatAuthOptions): SecretariatSignIn {
  return (requiredGroup) => {
    const verify = secretariatTokenVerifier({ ...options, requiredGroup });
    return async (c) => {
      const token = bearerToken(c);
      return token ? verify(token) : { ok: false, outcome: 'invalid', reason: noTokenReason };
    };
  };
}

/** Lets through a request whose bearer token is valid and names `options.requiredGroup`. */
export function secretariatAuth(options: SecretariatAuthOptions, logger?: AuthLogger): SignedIn {
  if (!options.requiredGroup) throw new Error('the secretariat API needs the county group (requiredGroup): it is required in every home');
  return signedIn(bearerTokenSignIn(options)(options.requiredGroup), logger);
}
