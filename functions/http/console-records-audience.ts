// The console's records part: 辦公日曆, the county's office calendar (next year's upload, typhoon
// closures), which the planner reads; a change re-plans the meetings. In AWS the function
// http-console-records.ts serves it at /c/{county}/console/office-calendar and
// …/office-calendar/{proxy+} (console/console-parts.ts).
import type { Audience } from './audience-app.ts';
import { consolePagesAudience, type ConsolePagesDependencies } from './console/pages-audience.ts';
import type { ConsoleSection } from './console/section-routes.ts';
import { officeCalendarRoutes } from './console/office-calendar-page.ts';

export const recordsSections: readonly ConsoleSection[] = [officeCalendarRoutes];

export function consoleRecordsAudience(deps: ConsolePagesDependencies): Audience {
  return consolePagesAudience('console-records', deps, recordsSections);
}
