// API Gateway's /c/{county}/console and /c/{county}/console/{proxy+}: the console's home, meetings,
// a series' new session, the annual plan and the rotation, and the console's 404 page for paths no
// other console function has (http-console-sign-in.ts, http-console-minutes.ts and
// http-console-records.ts have more specific routes). No authorizer: a browser sends a cookie, and
// every page here needs the server-side session made by the sign-in function; without one the
// browser is sent there. No OpenID client and no token check are bundled.
import { serveAudiences } from '../http/audience-app.ts';
import { consoleMeetingsAudience } from '../http/console-meetings-audience.ts';
import { signOutOriginsFromEnv } from '../http/console/sign-in-settings.ts';
import { documentRendererFromEnv } from '../adapters/lambda/document-function.ts';
import { httpHandler } from './http-lambda.ts';
import { servedCounties, tableConnection } from './runtime.ts';

// Every page's 登出 form ends at Cognito's logout: without its origin in the CSP, signing out is blocked.
const formActions = signOutOriginsFromEnv();
if (!formActions) throw new Error('SECRETARIAT_LOGIN_URL must be set for the console');
// A meeting's notice and sign-in sheet, and the annual plan, come from the document function (DOCUMENT_FUNCTION_NAME).
const renderDocument = documentRendererFromEnv();

export const handler = httpHandler(
  serveAudiences({ connection: tableConnection(), counties: servedCounties() }, [
    consoleMeetingsAudience({
      now: () => new Date(),
      formActions,
      // The gateway's route without {proxy+} (and the links function's redirect) lead here.
      homeWithoutSlash: true,
      ...(process.env.PUBLIC_BASE_URL ? { publicBaseUrl: process.env.PUBLIC_BASE_URL } : {}),
      ...(renderDocument ? { renderDocument } : {}),
    }),
  ]),
);
