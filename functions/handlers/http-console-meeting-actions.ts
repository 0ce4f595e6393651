// API Gateway's routes of a meeting's actions, /c/{county}/console/meetings/{seriesId}/{slotKey}/<action>
// (改期, 停開, 恢復召開, 變更地點, 主持互換, 代理主持) and /c/{county}/console/series/… (新增臨時會議):
// console-meeting-actions-audience.ts. No authorizer: every page needs the server-side session made
// by http-console-sign-in.ts, sends a browser without one there, and refuses a change without the
// session's CSRF token. The actions sign no link and render no document.
import { serveAudiences } from '../http/audience-app.ts';
import { consoleMeetingActionsAudience } from '../http/console-meeting-actions-audience.ts';
import { signOutOriginsFromEnv } from '../http/console/sign-in-settings.ts';
import { httpHandler } from './http-lambda.ts';
import { servedCounties, tableConnection } from './runtime.ts';

// Every page's 登出 form ends at Cognito's logout: without its origin in the CSP, signing out is blocked.
const formActions = signOutOriginsFromEnv();
if (!formActions) throw new Error('SECRETARIAT_LOGIN_URL must be set for the console');

export const handler = httpHandler(
  serveAudiences({ connection: tableConnection(), counties: servedCounties() }, [
    consoleMeetingActionsAudience({
      now: () => new Date(),
      formActions,
      ...(process.env.PUBLIC_BASE_URL ? { publicBaseUrl: process.env.PUBLIC_BASE_URL } : {}),
    }),
  ]),
);
