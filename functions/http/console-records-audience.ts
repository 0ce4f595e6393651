// The console's records part: 稽核紀錄 (who did what, when) and 辦公日曆 (next year's office calendar,
// typhoon closures). In AWS the function http-console-records.ts serves them at
// /c/{county}/console/<section> and …/<section>/{proxy+}.
import type { Audience } from './audience-app.ts';
import { consolePagesAudience, type ConsolePagesDependencies } from './console/pages-audience.ts';
import type { ConsoleSection } from './console/section-routes.ts';
import { auditRoutes } from './console/audit-page.ts';
import { officeCalendarRoutes } from './console/office-calendar-page.ts';

/** The first segment below /c/<county>/console/ of each page here: the gateway's routes to this function. */
export const recordsSectionPaths = ['audit', 'office-calendar'] as const;

export const recordsSections: readonly ConsoleSection[] = [auditRoutes, officeCalendarRoutes];

export function consoleRecordsAudience(deps: ConsolePagesDependencies): Audience {
  return consolePagesAudience('console-records', deps, recordsSections);
}
