// The secretariat's JSON API for minutes and documents (minutes-routes.ts, document-routes.ts,
// secretariat-meeting-minutes-routes.ts): /secretariat/minutes/…, minutes-status, action-items,
// overdue, documents/…, contacts/<id>/revoke-links, and a meeting's chair-link/… and minutes/…. The part the secretariat minutes API function
// (handlers/http-secretariat-minutes-api.ts) serves; it imports none of the scheduling tasks (no planner).
import { minutesRoutes } from './minutes-routes.ts';
import { documentRoutes } from './document-routes.ts';
import { secretariatMeetingMinutesRoutes } from './secretariat-meeting-minutes-routes.ts';
import type { AppDependencies, Audience } from './audience-app.ts';
import { sectionPaths, secretariatApiPart, type SecretariatPartDependencies } from './secretariat-api-part.ts';

/**
 * The gateway routes this part serves (lib/constructs/http-functions.ts): each section below
 * /c/<county>/secretariat/ with everything below it, and one contact's link revocation. More specific
 * than the API's greedy /c/{county}/secretariat/{proxy+}, so API Gateway picks them for these paths.
 */
export const minutesApiSections = ['minutes', 'minutes-status', 'action-items', 'overdue', 'documents'] as const;
export const secretariatMinutesApiPaths: readonly string[] = [
  ...sectionPaths(minutesApiSections),
  '/c/{county}/secretariat/contacts/{contactId}/revoke-links',
  '/c/{county}/secretariat/meetings/{seriesId}/{occurrence}/chair-link/{proxy+}',
  '/c/{county}/secretariat/meetings/{seriesId}/{occurrence}/minutes/{proxy+}',
];

export type SecretariatMinutesApiDependencies = SecretariatPartDependencies & Pick<AppDependencies, 'renderDocument'>;

export function secretariatMinutesApiAudience(deps: SecretariatMinutesApiDependencies): Audience {
  return secretariatApiPart('secretariat-minutes-api', deps, ({ app, deploymentBaseUrl: _, ...routes }) => {
    const { table, config, now, signingKey, signedIn, publicBaseUrl, logger } = routes;
    app.route('/', minutesRoutes({ table, config, now, signingKey, signedIn, ...(publicBaseUrl ? { publicBaseUrl } : {}) }));
    app.route('/', secretariatMeetingMinutesRoutes(routes));
    // Without a renderer (a test that needs none) the document routes are not mounted.
    if (deps.renderDocument) app.route('/', documentRoutes({ table, config, now, signedIn, render: deps.renderDocument, logger }));
  });
}
