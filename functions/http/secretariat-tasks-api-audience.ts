// The secretariat's JSON API for the county's schedule, one of the API's two parts (the other is
// secretariat-minutes-api-audience.ts): meetings, series, closures, the office calendar, contacts,
// notices that could not be sent, the audit trail, the follow-up list, held replies and the units'
// calendar feeds. The secretariat API function (handlers/http-secretariat-api.ts) serves only this,
// behind API Gateway's JWT authorizer; app.ts serves it inside secretariatApiAudience. Imports
// neither the minutes nor the documents routes, nor how a caller is checked (`signIn` is given).
import { countyBaseUrl, countySigningKey } from '../core/access/signed-token.ts';
import { logger } from '../handlers/runtime.ts';
import { secretariatRoutes } from './secretariat-routes.ts';
import { secretariatReplyRoutes } from './secretariat-reply-routes.ts';
import { feedRoutes } from './feed-routes.ts';
import { secretariatGroup, type AppDependencies, type Audience } from './audience-app.ts';
import { signedIn, type SecretariatSignIn } from './secretariat-sign-in.ts';

export type SecretariatPartDependencies = Pick<AppDependencies, 'now' | 'signingKey' | 'publicBaseUrl'> & {
  /** How a caller is checked: the bearer token locally, the gateway's verified claims in AWS. */
  signIn: SecretariatSignIn;
};

export function secretariatTasksApiAudience(deps: SecretariatPartDependencies): Audience {
  return {
    name: 'secretariat-tasks-api',
    county({ app, config, table }) {
      // Never open: without a key for the chair links it issues there is no API.
      if (!deps.signingKey) return;
      const countyId = config.county.id;
      const signingKey = countySigningKey(deps.signingKey, countyId);
      const checked = signedIn(deps.signIn(secretariatGroup(countyId)), logger);
      const linkBase = deps.publicBaseUrl ? { publicBaseUrl: countyBaseUrl(deps.publicBaseUrl, countyId) } : {};
      app.route('/', secretariatRoutes({ table, config, now: deps.now, signingKey, signedIn: checked, ...linkBase, logger }));
      app.route('/', secretariatReplyRoutes({ table, config, signedIn: checked, logger }));
      app.route(
        '/',
        feedRoutes({
          table,
          config,
          now: deps.now,
          signedIn: checked,
          ...(deps.publicBaseUrl ? { publicBaseUrl: deps.publicBaseUrl } : {}),
          logger,
        }),
      );
    },
  };
}
