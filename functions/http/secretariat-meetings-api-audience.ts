// The secretariat's JSON API for meetings and series (secretariat-meeting-routes.ts): the part the
// secretariat API function (handlers/http-secretariat-api.ts) serves, on the API's greedy routes.
import { secretariatMeetingRoutes } from './secretariat-meeting-routes.ts';
import type { Audience } from './audience-app.ts';
import { secretariatApiPart, type SecretariatPartDependencies } from './secretariat-api-part.ts';

export function secretariatMeetingsApiAudience(deps: SecretariatPartDependencies): Audience {
  return secretariatApiPart('secretariat-meetings-api', deps, ({ app, deploymentBaseUrl: _, ...routes }) => {
    app.route('/', secretariatMeetingRoutes(routes));
  });
}
