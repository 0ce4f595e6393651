// The secretariat's JSON API, for scripts: /c/<county>/secretariat/… with a bearer JWT, the county's
// group `secretariat-<county>` required. Its parts are each an AWS function of their own, behind API
// Gateway's JWT authorizer (secretariat-{meetings,calendar,records,minutes}-api-audience.ts); this
// composite serves them all from one app (app.ts: `npm start`, the tests), where the bearer token is
// verified with jose against the issuer's keys (secretariat-auth.ts), as the gateway does in AWS.
import { bearerTokenSignIn } from './secretariat-auth.ts';
import type { AppDependencies, Audience } from './audience-app.ts';
import type { SecretariatCheck, SecretariatSignIn } from './secretariat-sign-in.ts';
import { secretariatMeetingsApiAudience } from './secretariat-meetings-api-audience.ts';
import { secretariatCalendarApiAudience } from './secretariat-calendar-api-audience.ts';
import { secretariatRecordsApiAudience } from './secretariat-records-api-audience.ts';
import { secretariatMinutesApiAudience } from './secretariat-minutes-api-audience.ts';

export type SecretariatApiDependencies = Pick<
  AppDependencies,
  'now' | 'signingKey' | 'secretariatAuth' | 'publicBaseUrl' | 'renderDocument'
>;

export function secretariatApiAudience(deps: SecretariatApiDependencies): Audience {
  // Never open: without a sign-in to verify there is no API.
  const auth = deps.secretariatAuth;
  if (!auth) return { name: 'secretariat-api', county() {} };
  // One verifier (one cache of the issuer's keys) per county, shared by all parts.
  const checks = new Map<string, SecretariatCheck>();
  const bearer = bearerTokenSignIn(auth);
  const signIn: SecretariatSignIn = (group) => checks.get(group) ?? checks.set(group, bearer(group)).get(group)!;
  const parts = { now: deps.now, signingKey: deps.signingKey, publicBaseUrl: deps.publicBaseUrl, signIn };
  // Minutes first, as they were mounted when one audience served everything: its check in front of
  // /secretariat/* answers first for any path below it.
  const all = [
    secretariatMinutesApiAudience({ ...parts, renderDocument: deps.renderDocument }),
    secretariatMeetingsApiAudience(parts),
    secretariatCalendarApiAudience(parts),
    secretariatRecordsApiAudience(parts),
  ];
  return {
    name: 'secretariat-api',
    county(mount) {
      for (const part of all) part.county(mount);
    },
  };
}
