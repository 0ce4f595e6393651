// The secretariat's minutes over its JSON API (the secretariat API function): /secretariat/* with
// a bearer JWT from its sign-in (secretariat-auth.ts). The chair's and invitees' link pages for the
// same minutes are minutes-link-routes.ts, in the chair-minutes function.
// Every refusal happens before anything is stored; every read and write that succeeds leaves an
// audit record. Logs carry ids, states and versions, never addresses or minutes text.
import { Hono, type Context } from 'hono';
import * as z from 'zod/mini';
import { safeParse } from '../core/schema/safe-parse.ts';
import type { CountyConfig } from '../core/series/county-config.ts';
import type { MeetingTable } from '../adapters/dynamodb/meeting-table.ts';
import { minutesDueDay } from '../use-cases/minutes/minutes-due-day.ts';
import type { MinutesActor } from '../core/minutes/minutes-record.ts';
import { listAudit, recordAudit } from '../adapters/dynamodb/minutes-store.ts';
import { secretariatAccess } from '../use-cases/minutes/minutes-access.ts';
import { countyNow, type MinutesContext } from '../use-cases/minutes/minutes-context.ts';
import { MinutesError } from '../use-cases/minutes/minutes-error.ts';
import { readMinutes, readMinutesHistory } from '../use-cases/minutes/read-minutes.ts';
import { changeMinutesState, followUpMinutes, saveMinutes } from '../use-cases/minutes/write-minutes.ts';
import { distributeMinutes } from '../use-cases/minutes/distribute-minutes.ts';
import { listActionItems, minutesStatus, overdueReport } from '../use-cases/minutes/minutes-views.ts';
import { revokeContactLinks } from '../use-cases/minutes/revoke-contact-links.ts';
import { issueMinutesLink } from '../use-cases/minutes/minutes-links.ts';
import type { SecretariatVariables, SignedIn } from './secretariat-sign-in.ts';
import { logger as runtimeLogger } from '../handlers/runtime.ts';
import { countyBaseUrl } from '../core/access/signed-token.ts';
import {
  confidentialAnswer,
  ids,
  isRefusal,
  jsonBody,
  jsonBodyLimit,
  internalErrorJson,
  jsonType,
  minutesJson,
  optionalJsonBody,
  refusalJson,
  RequestProblem,
  requireType,
  routeOf,
  type MinutesLogger,
} from './minutes-http.ts';

export type { MinutesLogger } from './minutes-http.ts';

export type MinutesRouteDependencies = {
  table: MeetingTable;
  config: CountyConfig;
  now: () => Date;
  /** The HMAC key the chair links it issues are signed with (the same key the dispatcher signs them with). */
  signingKey: Uint8Array;
  /** The county's sign-in check (`secretariat-<county>`), in front of every route. */
  signedIn: SignedIn;
  /** Where links the API hands out point (the county's own routes); below the request's origin when unset. */
  publicBaseUrl?: string;
  /** Ids, states and versions only. Default: the handlers' logger. */
  logger?: MinutesLogger;
};

type Variables = SecretariatVariables;
type C = Context<{ Variables: Variables }>;

const occurrencePath = '/secretariat/minutes/:seriesId/:slotKey';

// The minutes' zod schemas (some 75 schemas) are built when the first request parses a body, not
// when the function loads: esbuild turns this import() into a module initialised on first call, and
// building them was a few milliseconds of the minutes API's cold import (issue 13 §5). A request
// that only reads pays nothing; the first write pays it once.
const minutesSchemas = () => import('../core/minutes/minutes-schema.ts');

