// One HTTP application for both homes: API Gateway + Lambda (hono/aws-lambda) and the local server
// of `npm start` (@hono/node-server), so routing, validation and auth are the same code.
//
// In AWS each audience is its own Lambda or several (functions/handlers/http-links.ts and
// http-chair-minutes.ts, http-feeds.ts, http-secretariat-api.ts, http-console.ts), each importing only its audience module; this module
// imports all four and serves them from one app, as `npm start` and the tests do. `audiences` narrows it to some of
// them (a test that runs as one function does).
import type { Hono } from 'hono';
import { serveAudiences, type AppDependencies, type Audience, type AudienceName } from './audience-app.ts';
import { linksAudience } from './links-audience.ts';
import { chairMinutesAudience } from './chair-minutes-audience.ts';
import { feedsAudience } from './feeds-audience.ts';
import { secretariatApiAudience } from './secretariat-api-audience.ts';
import { consoleAudience } from './console-audience.ts';

export { secretariatGroup, type AppDependencies, type AudienceName } from './audience-app.ts';

export const allAudiences: readonly AudienceName[] = ['console', 'links', 'feeds', 'secretariat-api'];

export function createApp(deps: AppDependencies & { audiences?: readonly AudienceName[] }): Hono {
  const wanted = new Set(deps.audiences ?? allAudiences);
  const { consoleSignIn } = deps;
  // In this order, as they were mounted when one function served them all.
  const audiences: Audience[] = [
    ...(wanted.has('console') && consoleSignIn ? [consoleAudience({ ...deps, consoleSignIn })] : []),
    // 'links' is every link in mail: two functions in AWS (http-links.ts and http-chair-minutes.ts).
    ...(wanted.has('links') ? [linksAudience({ ...deps, consoleHome: consoleSignIn !== undefined }), chairMinutesAudience(deps)] : []),
    ...(wanted.has('feeds') ? [feedsAudience(deps)] : []),
    ...(wanted.has('secretariat-api') ? [secretariatApiAudience(deps)] : []),
  ];
  return serveAudiences(deps, audiences);
}
