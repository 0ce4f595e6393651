// The frame every HTTP function serves its audience in: security headers, and one mount per county
// below /c/<county> with a table scoped to that county. Which routes are mounted is decided by the
// audiences passed in, each its own module (links-audience.ts, feeds-audience.ts,
// secretariat-api-audience.ts, console-audience.ts), so that a Lambda entry importing one audience bundles only that audience's
// routes and libraries: esbuild keeps what is imported, whatever a flag would say at run time.
// app.ts serves them all from one app (`npm start`, the tests).
//
// Counties are tenants: links are checked with each county's own signing key, and the secretariat
// group `secretariat-<county>` is required for its API and console. Nothing below one county's
// mount can name another county's data.
import type { Hono } from 'hono';
import { TrieRouter } from 'hono/router/trie-router';
import { Hono as TrieRouterHono } from './trie-router-hono.ts';
import type { CountyConfig } from '../core/series/county-config.ts';
import { forCounty, type MeetingTable, type TableConnection } from '../adapters/dynamodb/meeting-table.ts';
import type { Counties } from '../adapters/config/county-registry.ts';
import type { DocumentRenderer } from '../use-cases/documents/document-request.ts';
import type { SecretariatAuthOptions } from './secretariat-auth.ts';
import type { ConsoleSignInOptions } from './console/sign-in-client.ts';
import { securityHeaders } from './security-headers.ts';

/**
 * What the audiences are built from. Nothing is ever open: link routes are mounted only with a link
 * signing key, the secretariat's API only with that key and a sign-in to verify, the console only with its sign-in.
 */
export type AppDependencies = {
  connection: TableConnection;
  counties: Counties;
  now: () => Date;
  /** The deployment's link secret; each county signs with a key derived from it. */
  signingKey?: Uint8Array;
  /** Issuer, audience and keys; the group is set per county (`secretariat-<county>`). */
  secretariatAuth?: SecretariatAuthOptions;
  /** Where links the API hands out point; the request's own origin when unset. */
  publicBaseUrl?: string;
  /**
   * The secretariat console's sign-in (Cognito managed login, or the local OpenID provider).
   * Without it there is no console: its pages are never served without a sign-in.
   */
  consoleSignIn?: ConsoleSignInOptions;
  /**
   * Renders documents: the document Lambda in AWS, the same code in-process locally. Without it the
   * document routes are not mounted (the HTTP functions never render documents themselves).
   */
  renderDocument?: DocumentRenderer;
};

export type AudienceName = 'links' | 'feeds' | 'secretariat-api' | 'console';

/** One county's part of an audience, mounted below /c/<county>. */
export type CountyMount = { app: Hono; config: CountyConfig; table: MeetingTable };

/** The routes one kind of caller reaches, as API Gateway routes them (lib/constructs/meeting-http-api.ts). */
export type Audience = {
  /** An AudienceName for the four app.ts serves; a Lambda serving part of one names its part (e.g. 'console-sign-in'). */
  name: string;
  /** Origins its pages' forms may post to or be redirected to (CSP form-action), besides our own. */
  formActions?: readonly string[];
  /** Paths outside the counties' mounts (the front door, redirects), added before them. */
  root?(app: Hono, counties: readonly CountyConfig[]): void;
  county(mount: CountyMount): void;
};

/** The Cognito group whose members are a county's secretariat. */
export const secretariatGroup = (countyId: string) => `secretariat-${countyId}`;

export function serveAudiences(deps: Pick<AppDependencies, 'connection' | 'counties'>, audiences: readonly Audience[]): Hono {
  // TrieRouter alone (trie-router-hono.ts says why); it matches every request of every audience, so
  // its trie is built as the routes are mounted, in the function's init, rather than at a first match.
  const app: Hono = new TrieRouterHono({ router: new TrieRouter() });
  app.use(securityHeaders(audiences.flatMap((audience) => audience.formActions ?? [])));

  const counties = deps.counties.all();
  for (const audience of audiences) audience.root?.(app, counties);
  for (const config of counties) {
    // The serving app below /c/<county> (Hono's basePath: the same routes and router), so a county's
    // routes are added once where they are matched, not added to an app of their own and copied.
    const county = app.basePath(`/c/${config.county.id}`);
    const table = forCounty(deps.connection, config.county.id);
    for (const audience of audiences) audience.county({ app: county, config, table });
  }
  return app;
}
