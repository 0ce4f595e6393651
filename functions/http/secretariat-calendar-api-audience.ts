// The secretariat's JSON API for the county's calendar and the units' contacts (closures, the
// office calendar, contacts: secretariat-calendar-routes.ts, secretariat-roster-routes.ts), each a
// change that re-plans meetings: the part the secretariat calendar API function
// (handlers/http-secretariat-calendar-api.ts) serves.
import { secretariatCalendarRoutes } from './secretariat-calendar-routes.ts';
import { secretariatRosterRoutes } from './secretariat-roster-routes.ts';
import type { Audience } from './audience-app.ts';
import { sectionPaths, secretariatApiPart, type SecretariatPartDependencies } from './secretariat-api-part.ts';

/** Below /c/<county>/secretariat/, each with everything below it: the gateway sends them to this part's function. */
export const calendarApiSections = ['closures', 'office-calendar', 'units'] as const;
export const secretariatCalendarApiPaths: readonly string[] = sectionPaths(calendarApiSections);

export function secretariatCalendarApiAudience(deps: SecretariatPartDependencies): Audience {
  // The part whole, not spread into a copy: a copy would read its link key, which is derived when first read.
  return secretariatApiPart('secretariat-calendar-api', deps, (part) => {
    part.app.route('/', secretariatCalendarRoutes(part));
    part.app.route('/', secretariatRosterRoutes(part));
  });
}
