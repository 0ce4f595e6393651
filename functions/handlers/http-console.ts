// API Gateway's /c/{county}/console/… routes: the secretariat console's pages. People sign in
// through Cognito's managed login (SECRETARIAT_LOGIN_URL, with the API's pool and client) and keep
// a server-side session; the gateway has no authorizer here (a browser sends a cookie, not a
// bearer token). The only HTTP function that bundles the console and the OpenID client.
import { serveAudiences } from '../http/audience-app.ts';
import { consoleAudience } from '../http/console-audience.ts';
import { consoleSignInFromEnv } from '../http/console/sign-in-client.ts';
import { linkSigningKey } from '../adapters/secrets/link-signing-key.ts';
import { documentRendererFromEnv } from '../adapters/lambda/document-function.ts';
import { httpHandler } from './http-lambda.ts';
import { servedCounties, tableConnection } from './runtime.ts';

const consoleSignIn = consoleSignInFromEnv();
// Missing settings stop the function at start-up: the console is never served without a sign-in.
if (!consoleSignIn)
  throw new Error('SECRETARIAT_JWT_ISSUER, SECRETARIAT_JWT_AUDIENCE and SECRETARIAT_LOGIN_URL must be set for the console');
// The annual plan's downloads come from the document function (DOCUMENT_FUNCTION_NAME).
const renderDocument = documentRendererFromEnv();

export const handler = httpHandler(
  serveAudiences({ connection: tableConnection(), counties: servedCounties() }, [
    consoleAudience({
      now: () => new Date(),
      consoleSignIn,
      // The gateway's route without {proxy+} (and the links function's redirect) lead here.
      homeWithoutSlash: true,
      // Chair links issued from the console are signed with the county's key.
      signingKey: await linkSigningKey(),
      ...(process.env.PUBLIC_BASE_URL ? { publicBaseUrl: process.env.PUBLIC_BASE_URL } : {}),
      ...(renderDocument ? { renderDocument } : {}),
    }),
  ]),
);