export function minutesRoutes(deps: MinutesRouteDependencies): Hono<{ Variables: Variables }> {
  const app = new Hono<{ Variables: Variables }>();
  const context: MinutesContext = { table: deps.table, config: deps.config, now: deps.now };
  const log = deps.logger ?? runtimeLogger;
  const limit = jsonBodyLimit(log);

  app.onError((error, c) => {
    if (isRefusal(error)) {
      log.info('minutes request refused', { status: error.status, code: error.code, path: routeOf(c), problems: error.problems.length });
      return refusalJson(c, error);
    }
    // Only the error's kind: its message may quote a request.
    log.warn('minutes request failed', { path: routeOf(c), error: error.name });
    return c.json(internalErrorJson, 500);
  });

  app.use('/secretariat/*', confidentialAnswer);
  app.use('/secretariat/*', deps.signedIn);
  const secretariat = (c: C): Extract<MinutesActor, { kind: 'secretariat' }> => ({ kind: 'secretariat', ...c.get('secretariat') });
  const atOccurrence = (c: C) => secretariatAccess(context, secretariat(c), c.req.param('seriesId') ?? '', c.req.param('slotKey') ?? '');

  app.get(occurrencePath, async (c) => {
    const access = await atOccurrence(c);
    const head = await readMinutes(context, access);
    log.info('minutes read', ids(access, head));
    return c.json(minutesJson(access, head, await minutesDueDay(deps.table, access.occurrence.date, access.series)));
  });

  app.get(`${occurrencePath}/versions`, async (c) => {
    const access = await atOccurrence(c);
    const versions = await readMinutesHistory(context, access);
    log.info('minutes history read', { ...ids(access), versions: versions.length });
    return c.json({ versions });
  });

  app.put(occurrencePath, requireType(jsonType), limit, async (c) => {
    const access = await atOccurrence(c);
    const body = await jsonBody(c, (await minutesSchemas()).saveMinutesRequestSchema);
    const head = await saveMinutes(context, access, { expectedVersion: body.expectedVersion, minutes: body.minutes });
    log.info('minutes saved', ids(access, head));
    return c.json({ state: head.state, version: head.version });
  });

  for (const event of ['submit', 'return', 'approve'] as const) {
    app.post(`${occurrencePath}/${event}`, limit, async (c) => {
      const access = await atOccurrence(c);
      const body = await optionalJsonBody(c, (await minutesSchemas()).changeStateRequestSchema);
      const head = await changeMinutesState(context, access, event, body.expectedVersion);
      log.info(`minutes ${event}`, ids(access, head));
      return c.json({ state: head.state, version: head.version });
    });
  }

  app.post(`${occurrencePath}/distribute`, limit, async (c) => {
    const access = await atOccurrence(c);
    const body = await optionalJsonBody(c, (await minutesSchemas()).changeStateRequestSchema);
    const result = await distributeMinutes(context, access, body.expectedVersion);
    log.info('minutes distributed', {
      ...ids(access, result.head),
      recipients: result.recipients,
      queued: result.queued,
      again: result.alreadyDistributed,
    });
    return c.json({
      state: result.head.state,
      version: result.head.version,
      recipients: result.recipients,
      queued: result.queued,
      alreadyDistributed: result.alreadyDistributed,
    });
  });

  app.post(`${occurrencePath}/follow-up`, requireType(jsonType), limit, async (c) => {
    const access = await atOccurrence(c);
    const head = await followUpMinutes(context, access, await jsonBody(c, (await minutesSchemas()).followUpRequestSchema));
    log.info('minutes followed up', ids(access, head));
    return c.json({ state: head.state, version: head.version });
  });

  app.post(`${occurrencePath}/chair-link`, limit, async (c) => {
    const access = await atOccurrence(c);
    const body = await optionalJsonBody(c, z.strictObject({ contactId: z.optional(z.string().check(z.minLength(1), z.maxLength(80))) }));
    const chairUnit = (await countyNow(context)).unit(access.occurrence.chairUnitId);
    const contact = body.contactId ? chairUnit?.contacts.find((k) => k.id === body.contactId) : chairUnit?.contacts[0];
    if (!contact) throw new MinutesError('not-chair', '此聯絡人不屬於本次會議的主持單位（contactId），請改選主持單位的聯絡人');
    const now = deps.now();
    const link = await issueMinutesLink(
      deps.table,
      { seriesId: access.occurrence.seriesId, slotKey: access.occurrence.slotKey, contactId: contact.id, role: 'chair', now },
      deps.signingKey,
      deps.publicBaseUrl ?? countyBaseUrl(new URL(c.req.url).origin, deps.config.county.id),
    );
    await recordAudit(deps.table, {
      at: now.toISOString(),
      seriesId: access.occurrence.seriesId,
      slotKey: access.occurrence.slotKey,
      actor: access.actor,
      action: 'issue-link',
    });
    log.info('minutes chair link issued', { ...ids(access), contactId: contact.id });
    return c.json({ contactId: contact.id, ...link });
  });

  app.get(`${occurrencePath}/audit`, async (c) => {
    const access = await atOccurrence(c);
    return c.json({ audit: await listAudit(deps.table, access.occurrence.seriesId, access.occurrence.slotKey) });
  });

  app.get('/secretariat/minutes-status', async (c) => {
    const query = safeParse(
      z.strictObject({
        series: z.optional(z.string().check(z.maxLength(80))),
        since: z.optional(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/))),
      }),
      c.req.query(),
    );
    if (!query.success) {
      // zh-TW from the field at fault: zod's own message is English.
      const issue = query.error.issues[0]!;
      const message =
        issue.code === 'unrecognized_keys'
          ? `不認得的篩選條件「${issue.keys[0]}」，只能用 series（系列代號）與 since（起始日期）`
          : issue.path[0] === 'since'
            ? '起始日期（since）須為 YYYY-MM-DD，例如 2026-03-01'
            : '系列代號（series）不可超過 80 個字';
      throw new RequestProblem(422, 'invalid-query', message);
    }
    const rows = await minutesStatus(context, {
      ...(query.data.series ? { seriesId: query.data.series } : {}),
      ...(query.data.since ? { since: query.data.since } : {}),
    });
    return c.json({ minutes: rows });
  });

  app.get('/secretariat/action-items', async (c) => {
    const state = c.req.query('state') ?? 'open';
    if (state !== 'open' && state !== 'overdue')
      throw new RequestProblem(422, 'invalid-query', '待辦事項狀態（state）須為 open（未完成）或 overdue（逾期）');
    const items = await listActionItems(context, secretariat(c), state);
    log.info('action items listed', { state, count: items.length });
    return c.json({ state, actionItems: items });
  });

  app.get('/secretariat/overdue', async (c) => {
    const report = await overdueReport(context, secretariat(c));
    log.info('overdue listed', {
      minutes: report.minutes.length,
      actionItems: report.actionItems.length,
      followUpForms: report.followUpForms.length,
    });
    return c.json(report);
  });

  app.post('/secretariat/contacts/:contactId/revoke-links', async (c) => {
    const result = await revokeContactLinks(context, secretariat(c), c.req.param('contactId'));
    log.info('minutes links revoked', result);
    return c.json(result);
  });

  return app;
}
