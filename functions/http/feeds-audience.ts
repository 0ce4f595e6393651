// Calendar feeds (/c/<county>/feeds/<unit>/<secret>.ics): what calendar clients poll, every few
// hours for every subscribed unit, with the URL as the credential. The feeds function serves only
// this, so it may only read the table: no link-signing key, no document function, no write.
import { logger } from '../handlers/runtime.ts';
import { unitFeedRoutes } from './feed-routes.ts';
import type { AppDependencies, Audience } from './audience-app.ts';

export function feedsAudience(deps: Pick<AppDependencies, 'now'>): Audience {
  return {
    name: 'feeds',
    county({ app, config, table }) {
      app.route('/', unitFeedRoutes({ table, config, now: deps.now, logger }));
    },
  };
}
