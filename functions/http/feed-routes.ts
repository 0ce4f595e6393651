// Calendar feeds over HTTP. Two ways in, served by two functions (unitFeedRoutes in the links
// function, feedRoutes in the secretariat API's):
//   calendar clients  GET /feeds/<unit>/<secret>.ics: the URL is the credential. A wrong, revoked
//                     or made-up URL gets the app's own 404, the very answer of an address that
//                     does not exist, so a guess learns nothing, not even whether the unit exists.
//   the secretariat   /secretariat/feeds[/<unit>] with its bearer JWT: list, issue or rotate
//                     (POST), revoke (DELETE); each change audited by the use case.
// Logs carry the unit id and counts, never the secret (the route pattern, never the URL).
import { Hono, type Context, type ErrorHandler } from 'hono';
import type { CountyConfig } from '../core/series/county-config.ts';
import type { MeetingTable } from '../adapters/dynamodb/meeting-table.ts';
import { clientHasCurrent, readUnitFeed } from '../use-cases/feeds/read-unit-feed.ts';
import { issueUnitFeed, listFeedStatus, revokeUnitFeed, type FeedActor } from '../use-cases/feeds/unit-feed-secrets.ts';
import { SecretariatInputError } from '../use-cases/secretariat/secretariat-input-error.ts';
import type { AuthLogger, SecretariatVariables, SignedIn } from './secretariat-sign-in.ts';

export type FeedLogger = AuthLogger & { info(message: string, attributes: Record<string, unknown>): void };

export type FeedRouteDependencies = {
  table: MeetingTable;
  config: CountyConfig;
  now: () => Date;
  /** The county's sign-in check (`secretariat-<county>`). */
  signedIn: SignedIn;
  /** The deployment's base URL (without /c/<county>); the request's origin when unset. */
  publicBaseUrl?: string;
  logger: FeedLogger;
};

export type UnitFeedRouteDependencies = Pick<FeedRouteDependencies, 'table' | 'config' | 'now' | 'logger'>;

type FeedApp = Hono<{ Variables: SecretariatVariables }>;
type C = Context<{ Variables: SecretariatVariables }>;

/** What a calendar client reads (the links function); the secretariat's side is feedRoutes. */
export function unitFeedRoutes(deps: UnitFeedRouteDependencies): Hono {
  const app = new Hono();
  const context = { table: deps.table, config: deps.config };
  const log = deps.logger;
  app.onError(feedErrors(log));

  app.get('/feeds/:unitId/:file', async (c) => {
    const unitId = c.req.param('unitId');
    const file = c.req.param('file');
    const secret = file.endsWith('.ics') ? file.slice(0, -'.ics'.length) : '';
    const feed = await readUnitFeed(context, { unitId, secret, now: deps.now() });
    if (!feed) {
      log.info('feed refused', { status: 404 });
      return c.notFound();
    }
    // The URL is a credential: shared caches must not keep the answer, and no search engine index it.
    c.header('Cache-Control', 'private, no-cache');
    c.header('X-Robots-Tag', 'noindex, nofollow');
    c.header('ETag', feed.etag);
    if (clientHasCurrent(c.req.header('if-none-match'), feed.etag)) {
      log.info('feed not modified', { unitId, status: 304 });
      return c.body(null, 304);
    }
    log.info('feed served', { unitId, events: feed.events });
    return c.body(feed.body, 200, { 'Content-Type': 'text/calendar; charset=utf-8' });
  });
  return app;
}

/** The secretariat's list, issue, rotation and revocation of the feeds (the secretariat API function). */
export function feedRoutes(deps: FeedRouteDependencies): FeedApp {
  const app: FeedApp = new Hono<{ Variables: SecretariatVariables }>();
  const context = { table: deps.table, config: deps.config };
  const log = deps.logger;
  app.onError(feedErrors(log));

  const signedIn = deps.signedIn;
  const actor = (c: C): FeedActor => ({ kind: 'secretariat', ...c.get('secretariat') });
  const baseUrl = (c: C) => deps.publicBaseUrl ?? new URL(c.req.url).origin;
  const noStore = (c: C) => c.header('Cache-Control', 'no-store');

  app.get('/secretariat/feeds', signedIn, async (c) => {
    noStore(c);
    const feeds = await listFeedStatus(context);
    return c.json({ feeds });
  });

  app.post('/secretariat/feeds/:unitId', signedIn, async (c) => {
    noStore(c);
    const issued = await issueUnitFeed(context, {
      unitId: c.req.param('unitId'),
      actor: actor(c),
      now: deps.now(),
      publicBaseUrl: baseUrl(c),
    });
    log.info(issued.rotated ? 'feed rotated' : 'feed issued', { unitId: issued.unitId, subject: actor(c).subject });
    return c.json(issued, 201);
  });

  app.delete('/secretariat/feeds/:unitId', signedIn, async (c) => {
    noStore(c);
    const revoked = await revokeUnitFeed(context, { unitId: c.req.param('unitId'), actor: actor(c), now: deps.now() });
    log.info('feed revoked', { unitId: revoked.unitId, revoked: revoked.revoked, subject: actor(c).subject });
    return c.json(revoked);
  });

  return app;
}

function feedErrors(log: FeedLogger): ErrorHandler {
  return (error, c) => {
    if (error instanceof SecretariatInputError) {
      log.info('feed request refused', { status: error.status, code: error.code, route: c.req.routePath });
      return c.json({ error: error.code, field: error.field, message: error.message }, error.status);
    }
    log.warn('feed request failed', { route: c.req.routePath, error: error.name });
    return c.json({ error: 'internal', message: '系統錯誤，請稍後再試' }, 500);
  };
}
