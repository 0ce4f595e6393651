// One HTTP application for both homes: API Gateway + Lambda (hono/aws-lambda) and the local server
// of `npm start` (@hono/node-server), so routing, validation and auth are the same code.
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { CountyConfig } from '../core/series/county-config.ts';
import type { MeetingTable } from '../adapters/dynamodb/meeting-table.ts';
import { listOccurrences } from '../adapters/dynamodb/occurrence-store.ts';
import { todayInTaipei, Temporal } from '../core/calendar/local-date.ts';
import { upcomingPage } from './upcoming-page.ts';
import { minutesRoutes } from './minutes-routes.ts';
import { rsvpRoutes } from './rsvp-routes.ts';
import { logger } from '../handlers/runtime.ts';
import type { SecretariatAuthOptions } from './secretariat-auth.ts';

/** Minutes and secretariat routes are mounted only with a link signing key and a sign-in to verify: never open. */
export type AppDependencies = {
  table: MeetingTable;
  config: CountyConfig;
  now: () => Date;
  signingKey?: Uint8Array;
  secretariatAuth?: SecretariatAuthOptions;
};

export function createApp(deps: AppDependencies): Hono {
  const app = new Hono();
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        styleSrc: ["'unsafe-inline'"],
        imgSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
      },
      referrerPolicy: 'no-referrer',
    }),
  );

  app.get('/', async (c) => {
    const today = todayInTaipei(Temporal.Instant.fromEpochMilliseconds(deps.now().getTime())).toString();
    const all = (await Promise.all(deps.config.series.map((s) => listOccurrences(deps.table, s.id)))).flat();
    const upcoming = all.filter((o) => o.date >= today).sort((a, b) => `${a.date}${a.start}`.localeCompare(`${b.date}${b.start}`));
    return c.html(upcomingPage(deps.config, upcoming));
  });
  if (deps.signingKey)
    app.route('/', rsvpRoutes({ table: deps.table, config: deps.config, signingKey: deps.signingKey, now: deps.now, logger }));
  if (deps.signingKey && deps.secretariatAuth)
    app.route('/', minutesRoutes({ ...deps, signingKey: deps.signingKey, secretariatAuth: deps.secretariatAuth }));
  return app;
}
