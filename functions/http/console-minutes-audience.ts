// The console's minutes part: 會議紀錄 (with the chair's links), 待辦與追蹤, 非受邀者回覆, 寄送失敗
// and 稽核紀錄, the pages about what was decided, who was told and who did what. In AWS the function
// http-console-minutes.ts serves them at /c/{county}/console/<section> and …/<section>/{proxy+}
// (console/console-parts.ts).
import type { Audience } from './audience-app.ts';
import { consolePagesAudience, type ConsolePagesDependencies } from './console/pages-audience.ts';
import type { ConsoleSection } from './console/section-routes.ts';
import { minutesListRoutes } from './console/minutes-list-page.ts';
import { followUpRoutes } from './console/follow-up-page.ts';
import { failedNoticesRoutes } from './console/failed-notices-page.ts';
import { heldRepliesRoutes } from './console/held-replies-page.ts';
import { auditRoutes } from './console/audit-page.ts';

export const minutesSections: readonly ConsoleSection[] = [
  minutesListRoutes,
  followUpRoutes,
  failedNoticesRoutes,
  heldRepliesRoutes,
  auditRoutes,
];

export function consoleMinutesAudience(deps: ConsolePagesDependencies): Audience {
  return consolePagesAudience('console-minutes', deps, minutesSections);
}
