// API Gateway's /c/{county}/console/<section> and …/<section>/{proxy+} for 辦公日曆
// (console-records-audience.ts). No authorizer: every page needs the server-side session made by
// http-console-sign-in.ts, and sends a browser without one there. It signs no link and renders
// no document, so this function has no link key and no document function.
import { serveAudiences } from '../http/audience-app.ts';
import { consoleRecordsAudience } from '../http/console-records-audience.ts';
import { signOutOriginsFromEnv } from '../http/console/sign-in-settings.ts';
import { httpHandler } from './http-lambda.ts';
import { servedCounties, tableConnection } from './runtime.ts';

// Every page's 登出 form ends at Cognito's logout: without its origin in the CSP, signing out is blocked.
const formActions = signOutOriginsFromEnv();
if (!formActions) throw new Error('SECRETARIAT_LOGIN_URL must be set for the console');

export const handler = httpHandler(
  serveAudiences({ connection: tableConnection(), counties: servedCounties() }, [
    consoleRecordsAudience({
      now: () => new Date(),
      formActions,
      ...(process.env.PUBLIC_BASE_URL ? { publicBaseUrl: process.env.PUBLIC_BASE_URL } : {}),
    }),
  ]),
);
