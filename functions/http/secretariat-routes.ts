// The secretariat's JSON API for every task (functions/use-cases/secretariat/tasks.ts), behind the
// bearer JWT of its sign-in (secretariat-auth.ts), mounted below /c/<county>:
//
//   GET  /secretariat/meetings/:series/:occurrence                      the meeting page's data
//   POST /secretariat/meetings/:series/:occurrence/move|cancel|reinstate|venue|swap-chairs|acting-chair[/preview]
//   POST /secretariat/meetings/:series/:occurrence/chair-link/issue|revoke
//   POST /secretariat/meetings/:series/:occurrence/minutes/approve|return|distribute
//   POST /secretariat/series/:series/sessions[/preview]                 an ad-hoc session
//   POST /secretariat/closures[/preview], /secretariat/closures/:date/remove[/preview]
//   POST /secretariat/office-calendar[/preview]                         the DGPA CSV: multipart (file, reason) or text/csv
//   POST /secretariat/units/:unit/contacts[/preview], …/contacts/:contact/remove|readd[/preview]
//   GET  /secretariat/notices/problems, POST /secretariat/notices/:id/retry, POST /secretariat/notices/retry-failed
//   GET  /secretariat/audit?series=&slot=&person=&action=&since=
//   GET  /secretariat/follow-up
//
// A meeting is named by its date (2026-03-25) or slot (2026-03). Every body is checked against its
// zod schema (below, beside its route) before any use case runs; the use case then validates the
// rest before it writes anything. A refusal answers {error: code, field, message (zh-TW)}:
// 400 for a body that is not what the route takes, 422 for a request that cannot be carried out
// as asked (a date that does not exist, a day off without confirmation, an empty reason), 404 for
// what does not exist, 409 for a meeting's state or another officer's change. Nothing is written
// on any refusal. Logs carry ids and codes, never names, addresses or reasons.
import { Hono, type Context } from 'hono';
import * as z from 'zod/mini';
import { safeParse } from '../core/schema/safe-parse.ts';
import type { CountyConfig } from '../core/series/county-config.ts';
import { Temporal } from '../core/calendar/local-date.ts';
import type { MeetingTable } from '../adapters/dynamodb/meeting-table.ts';
import {
  addAdHocSession,
  addContact,
  appointActingChair,
  approveMinutes,
  cancelMeeting,
  changeMeetingVenue,
  declareOfficeClosure,
  distributeMinutesToInvitees,
  importCalendarFile,
  issueChairMinutesLink,
  moveMeeting,
  previewAddAdHocSession,
  previewAddContact,
  previewAppointActingChair,
  previewCancelMeeting,
  previewChangeMeetingVenue,
  previewDeclareOfficeClosure,
  previewImportCalendarFile,
  previewMoveMeeting,
  previewReaddContact,
  previewReinstateMeeting,
  previewRemoveContact,
  previewRemoveOfficeClosure,
  previewSwapMeetingChairs,
  readdContact,
  reinstateMeeting,
  removeContact,
  removeOfficeClosure,
  retryAllFailedNotices,
  retryFailedNotice,
  returnMinutes,
  revokeChairMinutesLink,
  swapMeetingChairs,
  type TaskContext,
} from '../use-cases/secretariat/tasks.ts';
import type { ChangeResult } from '../use-cases/secretariat/change-occurrence.ts';
import type { PlanPreview } from '../use-cases/secretariat/plan-preview.ts';
import type { RosterResult } from '../use-cases/secretariat/change-roster.ts';
import { SecretariatInputError } from '../use-cases/secretariat/secretariat-input-error.ts';
import { describeAction, describePreview } from '../use-cases/secretariat/describe-change.ts';
import { meetingDetail } from '../use-cases/secretariat/meeting-detail.ts';
import { auditTrail } from '../use-cases/secretariat/audit-trail.ts';
import { followUpList } from '../use-cases/secretariat/follow-up-list.ts';
import { listNoticeProblems } from '../use-cases/secretariat/failed-notices.ts';
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

type Env = { Variables: SecretariatVariables };
type C = Context<Env>;

/** The largest calendar upload: a year of DGPA rows is about 12 KB. */
const maxUploadBytes = 256 * 1024;
const maxJsonBytes = 16 * 1024;

