// The secretariat's JSON API for what it keeps an eye on, none of which re-plans a meeting: notices
// that could not be sent (and their retry), the audit trail, the follow-up list, held calendar
// replies and the units' calendar feeds: the part the secretariat records API function
// (handlers/http-secretariat-records-api.ts) serves.
import { secretariatRecordRoutes } from './secretariat-record-routes.ts';
import { secretariatReplyRoutes } from './secretariat-reply-routes.ts';
import { feedRoutes } from './feed-routes.ts';
import type { Audience } from './audience-app.ts';
import { sectionPaths, secretariatApiPart, type SecretariatPartDependencies } from './secretariat-api-part.ts';

/** Below /c/<county>/secretariat/, each with everything below it: the gateway sends them to this part's function. */
export const recordsApiSections = ['notices', 'audit', 'follow-up', 'held-replies', 'feeds'] as const;
export const secretariatRecordsApiPaths: readonly string[] = sectionPaths(recordsApiSections);

export function secretariatRecordsApiAudience(deps: SecretariatPartDependencies): Audience {
  return secretariatApiPart('secretariat-records-api', deps, ({ app, deploymentBaseUrl, ...routes }) => {
    app.route('/', secretariatRecordRoutes(routes));
    app.route('/', secretariatReplyRoutes(routes));
    // Feed URLs are the deployment's (…/c/<county>/feeds/…), not below the county's link base.
    const { publicBaseUrl: _, ...feeds } = routes;
    app.route('/', feedRoutes({ ...feeds, ...(deploymentBaseUrl ? { publicBaseUrl: deploymentBaseUrl } : {}) }));
  });
}
