// The console's minutes part: 會議紀錄 (with the chair's links), 待辦與追蹤, 聯絡人, 非受邀者回覆 and
// 寄送失敗, the pages about who is told and what they answered. In AWS the function
// http-console-minutes.ts serves them at /c/{county}/console/<section> and …/<section>/{proxy+}.
import type { Audience } from './audience-app.ts';
import { consolePagesAudience, type ConsolePagesDependencies } from './console/pages-audience.ts';
import type { ConsoleSection } from './console/section-routes.ts';
import { contactsRoutes } from './console/contacts-page.ts';
import { minutesListRoutes } from './console/minutes-list-page.ts';
import { followUpRoutes } from './console/follow-up-page.ts';
import { failedNoticesRoutes } from './console/failed-notices-page.ts';
import { heldRepliesRoutes } from './console/held-replies-page.ts';

/** The first segment below /c/<county>/console/ of each page here: the gateway's routes to this function. */
export const minutesSectionPaths = ['minutes', 'follow-up', 'contacts', 'held-replies', 'failed-notices'] as const;

export const minutesSections: readonly ConsoleSection[] = [
  contactsRoutes,
  minutesListRoutes,
  followUpRoutes,
  failedNoticesRoutes,
  heldRepliesRoutes,
];

export function consoleMinutesAudience(deps: ConsolePagesDependencies): Audience {
  return consolePagesAudience('console-minutes', deps, minutesSections);
}
