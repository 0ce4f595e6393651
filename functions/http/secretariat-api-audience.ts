// The secretariat's JSON API, for scripts: /c/<county>/secretariat/… with a bearer JWT, the county's
// group `secretariat-<county>` required. Its two parts are each an AWS function of their own, behind
// API Gateway's JWT authorizer (secretariat-tasks-api-audience.ts, secretariat-minutes-api-audience.ts);
// this composite serves both from one app (app.ts: `npm start`, the tests), where the bearer token is
// verified with jose against the issuer's keys (secretariat-auth.ts), as the gateway does in AWS.
import { bearerTokenSignIn } from './secretariat-auth.ts';
import type { AppDependencies, Audience } from './audience-app.ts';
import type { SecretariatCheck, SecretariatSignIn } from './secretariat-sign-in.ts';
import { secretariatTasksApiAudience } from './secretariat-tasks-api-audience.ts';
import { secretariatMinutesApiAudience } from './secretariat-minutes-api-audience.ts';

export type SecretariatApiDependencies = Pick<
  AppDependencies,
  'now' | 'signingKey' | 'secretariatAuth' | 'publicBaseUrl' | 'renderDocument'
>;

export function secretariatApiAudience(deps: SecretariatApiDependencies): Audience {
  // Never open: without a sign-in to verify there is no API.
  const auth = deps.secretariatAuth;
  if (!auth) return { name: 'secretariat-api', county() {} };
  // One verifier (one cache of the issuer's keys) per county, shared by both parts.
  const checks = new Map<string, SecretariatCheck>();
  const bearer = bearerTokenSignIn(auth);
  const signIn: SecretariatSignIn = (group) => checks.get(group) ?? checks.set(group, bearer(group)).get(group)!;
  const parts = { now: deps.now, signingKey: deps.signingKey, publicBaseUrl: deps.publicBaseUrl, signIn };
  // Minutes first, as they were mounted when one audience served everything: its check in front of
  // /secretariat/* answers first for any path below it.
  const minutes = secretariatMinutesApiAudience({ ...parts, renderDocument: deps.renderDocument });
  const tasks = secretariatTasksApiAudience(parts);
  return {
    name: 'secretariat-api',
    county(mount) {
      minutes.county(mount);
      tasks.county(mount);
    },
  };
}