/** A body that is not what the route takes: answered 400, before any use case runs. */
class BodyProblem extends Error {
  constructor(
    readonly code: 'malformed-json' | 'invalid-body' | 'unsupported-media-type' | 'too-large',
    readonly field: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

// ---- Request bodies: each route's schema, beside it in the order of the routes ---------------

const text = (max: number) => z.string().check(z.maxLength(max));
const reason = { reason: text(500) };
const isoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));
const hhmm = z.string().check(z.regex(/^\d{2}:\d{2}$/));

const moveBody = z.strictObject({ to: isoDate, start: z.optional(hhmm), force: z.optional(z.boolean()), ...reason });
const reasonBody = z.strictObject({ ...reason });
const venueBody = z.strictObject({ venueId: text(80), ...reason });
const swapBody = z.strictObject({ with: text(40), ...reason });
const actingChairBody = z.strictObject({ unitId: text(80), ...reason });
const chairLinkBody = z.strictObject({ contactId: z.optional(text(80)), ...reason });
const minutesBody = z.strictObject({ expectedVersion: z.optional(z.number().check(z.int(), z.minimum(0))), ...reason });
const sessionBody = z.strictObject({
  date: isoDate,
  start: z.optional(hhmm),
  durationMinutes: z.optional(z.number().check(z.int(), z.minimum(15), z.maximum(600))),
  force: z.optional(z.boolean()),
  ...reason,
});
const closureBody = z.strictObject({ date: isoDate, ...reason });
const contactBody = z.strictObject({
  contact: z.strictObject({ id: text(80), name: text(200), email: text(320), title: z.optional(text(200)) }),
  ...reason,
});
const retryBody = z.strictObject({ confirmNotReceived: z.optional(z.boolean()), ...reason });

const auditQuery = z.strictObject({
  series: z.optional(text(80)),
  slot: z.optional(text(40)),
  person: z.optional(text(200)),
  action: z.optional(text(40)),
  since: z.optional(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?$/))),
});

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

