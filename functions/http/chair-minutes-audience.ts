// The chairs' minutes pages (API Gateway's /c/{county}/minutes/…, /c/{county}/api/minutes/… and
// /c/{county}/assets/… routes, the chair-minutes function): the form a chair unit fills in after its
// meeting, its JSON twin, the form's one script, and the read page invitees open from the
// distribution notice. Every URL but the script's carries a link token signed with the county's key.
// A function of its own because it is the links function's heaviest part (the form, its checks and
// the minutes rules) and is opened a few times a month per series, while RSVP links are opened by
// every invited unit: neither bundle carries the other's pages (issue 13 §5, ≤150 KB each).
import { countySigningKey } from '../core/access/signed-token.ts';
import { minutesLinkRoutes } from './minutes-link-routes.ts';
import type { AppDependencies, Audience } from './audience-app.ts';

export type ChairMinutesDependencies = Pick<AppDependencies, 'now' | 'signingKey'>;

export function chairMinutesAudience(deps: ChairMinutesDependencies): Audience {
  return {
    name: 'chair-minutes',
    county({ app, config, table }) {
      // No key, no links: nothing here is ever open.
      if (!deps.signingKey) return;
      app.route('/', minutesLinkRoutes({ table, config, now: deps.now, signingKey: countySigningKey(deps.signingKey, config.county.id) }));
    },
  };
}
