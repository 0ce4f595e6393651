// What each part of the secretariat's JSON API does for a county before mounting its routes: the
// county's link key, its sign-in check (group `secretariat-<county>`) and its link base. The parts
// (secretariat-*-api-audience.ts) are each an AWS function of their own, behind API Gateway's JWT
// authorizer; app.ts serves them all inside secretariatApiAudience (secretariat-api-audience.ts).
// How a caller is checked is given (`signIn`): the bearer token locally, the gateway's claims in AWS.
import type { Hono } from 'hono';
import type { CountyConfig } from '../core/series/county-config.ts';
import type { MeetingTable } from '../adapters/dynamodb/meeting-table.ts';
import { countyBaseUrl, countySigningKey } from '../core/access/signed-token.ts';
import { logger } from '../handlers/runtime.ts';
import { secretariatGroup, type AppDependencies, type Audience } from './audience-app.ts';
import { signedIn, type SecretariatSignIn, type SignedIn } from './secretariat-sign-in.ts';
import type { SecretariatRouteLogger } from './secretariat-task-http.ts';

/**
 * The gateway routes of a part's sections below /c/<county>/secretariat/, each with everything below
 * it (lib/constructs/http-functions.ts): more specific than the API's greedy
 * /c/{county}/secretariat/{proxy+}, so API Gateway sends these paths to the part's function.
 */
export const sectionPaths = (sections: readonly string[]): string[] =>
  sections.flatMap((section) => [`/c/{county}/secretariat/${section}`, `/c/{county}/secretariat/${section}/{proxy+}`]);

export type SecretariatPartDependencies = Pick<AppDependencies, 'now' | 'signingKey' | 'publicBaseUrl'> & {
  /** How a caller is checked: the bearer token locally, the gateway's verified claims in AWS. */
  signIn: SecretariatSignIn;
};

/** One county's mount of a part, with what its routes are made from. */
export type SecretariatPartMount = {
  app: Hono;
  table: MeetingTable;
  config: CountyConfig;
  now: () => Date;
  /** The county's link-signing key (derived from the deployment's). */
  signingKey: Uint8Array;
  /** The county's sign-in check, one per county shared by the part's routes. */
  signedIn: SignedIn;
  /** Where links point for this county (…/c/<county>), when the deployment says. */
  publicBaseUrl?: string;
  /** The deployment's base URL, without /c/<county>. */
  deploymentBaseUrl?: string;
  logger: SecretariatRouteLogger;
};

export function secretariatApiPart(name: string, deps: SecretariatPartDependencies, mount: (part: SecretariatPartMount) => void): Audience {
  return {
    name,
    county({ app, config, table }) {
      // Never open: without a key for the chair links the API issues there is no API.
      const deploymentKey = deps.signingKey;
      if (!deploymentKey) return;
      const countyId = config.county.id;
      let signingKey: Uint8Array | undefined;
      mount({
        app,
        table,
        config,
        now: deps.now,
        // Derived at its first use: only chair links are signed with it, which the calendar API never
        // issues, and deriving it (the process's first HMAC) was half of building that function's app.
        get signingKey() {
          return (signingKey ??= countySigningKey(deploymentKey, countyId));
        },
        signedIn: signedIn(deps.signIn(secretariatGroup(countyId)), logger),
        ...(deps.publicBaseUrl
          ? { publicBaseUrl: countyBaseUrl(deps.publicBaseUrl, countyId), deploymentBaseUrl: deps.publicBaseUrl }
          : {}),
        logger,
      });
    },
  };
}
