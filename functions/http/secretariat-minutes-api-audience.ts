// The secretariat's JSON API for minutes and documents, one of the API's two parts (the other is
// secretariat-tasks-api-audience.ts): /secretariat/minutes/…, minutes-status, action-items,
// overdue, documents/… and contacts/<id>/revoke-links. The secretariat minutes API function
// (handlers/http-secretariat-minutes-api.ts) serves only this, behind API Gateway's JWT
// authorizer; app.ts serves it inside secretariatApiAudience. Imports none of the scheduling tasks
// (no planner), nor how a caller is checked (`signIn` is given).
import { countyBaseUrl, countySigningKey } from '../core/access/signed-token.ts';
import { logger } from '../handlers/runtime.ts';
import { minutesRoutes } from './minutes-routes.ts';
import { documentRoutes } from './document-routes.ts';
import { secretariatGroup, type AppDependencies, type Audience } from './audience-app.ts';
import { signedIn } from './secretariat-sign-in.ts';
import type { SecretariatPartDependencies } from './secretariat-tasks-api-audience.ts';

/**
 * The gateway routes this part serves (lib/constructs/http-functions.ts): each section below
 * /c/<county>/secretariat/ with everything below it, and one contact's link revocation. More specific
 * than the API's greedy /c/{county}/secretariat/{proxy+}, so API Gateway picks them for these paths.
 */
export const minutesApiSections = ['minutes', 'minutes-status', 'action-items', 'overdue', 'documents'] as const;
export const secretariatMinutesApiPaths: readonly string[] = [
  ...minutesApiSections.flatMap((section) => [`/c/{county}/secretariat/${section}`, `/c/{county}/secretariat/${section}/{proxy+}`]),
  '/c/{county}/secretariat/contacts/{contactId}/revoke-links',
];

export type SecretariatMinutesApiDependencies = SecretariatPartDependencies & Pick<AppDependencies, 'renderDocument'>;

export function secretariatMinutesApiAudience(deps: SecretariatMinutesApiDependencies): Audience {
  return {
    name: 'secretariat-minutes-api',
    county({ app, config, table }) {
      // Never open: without a key for the chair links it issues there is no API.
      if (!deps.signingKey) return;
      const countyId = config.county.id;
      const signingKey = countySigningKey(deps.signingKey, countyId);
      const checked = signedIn(deps.signIn(secretariatGroup(countyId)), logger);
      const linkBase = deps.publicBaseUrl ? { publicBaseUrl: countyBaseUrl(deps.publicBaseUrl, countyId) } : {};
      app.route('/', minutesRoutes({ table, config, now: deps.now, signingKey, signedIn: checked, ...linkBase }));
      // Without a renderer (a test that needs none) the document routes are not mounted.
      if (deps.renderDocument)
        app.route('/', documentRoutes({ table, config, now: deps.now, signedIn: checked, render: deps.renderDocument, logger }));
    },
  };
}
