// What every group of the secretariat's task routes (functions/use-cases/secretariat/tasks.ts)
// shares: the sign-in in front of their own paths, the refusals as JSON, the body checks and the
// answer of a task done or previewed. The groups, each mounted below /c/<county>:
//
//   /secretariat/meetings/…, /secretariat/series/…       secretariat-meeting-routes.ts
//   /secretariat/meetings/…/chair-link/…, …/minutes/…    secretariat-meeting-minutes-routes.ts
//   /secretariat/closures…, /secretariat/office-calendar… secretariat-calendar-routes.ts
//   /secretariat/units/…/contacts…                       secretariat-roster-routes.ts
//   /secretariat/notices/…, /audit, /follow-up           secretariat-record-routes.ts
//
// Each group is its own module so that an API function bundles only the use cases of the routes it
// serves (the gateway sends each group's paths to one function: secretariat-*-api-audience.ts).
//
// A refusal answers {error: code, field, message (zh-TW)}: 400 for a body that is not what the route
// takes, 422 for a request that cannot be carried out as asked (a date that does not exist, a day
// off without confirmation, an empty reason), 404 for what does not exist, 409 for a meeting's
// state or another officer's change. Nothing is written on any refusal. Logs carry ids and codes,
// never names, addresses or reasons.
import { Hono, type Context } from 'hono';
import * as z from 'zod/mini';
import { safeParse } from '../core/schema/safe-parse.ts';
import { lazySchema } from '../core/schema/lazy-schema.ts';
import type { CountyConfig } from '../core/series/county-config.ts';
import { Temporal } from '../core/calendar/local-date.ts';
import type { MeetingTable } from '../adapters/dynamodb/meeting-table.ts';
import type { TaskContext } from '../use-cases/secretariat/tasks.ts';
import type { ChangeResult } from '../use-cases/secretariat/change-occurrence.ts';
import type { PlanPreview } from '../use-cases/secretariat/plan-preview.ts';
import { SecretariatInputError } from '../use-cases/secretariat/secretariat-input-error.ts';
import { describeAction, describePreview } from '../use-cases/secretariat/describe-change.ts';
import type { SecretariatAction } from '../core/audit/secretariat-action.ts';
import type { AuthLogger, SecretariatVariables, SignedIn } from './secretariat-sign-in.ts';

export type SecretariatRouteLogger = AuthLogger & { info(message: string, attributes: Record<string, unknown>): void };

export type SecretariatRouteDependencies = {
  table: MeetingTable;
  config: CountyConfig;
  now: () => Date;
  /** The county's link-signing key: chair links are signed with it. */
  signingKey: Uint8Array;
  /** The county's sign-in check (`secretariat-<county>`), in front of every route. */
  signedIn: SignedIn;
  /** Where links point (…/c/<county>); below the request's origin when unset. */
  publicBaseUrl?: string;
  logger: SecretariatRouteLogger;
};

export type Env = { Variables: SecretariatVariables };
export type C = Context<Env>;

const maxJsonBytes = 16 * 1024;

/** A body that is not what the route takes: answered 400, before any use case runs. */
export class BodyProblem extends Error {
  constructor(
    readonly code: 'malformed-json' | 'invalid-body' | 'unsupported-media-type' | 'too-large',
    readonly field: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

// ---- The pieces of request bodies -------------------------------------------------------------
// Functions, not schemas: each route module builds its bodies from them inside a function that
// task() calls at the first request it checks (lazySchema), so loading a function builds none.

export const text = (max: number) => z.string().check(z.maxLength(max));
export const reason = () => ({ reason: text(500) });
export const isoDate = () => z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));
export const hhmm = () => z.string().check(z.regex(/^\d{2}:\d{2}$/));
export const reasonBody = () => z.strictObject({ ...reason() });

/** zh-TW for a field the schema refused. */
const fieldWords: Record<string, string> = {
  to: '改到的日期（YYYY-MM-DD）',
  date: '日期（YYYY-MM-DD）',
  start: '開始時間（HH:MM）',
  force: '確認放假日（true 或 false）',
  reason: '原因',
  venueId: '場地代號',
  with: '互換的場次（日期或月份）',
  unitId: '單位代號',
  contactId: '聯絡人代號',
  expectedVersion: '紀錄版本（整數）',
  durationMinutes: '會議長度（15 到 600 分鐘）',
  contact: '聯絡人資料（代號、姓名、電子郵件）',
  'contact.id': '聯絡人代號',
  'contact.name': '姓名',
  'contact.email': '電子郵件',
  'contact.title': '職稱',
  confirmNotReceived: '確認收件人沒有收到（true 或 false）',
  series: '系列代號',
  slot: '場次',
  person: '人員',
  action: '操作',
  since: '起始時間',
};

export function schemaRefusal(error: z.core.$ZodError): BodyProblem {
  const issue = error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    const key = [...issue.path, issue.keys[0]].join('.');
    return new BodyProblem('invalid-body', key, `不認得的欄位「${key}」`);
  }
  const field = issue.path.join('.') || undefined;
  const words = field ? (fieldWords[field] ?? field) : '內容';
  const missing = issue.code === 'invalid_type' && /received undefined/.test(issue.message);
  return new BodyProblem('invalid-body', field, missing ? `請填寫${words}` : `${words}格式不對`);
}

