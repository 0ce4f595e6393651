// API Gateway's /c/{county}/console/<section> and …/<section>/{proxy+} for 會議紀錄, 待辦與追蹤,
// 非受邀者回覆, 寄送失敗 and 稽核紀錄 (console-minutes-audience.ts). No authorizer: every page needs the
// server-side session made by http-console-sign-in.ts, and sends a browser without one there.
import { serveAudiences } from '../http/audience-app.ts';
import { consoleMinutesAudience } from '../http/console-minutes-audience.ts';
import { signOutOriginsFromEnv } from '../http/console/sign-in-settings.ts';
import { linkSigningKey } from '../adapters/secrets/link-signing-key.ts';
import { httpHandler } from './http-lambda.ts';
import { servedCounties, tableConnection } from './runtime.ts';

// Every page's 登出 form ends at Cognito's logout: without its origin in the CSP, signing out is blocked.
const formActions = signOutOriginsFromEnv();
if (!formActions) throw new Error('SECRETARIAT_LOGIN_URL must be set for the console');

export const handler = httpHandler(
  serveAudiences({ connection: tableConnection(), counties: servedCounties() }, [
    consoleMinutesAudience({
      now: () => new Date(),
      formActions,
      // The chair's minutes link, issued from 會議紀錄, is signed with the county's key.
      signingKey: await linkSigningKey(),
      ...(process.env.PUBLIC_BASE_URL ? { publicBaseUrl: process.env.PUBLIC_BASE_URL } : {}),
    }),
  ]),
);
