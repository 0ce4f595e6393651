// The console's pages part: 總覽 (the home), a meeting's page (with its downloads), 年度計畫 and 輪值,
// and the console's 404 page for any path no other console function has. In AWS the function
// http-console.ts serves it at /c/{county}/console and /c/{county}/console/{proxy+}; the console's
// other parts have more specific routes (console/console-parts.ts), a meeting's actions among them
// (console-meeting-actions-audience.ts).
import type { Hono } from 'hono';
import type { CountyConfig } from '../core/series/county-config.ts';
import type { Audience } from './audience-app.ts';
import { consolePagesAudience, type ConsolePagesDependencies } from './console/pages-audience.ts';
import type { ConsoleSection } from './console/section-routes.ts';
import { homeRoutes } from './console/home-page.ts';
import { planRoutes } from './console/plan-page.ts';
import { rotationRoutes } from './console/rotation-page.ts';
import { meetingPageRoutes } from './console/meeting-page.ts';

export const meetingSections: readonly ConsoleSection[] = [homeRoutes, planRoutes, rotationRoutes, meetingPageRoutes];

export function consoleMeetingsAudience(deps: ConsolePagesDependencies & { homeWithoutSlash?: boolean }): Audience {
  return consolePagesAudience('console', deps, meetingSections, consoleHomeRoot(deps.homeWithoutSlash ?? false));
}

/**
 * /c/<county>/console, without the slash. Locally (npm start) a redirect to …/console/, the home.
 * In AWS (homeWithoutSlash) the home itself: API Gateway may send …/console/ to the links function
 * (a greedy {proxy+} need not match an empty remainder), which sends it back to …/console, the
 * route without the greedy part; a redirect here would loop.
 */
export function consoleHomeRoot(homeWithoutSlash: boolean) {
  return (app: Hono, counties: readonly CountyConfig[]) => {
    for (const { county } of counties)
      app.get(`/c/${county.id}/console`, async (c, next) => {
        // Only the path without the slash. In the pages function alone, …/console/ was seen to reach
        // this route too (test/integration/console-functions.test.ts; cause in Hono's routing not
        // found), and re-fetching it with one more slash missed the home: the pages serve it themselves.
        if (c.req.path !== `/c/${county.id}/console`) return next();
        if (!homeWithoutSlash) return c.redirect(`/c/${county.id}/console/`, 302);
        // The same request at …/console/, through the whole app: session, headers, the home itself.
        const home = new URL(c.req.url);
        home.pathname += '/';
        return app.fetch(new Request(home, { method: c.req.method, headers: c.req.raw.headers }), c.env);
      });
  };
}
