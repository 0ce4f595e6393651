// API Gateway's /c/{county}/console/sign-in, callback, sign-out and signed-out: the console's
// sign-in through Cognito's managed login (SECRETARIAT_LOGIN_URL, with the API's pool and client).
// The only console function with the OpenID client and the ID token check; it makes the server-side
// session the console's other functions (http-console.ts, http-console-minutes.ts,
// http-console-records.ts) look up.
import { serveAudiences } from '../http/audience-app.ts';
import { consoleSignInAudience } from '../http/console-sign-in-audience.ts';
import { consoleSignInFromEnv } from '../http/console/sign-in-settings.ts';
import { httpHandler } from './http-lambda.ts';
import { servedCounties, tableConnection } from './runtime.ts';

const consoleSignIn = consoleSignInFromEnv();
// Missing settings stop the function at start-up: the console is never served without a sign-in.
if (!consoleSignIn)
  throw new Error('SECRETARIAT_JWT_ISSUER, SECRETARIAT_JWT_AUDIENCE and SECRETARIAT_LOGIN_URL must be set for the console');

export const handler = httpHandler(
  serveAudiences({ connection: tableConnection(), counties: servedCounties() }, [
    consoleSignInAudience({
      now: () => new Date(),
      consoleSignIn,
      ...(process.env.PUBLIC_BASE_URL ? { publicBaseUrl: process.env.PUBLIC_BASE_URL } : {}),
    }),
  ]),
);
