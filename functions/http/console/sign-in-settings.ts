// Where the console's sign-in service is, as the deployment names it (SECRETARIAT_JWT_ISSUER,
// SECRETARIAT_JWT_AUDIENCE, SECRETARIAT_LOGIN_URL): plain settings, without the OpenID client
// (sign-in-client.ts), so that a console function that only serves pages behind the session can
// allow the sign-out's redirect in its CSP without carrying openid-client, oauth4webapi and jose.

export type ConsoleSignInOptions = {
  /** The OpenID issuer; discovery at <issuer>/.well-known/openid-configuration. Cognito: the user pool's provider URL. */
  issuer: string;
  /** The app client; the ID token's `aud`. */
  clientId: string;
  /** The issuer's public keys, for the ID token's signature. */
  jwksUrl: string;
  /**
   * Cognito: the managed login domain (https://<prefix>.auth.<region>.amazoncognito.com), whose
   * /logout ends the sign-in there; Cognito's discovery document names no end_session_endpoint.
   * Unset: the provider's own end_session_endpoint (the local provider).
   */
  loginDomainUrl?: string;
};

/** The origins the browser is sent to for signing in and out: the CSP's form-action must allow them. */
export function signInOrigins(options: ConsoleSignInOptions): string[] {
  return [...new Set([options.issuer, options.loginDomainUrl].filter((u): u is string => !!u).map((u) => new URL(u).origin))];
}

export function consoleSignInFromEnv(env: NodeJS.ProcessEnv = process.env): ConsoleSignInOptions | undefined {
  const issuer = env.SECRETARIAT_JWT_ISSUER;
  const clientId = env.SECRETARIAT_JWT_AUDIENCE;
  const loginDomainUrl = env.SECRETARIAT_LOGIN_URL;
  if (!issuer || !clientId || !loginDomainUrl) return undefined;
  return {
    issuer,
    clientId,
    jwksUrl: env.SECRETARIAT_JWKS_URL ?? `${issuer.replace(/\/+$/, '')}/.well-known/jwks.json`,
    loginDomainUrl,
  };
}

export function isLoopback(hostname: string): boolean {
  return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]' || hostname === '::1';
}

/**
 * The form-action origins of a console function that serves pages but not the sign-in: every page's
 * 登出 form posts to the sign-in function, which redirects the browser to SECRETARIAT_LOGIN_URL's
 * /logout, and Chromium checks form-action on that redirect against the page the form was on.
 * Undefined without the setting: such a function must not start (its sign-out would be blocked).
 */
export function signOutOriginsFromEnv(env: NodeJS.ProcessEnv = process.env): string[] | undefined {
  const loginDomainUrl = env.SECRETARIAT_LOGIN_URL;
  return loginDomainUrl ? [new URL(loginDomainUrl).origin] : undefined;
}