export async function jsonBody<T>(c: C, schema: z.ZodMiniType<T>): Promise<T> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') throw new BodyProblem('unsupported-media-type', undefined, '請以 application/json 傳送');
  const raw = await c.req.text();
  if (Buffer.byteLength(raw, 'utf8') > maxJsonBytes) throw new BodyProblem('too-large', undefined, '內容過大');
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new BodyProblem('malformed-json', undefined, '內容不是有效的 JSON');
  }
  const checked = safeParse(schema, parsed);
  if (!checked.success) throw schemaRefusal(checked.error);
  return checked.data;
}

/** One group of task routes below /secretariat, and the answers they give. */
export type TaskRoutes = {
  api: Hono<Env>;
  ctx: (c: C) => TaskContext;
  done: (c: C, action: SecretariatAction, extra?: Record<string, unknown>) => Response;
  previewed: (c: C, preview: PlanPreview) => Response;
  changed: (c: C, result: ChangeResult) => Response;
  /**
   * A task and its preview at `path` and `path/preview`, the body checked first by the schema
   * `schema()` builds: built by the first request to either, not when the routes are made.
   */
  task: <T>(
    path: string,
    schema: () => z.ZodMiniType<T>,
    run: (c: C, body: T) => Promise<Response>,
    look?: (c: C, body: T) => Promise<PlanPreview>,
  ) => void;
  /** The group, its paths below /secretariat, to be routed at the county's root. */
  mounted: () => Hono<Env>;
};

/**
 * A group of task routes serving `ownPaths` (below /secretariat): signed in, never cached, and its
 * refusals answered as above. Only its own paths: other routes under /secretariat/* bring their own.
 */
export function taskRoutes(deps: SecretariatRouteDependencies, ownPaths: readonly string[]): TaskRoutes {
  const log = deps.logger;
  // The group's own paths are below /secretariat: a base path rather than an app of its own mounted
  // there, whose routes would be copied once more at every cold start.
  const api: Hono<Env> = new Hono<Env>().basePath('/secretariat');

  api.onError((error, c) => {
    if (error instanceof SecretariatInputError) {
      const status = error.status === 400 ? 422 : error.status;
      log.info('secretariat request refused', { status, code: error.code, field: error.field, route: c.req.routePath });
      return c.json(
        {
          error: error.code,
          field: error.field ?? null,
          message: error.message,
          ...(error.problems.length > 1 ? { problems: error.problems } : {}),
        },
        status,
      );
    }
    if (error instanceof BodyProblem) {
      const status = error.code === 'unsupported-media-type' ? 415 : error.code === 'too-large' ? 413 : 400;
      log.info('secretariat request refused', { status, code: error.code, field: error.field, route: c.req.routePath });
      return c.json({ error: error.code, field: error.field ?? null, message: error.message }, status);
    }
    // Only the error's kind: its message may quote the request.
    log.warn('secretariat request failed', { route: c.req.routePath, error: error.name });
    return c.json({ error: 'internal', field: null, message: '系統錯誤，請稍後再試' }, 500);
  });

  for (const path of ownPaths)
    api.use(path, deps.signedIn, async (c, next) => {
      await next();
      // Names, answers and minutes: never cached, never indexed.
      c.header('Cache-Control', 'no-store');
      c.header('X-Robots-Tag', 'noindex, nofollow');
    });

  const ctx = (c: C): TaskContext => {
    const { subject, via } = c.get('secretariat');
    return {
      table: deps.table,
      config: deps.config,
      actor: { id: subject, via },
      now: Temporal.Instant.fromEpochMilliseconds(deps.now().getTime()),
      // Read by a task that signs a link (a chair link) and by no other, nor is the key derived before.
      get links() {
        return {
          signingKey: deps.signingKey,
          baseUrl: deps.publicBaseUrl ?? `${new URL(c.req.url).origin}/c/${deps.config.county.id}`,
        };
      },
    };
  };
  const done = (c: C, action: SecretariatAction, extra: Record<string, unknown> = {}) => {
    log.info('secretariat task done', {
      task: action.task,
      auditId: action.id,
      meetings: action.meetings.length,
      told: action.told?.length ?? 0,
    });
    return c.json({ ...extra, action, summary: describeAction(deps.config, action) });
  };
  const previewed = (c: C, preview: PlanPreview) => {
    const { notices: _notices, ...shown } = preview;
    return c.json({ ...shown, summary: describePreview(deps.config, preview) });
  };
  const changed = (c: C, result: ChangeResult) =>
    done(c, result.action, {
      meetings: [...result.run.created, ...result.run.updated].map((o) => ({
        seriesId: o.seriesId,
        slotKey: o.slotKey,
        status: o.status,
        date: o.date,
        start: o.start,
        venueId: o.venueId,
        chairUnitId: o.chairUnitId,
        sequence: o.sequence,
      })),
    });
  function task<T>(
    path: string,
    schema: () => z.ZodMiniType<T>,
    run: (c: C, body: T) => Promise<Response>,
    look?: (c: C, body: T) => Promise<PlanPreview>,
  ) {
    const body = lazySchema(schema);
    api.post(path, async (c) => run(c, await jsonBody(c, body())));
    if (look) api.post(`${path}/preview`, async (c) => previewed(c, await look(c, await jsonBody(c, body()))));
  }
  return {
    api,
    ctx,
    done,
    previewed,
    changed,
    task,
    mounted: () => api,
  };
}