function schemaRefusal(error: z.core.$ZodError): BodyProblem {
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

// ---- The routes -------------------------------------------------------------------------------

const ownPaths = [
  '/meetings/*',
  '/series/*',
  '/closures',
  '/closures/*',
  '/office-calendar',
  '/office-calendar/*',
  '/units/*',
  '/notices/*',
  '/audit',
  '/follow-up',
];

export function secretariatRoutes(deps: SecretariatRouteDependencies): Hono<Env> {
  const log = deps.logger;
  const api = new Hono<Env>();

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

  // Only this API's own paths: other routes under /secretariat/* (minutes, feeds) bring their own.
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
      links: {
        signingKey: deps.signingKey,
        baseUrl: deps.publicBaseUrl ?? `${new URL(c.req.url).origin}/c/${deps.config.county.id}`,
      },
    };
  };
  const meeting = (c: C, body: { reason: string }) => ({
    seriesId: c.req.param('seriesId') ?? '',
    occurrence: c.req.param('occurrence') ?? '',
    reason: body.reason,
  });
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
  const rostered = (c: C, result: RosterResult) =>
    done(c, result.action, {
      contact: { unitId: result.change.unitId, contactId: result.change.contact.id, removed: result.change.removed },
    });

  // ---- One meeting ----------------------------------------------------------------------------
  const at = '/meetings/:seriesId/:occurrence';

  api.get(at, async (c) => {
    const detail = await meetingDetail(deps.table, deps.config, { ...meeting(c, { reason: '' }), actor: ctx(c).actor, now: ctx(c).now });
    return c.json(detail);
  });

  /** A task and its preview at `path` and `path/preview`, the body checked by `schema` first. */
  function task<T>(
    path: string,
    schema: z.ZodMiniType<T>,
    run: (c: C, body: T) => Promise<Response>,
    look?: (c: C, body: T) => Promise<PlanPreview>,
  ) {
    api.post(path, async (c) => run(c, await jsonBody(c, schema)));
    if (look) api.post(`${path}/preview`, async (c) => previewed(c, await look(c, await jsonBody(c, schema))));
  }

  const move = (c: C, b: z.infer<typeof moveBody>) => ({
    ...meeting(c, b),
    date: b.to,
    ...(b.start ? { start: b.start } : {}),
    ...(b.force !== undefined ? { force: b.force } : {}),
  });
  task(
    `${at}/move`,
    moveBody,
    async (c, b) => changed(c, await moveMeeting(ctx(c), move(c, b))),
    (c, b) => previewMoveMeeting(ctx(c), move(c, b)),
  );
  task(
    `${at}/cancel`,
    reasonBody,
    async (c, b) => changed(c, await cancelMeeting(ctx(c), meeting(c, b))),
    (c, b) => previewCancelMeeting(ctx(c), meeting(c, b)),
  );
  task(
    `${at}/reinstate`,
    reasonBody,
    async (c, b) => changed(c, await reinstateMeeting(ctx(c), meeting(c, b))),
    (c, b) => previewReinstateMeeting(ctx(c), meeting(c, b)),
  );
  task(
    `${at}/venue`,
    venueBody,
    async (c, b) => changed(c, await changeMeetingVenue(ctx(c), { ...meeting(c, b), venueId: b.venueId })),
    (c, b) => previewChangeMeetingVenue(ctx(c), { ...meeting(c, b), venueId: b.venueId }),
  );
  task(
    `${at}/swap-chairs`,
    swapBody,
    async (c, b) => changed(c, await swapMeetingChairs(ctx(c), { ...meeting(c, b), other: b.with })),
    (c, b) => previewSwapMeetingChairs(ctx(c), { ...meeting(c, b), other: b.with }),
  );
  task(
    `${at}/acting-chair`,
    actingChairBody,
    async (c, b) => changed(c, await appointActingChair(ctx(c), { ...meeting(c, b), unitId: b.unitId })),
    (c, b) => previewAppointActingChair(ctx(c), { ...meeting(c, b), unitId: b.unitId }),
  );
  task(`${at}/chair-link/issue`, chairLinkBody, async (c, b) => {
    const issued = await issueChairMinutesLink(ctx(c), { ...meeting(c, b), ...(b.contactId ? { contactId: b.contactId } : {}) });
    return done(c, issued.action, {
      contactId: issued.contactId,
      contactName: issued.contactName,
      url: issued.url,
      expiresAt: issued.expiresAt,
    });
  });
  task(`${at}/chair-link/revoke`, chairLinkBody, async (c, b) => {
    const revoked = await revokeChairMinutesLink(ctx(c), { ...meeting(c, b), ...(b.contactId ? { contactId: b.contactId } : {}) });
    return done(c, revoked.action, { contactId: revoked.contactId, contactName: revoked.contactName, linkVersion: revoked.linkVersion });
  });
  const decisions = { approve: approveMinutes, return: returnMinutes, distribute: distributeMinutesToInvitees } as const;
  for (const [decision, decide] of Object.entries(decisions))
    task(`${at}/minutes/${decision}`, minutesBody, async (c, b) => {
      const { action, ...result } = await decide(ctx(c), {
        ...meeting(c, b),
        ...(b.expectedVersion !== undefined ? { expectedVersion: b.expectedVersion } : {}),
      });
      return done(c, action, result);
    });

  // ---- A series ---------------------------------------------------------------------------------
  const session = (c: C, b: z.infer<typeof sessionBody>) => {
    const { date, start, durationMinutes, force, reason: why } = b;
    return {
      seriesId: c.req.param('seriesId') ?? '',
      date,
      reason: why,
      ...(start ? { start } : {}),
      ...(durationMinutes ? { durationMinutes } : {}),
      ...(force !== undefined ? { force } : {}),
    };
  };
  task(
    '/series/:seriesId/sessions',
    sessionBody,
    async (c, b) => changed(c, await addAdHocSession(ctx(c), session(c, b))),
    (c, b) => previewAddAdHocSession(ctx(c), session(c, b)),
  );

  // ---- The county's calendar --------------------------------------------------------------------
  task(
    '/closures',
    closureBody,
    async (c, b) => {
      const result = await declareOfficeClosure(ctx(c), b);
      if (!result.action) return c.json({ closure: result.closure, alreadyInForce: true, warnings: result.warnings });
      return done(c, result.action, { closure: result.closure, warnings: result.warnings });
    },
    (c, b) => previewDeclareOfficeClosure(ctx(c), b),
  );
  const removal = (c: C, b: z.infer<typeof reasonBody>) => ({ date: c.req.param('date') ?? '', reason: b.reason });
  task(
    '/closures/:date/remove',
    reasonBody,
    async (c, b) => {
      const result = await removeOfficeClosure(ctx(c), removal(c, b));
      return done(c, result.action!, { removed: result.removed, warnings: result.warnings });
    },
    (c, b) => previewRemoveOfficeClosure(ctx(c), removal(c, b)),
  );
  api.post('/office-calendar', async (c) => {
    const result = await importCalendarFile(ctx(c), await upload(c));
    return done(c, result.action, {
      year: result.year.year,
      source: result.year.source,
      daysOff: Object.keys(result.year.daysOff).length,
      workdays: Object.keys(result.year.workdays).length,
      replaced: result.replaced,
    });
  });
  api.post('/office-calendar/preview', async (c) => previewed(c, await previewImportCalendarFile(ctx(c), await upload(c))));

  // ---- Contacts ---------------------------------------------------------------------------------
  const unitId = (c: C) => c.req.param('unitId') ?? '';
  const contactOf = (b: z.infer<typeof contactBody>) => ({
    id: b.contact.id,
    name: b.contact.name,
    email: b.contact.email,
    ...(b.contact.title ? { title: b.contact.title } : {}),
  });
  task(
    '/units/:unitId/contacts',
    contactBody,
    async (c, b) => rostered(c, await addContact(ctx(c), { unitId: unitId(c), contact: contactOf(b), reason: b.reason })),
    (c, b) => previewAddContact(ctx(c), { unitId: unitId(c), contact: contactOf(b), reason: b.reason }),
  );
  const named = (c: C, b: z.infer<typeof reasonBody>) => ({
    unitId: unitId(c),
    contactId: c.req.param('contactId') ?? '',
    reason: b.reason,
  });
  task(
    '/units/:unitId/contacts/:contactId/remove',
    reasonBody,
    async (c, b) => rostered(c, await removeContact(ctx(c), named(c, b))),
    (c, b) => previewRemoveContact(ctx(c), named(c, b)),
  );
  task(
    '/units/:unitId/contacts/:contactId/readd',
    reasonBody,
    async (c, b) => rostered(c, await readdContact(ctx(c), named(c, b))),
    (c, b) => previewReaddContact(ctx(c), named(c, b)),
  );

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
    const query = safeParse(auditQuery, c.req.query());
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

  const app = new Hono<Env>();
  app.route('/secretariat', api);
  return app;
}

