// The console signs in with the OpenID Connect authorization-code flow and PKCE, through
// `openid-client`: in AWS against Cognito's managed login, locally against the OpenID provider
// `npm start` runs (lib/local-stack/local-sign-in-provider.ts). The same code in both homes; the only
// difference is that the local provider answers on plain http://127.0.0.1, which is allowed for a
// loopback issuer and nothing else.
//
// The ID token that comes back is then checked by secretariat-token.ts like any secretariat token
// (signature against the issuer's JWKS, `exp`, audience, the county's group), so the console and
// the JSON API let in exactly the same people.
import * as oidc from 'openid-client';
import { isLoopback, type ConsoleSignInOptions } from './sign-in-settings.ts';

// The settings live apart so that the console's page functions, which check no token, can name the
// sign-in service's origins (CSP) without bundling openid-client; they are re-exported for callers
// that know them from here.
export { consoleSignInFromEnv, isLoopback, signInOrigins, type ConsoleSignInOptions } from './sign-in-settings.ts';

/** What the console asks Cognito and the local provider for; both put `cognito:groups` in the ID token. */
const scope = 'openid email profile';

/** The sign-in service cannot be reached or answered nonsense: try again later (503). */
export class SignInUnavailable extends Error {}
/** This sign-in cannot complete (expired code, wrong state, refused by the provider): start again. */
export class SignInRefused extends Error {}

export type SignInClient = {
  /** Where to send the browser, with the PKCE challenge of `codeVerifier`. */
  authorizationUrl(input: { redirectUri: string; state: string; nonce: string; codeVerifier: string }): Promise<URL>;
  /** Exchanges the callback's code for tokens; returns the ID token, still to be verified by the caller. */
  completeSignIn(callbackUrl: URL, checks: { state: string; nonce: string; codeVerifier: string }): Promise<string>;
  /** Where to send the browser to end the sign-in at the provider, coming back to `returnTo`. */
  signOutUrl(returnTo: string): Promise<URL>;
};

export function signInClient(options: ConsoleSignInOptions): SignInClient {
  const issuer = new URL(options.issuer);
  const loopback = issuer.protocol === 'http:' && isLoopback(issuer.hostname);
  if (issuer.protocol !== 'https:' && !loopback) throw new Error(`the sign-in issuer must use https (got ${issuer.origin})`);

  // Discovered once per container, again after a failure.
  let discovered: Promise<oidc.Configuration> | undefined;
  const configuration = async () => {
    discovered ??= oidc.discovery(issuer, options.clientId, undefined, oidc.None(), {
      timeout: 5,
      ...(loopback ? { execute: [oidc.allowInsecureRequests] } : {}),
    });
    try {
      return await discovered;
    } catch (error) {
      discovered = undefined;
      throw new SignInUnavailable(`discovery failed: ${(error as Error).name}`);
    }
  };

  return {
    async authorizationUrl({ redirectUri, state, nonce, codeVerifier }) {
      const config = await configuration();
      return oidc.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope,
        state,
        nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
      });
    },

    async completeSignIn(callbackUrl, { state, nonce, codeVerifier }) {
      const config = await configuration();
      let tokens;
      try {
        tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
          pkceCodeVerifier: codeVerifier,
          expectedState: state,
          expectedNonce: nonce,
          idTokenExpected: true,
        });
      } catch (error) {
        if (error instanceof oidc.AuthorizationResponseError || error instanceof oidc.ResponseBodyError)
          throw new SignInRefused(`${error.error}`);
        if (error instanceof oidc.ClientError && error.code?.startsWith('OAUTH_')) throw new SignInRefused(error.code);
        throw new SignInUnavailable(`token exchange failed: ${(error as Error).name}`);
      }
      if (!tokens.id_token) throw new SignInRefused('no ID token');
      return tokens.id_token;
    },

    async signOutUrl(returnTo) {
      if (options.loginDomainUrl) {
        // Cognito managed login: https://docs.aws.amazon.com/cognito/latest/developerguide/logout-endpoint.html
        const url = new URL('/logout', options.loginDomainUrl);
        url.searchParams.set('client_id', options.clientId);
        url.searchParams.set('logout_uri', returnTo);
        return url;
      }
      return oidc.buildEndSessionUrl(await configuration(), { client_id: options.clientId, post_logout_redirect_uri: returnTo });
    },
  };
}
