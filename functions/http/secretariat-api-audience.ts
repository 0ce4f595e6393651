// The secretariat's JSON API, for scripts: /c/<county>/secretariat/… with a bearer JWT (API
// Gateway's Cognito authorizer in front, the same check again in each route, and the county's
// group `secretariat-<county>` required). The secretariat API function serves only this.
import { countyBaseUrl, countySigningKey } from '../core/access/signed-token.ts';
import { logger } from '../handlers/runtime.ts';
import { minutesRoutes } from './minutes-routes.ts';
import { secretariatRoutes } from './secretariat-routes.ts';
import { secretariatReplyRoutes } from './secretariat-reply-routes.ts';
import { feedRoutes } from './feed-routes.ts';
import { documentRoutes } from './document-routes.ts';
import { secretariatGroup, type AppDependencies, type Audience } from './audience-app.ts';

export type SecretariatApiDependencies = Pick<
  AppDependencies,
  'now' | 'signingKey' | 'secretariatAuth' | 'publicBaseUrl' | 'renderDocument'
>;

export function secretariatApiAudience(deps: SecretariatApiDependencies): Audience {
  return {
    name: 'secretariat-api',
    county({ app, config, table }) {
      // Never open: without a sign-in to verify (or a key for the chair links it issues) there is no API.
      if (!deps.signingKey || !deps.secretariatAuth) return;
      const countyId = config.county.id;
      const signingKey = countySigningKey(deps.signingKey, countyId);
      const secretariatAuth = { ...deps.secretariatAuth, requiredGroup: secretariatGroup(countyId) };
      const linkBase = deps.publicBaseUrl ? { publicBaseUrl: countyBaseUrl(deps.publicBaseUrl, countyId) } : {};
      app.route('/', minutesRoutes({ table, config, now: deps.now, signingKey, secretariatAuth, ...linkBase }));
      app.route('/', secretariatRoutes({ table, config, now: deps.now, signingKey, secretariatAuth, ...linkBase, logger }));
      app.route('/', secretariatReplyRoutes({ table, config, secretariatAuth, logger }));
      app.route(
        '/',
        feedRoutes({
          table,
          config,
          now: deps.now,
          secretariatAuth,
          ...(deps.publicBaseUrl ? { publicBaseUrl: deps.publicBaseUrl } : {}),
          logger,
        }),
      );
      if (deps.renderDocument)
        app.route('/', documentRoutes({ table, config, now: deps.now, secretariatAuth, render: deps.renderDocument, logger }));
    },
  };
}
