// The secretariat's JSON API for what the console lists, mounted below /c/<county>:
//
//   GET  /secretariat/notices/problems, POST /secretariat/notices/:id/retry, POST /secretariat/notices/retry-failed
//   GET  /secretariat/audit?series=&slot=&person=&action=&since=
//   GET  /secretariat/follow-up
//
// Refusals as secretariat-task-http.ts says.
import type { Hono } from 'hono';
import * as z from 'zod/mini';
import { safeParse } from '../core/schema/safe-parse.ts';
import { lazySchema } from '../core/schema/lazy-schema.ts';
import { retryAllFailedNotices, retryFailedNotice } from '../use-cases/secretariat/tasks.ts';
import { auditTrail } from '../use-cases/secretariat/audit-trail.ts';
import { followUpList } from '../use-cases/secretariat/follow-up-list.ts';
import { listNoticeProblems } from '../use-cases/secretariat/failed-notices.ts';
import {
  BodyProblem,
  reason,
  reasonBody,
  schemaRefusal,
  taskRoutes,
  text,
  type Env,
  type SecretariatRouteDependencies,
} from './secretariat-task-http.ts';

// Built at the first request that checks one, not at load (lazySchema, secretariat-task-http.ts).
const retryBody = () => z.strictObject({ confirmNotReceived: z.optional(z.boolean()), ...reason() });

const auditQuery = lazySchema(() =>
  z.strictObject({
    series: z.optional(text(80)),
    slot: z.optional(text(40)),
    person: z.optional(text(200)),
    action: z.optional(text(40)),
    since: z.optional(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?$/))),
  }),
);

export const recordPaths = ['/notices/*', '/audit', '/follow-up'] as const;

export function secretariatRecordRoutes(deps: SecretariatRouteDependencies): Hono<Env> {
  const { api, ctx, done, task, mounted } = taskRoutes(deps, recordPaths);
  const log = deps.logger;

  // ---- Notices that could not be sent -----------------------------------------------------------
  api.get('/notices/problems', async (c) => c.json({ notices: await listNoticeProblems(deps.table, deps.config) }));
  task('/notices/retry-failed', reasonBody, async (c, b) => {
    const result = await retryAllFailedNotices(ctx(c), b);
    log.info('secretariat task done', { task: 'retry-notice', retried: result.retried.length, skipped: result.skipped.length });
    return c.json({ retried: result.retried.map((r) => ({ notice: r.notice, action: r.action })), skipped: result.skipped });
  });
  task('/notices/:noticeId/retry', retryBody, async (c, b) => {
    const result = await retryFailedNotice(ctx(c), {
      noticeId: c.req.param('noticeId') ?? '',
      reason: b.reason,
      ...(b.confirmNotReceived !== undefined ? { confirmNotReceived: b.confirmNotReceived } : {}),
    });
    return done(c, result.action, { notice: result.notice });
  });

  // ---- What the console lists -------------------------------------------------------------------
  api.get('/audit', async (c) => {
    const query = safeParse(auditQuery(), c.req.query());
    if (!query.success) throw schemaRefusal(query.error);
    const { series, slot, person, action, since } = query.data;
    if ((series === undefined) !== (slot === undefined))
      throw new BodyProblem(
        'invalid-body',
        series === undefined ? 'series' : 'slot',
        '篩選單一場次時，系列代號（series）與場次（slot）都要填',
      );
    const entries = await auditTrail(deps.table, deps.config, {
      ...(series && slot ? { meeting: { seriesId: series, slotKey: slot } } : {}),
      ...(person ? { person } : {}),
      ...(action ? { action } : {}),
      ...(since ? { since } : {}),
    });
    return c.json({ audit: entries });
  });
  api.get('/follow-up', async (c) => c.json(await followUpList(deps.table, deps.config, { actor: ctx(c).actor, now: ctx(c).now })));

  return mounted();
}
