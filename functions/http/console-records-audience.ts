// The console's records part: 聯絡人 (each unit's contacts, the roster) and 辦公日曆 (next year's
// office calendar, typhoon closures), the county's records the planner reads; a change to either
// re-plans the meetings. In AWS the function http-console-records.ts serves them at
// /c/{county}/console/<section> and …/<section>/{proxy+} (console/console-parts.ts).
import type { Audience } from './audience-app.ts';
import { consolePagesAudience, type ConsolePagesDependencies } from './console/pages-audience.ts';
import type { ConsoleSection } from './console/section-routes.ts';
import { contactsRoutes } from './console/contacts-page.ts';
import { officeCalendarRoutes } from './console/office-calendar-page.ts';

export const recordsSections: readonly ConsoleSection[] = [contactsRoutes, officeCalendarRoutes];

export function consoleRecordsAudience(deps: ConsolePagesDependencies): Audience {
  return consolePagesAudience('console-records', deps, recordsSections);
}
