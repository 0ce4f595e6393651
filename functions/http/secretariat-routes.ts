// The secretariat's JSON API for every task (functions/use-cases/secretariat/tasks.ts), behind the
// sign-in of secretariat-sign-in.ts, mounted below /c/<county>: the groups of routes, each its
// own module so that an AWS function serving some of them bundles only those use cases.
//
//   /secretariat/meetings/…, /secretariat/series/…       secretariat-meeting-routes.ts
//   /secretariat/meetings/…/chair-link/…, …/minutes/…    secretariat-meeting-minutes-routes.ts
//   /secretariat/closures…, /secretariat/office-calendar… secretariat-calendar-routes.ts
//   /secretariat/units/…/contacts…                       secretariat-roster-routes.ts
//   /secretariat/notices/…, /audit, /follow-up           secretariat-record-routes.ts
//
// Body checks, refusals and answers are shared (secretariat-task-http.ts).
import { Hono } from 'hono';
import { secretariatMeetingRoutes } from './secretariat-meeting-routes.ts';
import { secretariatMeetingMinutesRoutes } from './secretariat-meeting-minutes-routes.ts';
import { secretariatCalendarRoutes } from './secretariat-calendar-routes.ts';
import { secretariatRosterRoutes } from './secretariat-roster-routes.ts';
import { secretariatRecordRoutes } from './secretariat-record-routes.ts';
import type { Env, SecretariatRouteDependencies } from './secretariat-task-http.ts';

export type { SecretariatRouteDependencies, SecretariatRouteLogger } from './secretariat-task-http.ts';

export function secretariatRoutes(deps: SecretariatRouteDependencies): Hono<Env> {
  return new Hono<Env>()
    .route('/', secretariatMeetingRoutes(deps))
    .route('/', secretariatMeetingMinutesRoutes(deps))
    .route('/', secretariatCalendarRoutes(deps))
    .route('/', secretariatRosterRoutes(deps))
    .route('/', secretariatRecordRoutes(deps));
}