async function jsonBody<T>(c: C, schema: z.ZodMiniType<T>): Promise<T> {
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

/** The calendar file as uploaded: a form (file, reason) or the CSV itself (?reason=…&fileName=…). */
async function upload(c: C): Promise<{ fileName: string; bytes: Uint8Array; reason: string }> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const length = Number(c.req.header('content-length') ?? '0');
  if (length > maxUploadBytes) throw new BodyProblem('too-large', 'file', '檔案過大；辦公日曆表一年約 12 KB');
  if (type === 'multipart/form-data') {
    const form = await c.req.parseBody();
    const file = form.file;
    if (!(file instanceof File)) throw new BodyProblem('invalid-body', 'file', '請選擇辦公日曆檔（CSV）');
    if (file.size > maxUploadBytes) throw new BodyProblem('too-large', 'file', '檔案過大；辦公日曆表一年約 12 KB');
    return {
      fileName: file.name,
      bytes: new Uint8Array(await file.arrayBuffer()),
      reason: typeof form.reason === 'string' ? form.reason : '',
    };
  }
  if (type === 'text/csv' || type === 'application/octet-stream') {
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    if (bytes.byteLength > maxUploadBytes) throw new BodyProblem('too-large', 'file', '檔案過大；辦公日曆表一年約 12 KB');
    return { fileName: c.req.query('fileName') ?? 'calendar.csv', bytes, reason: c.req.query('reason') ?? '' };
  }
  throw new BodyProblem('unsupported-media-type', 'file', '請以 multipart/form-data（欄位 file、reason）或 text/csv 上傳');
}
