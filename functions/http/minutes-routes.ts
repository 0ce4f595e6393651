// Minutes over HTTP. Three kinds of caller, three ways in:
//   chair     /minutes/:series/:slot/:token (page + form) and /api/minutes/:series/:slot/:token (JSON),
//             with the signed link from the chair notice; writes need role "chair".
//   invitee   the same URLs with a read link from the distribution notice; distributed minutes only.
//   secretariat /secretariat/* with a bearer JWT from its sign-in (secretariat-auth.ts).
// Every refusal happens before anything is stored; every read and write that succeeds leaves an
// audit record. Logs carry ids, states and versions, never addresses or minutes text.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import * as z from 'zod';
import type { ZodType } from 'zod';
import type { CountyConfig } from '../core/series/county-config.ts';
import type { MeetingTable } from '../adapters/dynamodb/meeting-table.ts';
import {
  changeStateRequestSchema,
  describeIssues,
  emptyMinutes,
  followUpRequestSchema,
  maxMinutesBodyBytes,
  minutesContentSchema,
  saveMinutesRequestSchema,
  type MinutesContent,
} from '../core/minutes/minutes-schema.ts';
import { chairMayEdit } from '../core/minutes/minutes-lifecycle.ts';
import { minutesDueDay } from '../use-cases/minutes/minutes-due-day.ts';
import type { MinutesActor, MinutesHead } from '../core/minutes/minutes-record.ts';
import { parseMinutesForm } from '../core/minutes/minutes-form.ts';
import { withCommitteeAttendance } from '../core/minutes/committee-attendance.ts';
import { followUpDueDefault } from '../core/minutes/follow-up-due.ts';
import { formProblems, type FieldProblem } from '../core/minutes/minutes-problems.ts';
import { todayInTaipei, Temporal } from '../core/calendar/local-date.ts';
import { rocFormalDate } from '../core/calendar/roc-date.ts';
import { listOccurrences } from '../adapters/dynamodb/occurrence-store.ts';
import { getMinutesHead, listAudit, recordAudit } from '../adapters/dynamodb/minutes-store.ts';
import { authorizeMinutesLink, secretariatAccess } from '../use-cases/minutes/minutes-access.ts';
import { countyNow, type MinutesContext, type OccurrenceAccess } from '../use-cases/minutes/minutes-context.ts';
import { MinutesError } from '../use-cases/minutes/minutes-error.ts';
import { readMinutes, readMinutesHistory } from '../use-cases/minutes/read-minutes.ts';
import { changeMinutesState, followUpMinutes, saveMinutes } from '../use-cases/minutes/write-minutes.ts';
import { distributeMinutes } from '../use-cases/minutes/distribute-minutes.ts';
import { listActionItems, minutesStatus, overdueReport } from '../use-cases/minutes/minutes-views.ts';
import { revokeContactLinks } from '../use-cases/minutes/revoke-contact-links.ts';
import { issueMinutesLink } from '../use-cases/minutes/minutes-links.ts';
import { secretariatAuth, type SecretariatAuthOptions, type SecretariatVariables } from './secretariat-auth.ts';
import { logger as runtimeLogger } from '../handlers/runtime.ts';
import { countyBaseUrl } from '../core/access/signed-token.ts';
import {
  minutesFormPage,
  minutesMessagePage,
  minutesNotYetPage,
  minutesReadPage,
  minutesTypedTextPage,
  type PageNotice,
} from './minutes-pages.ts';
import { minutesFormScript } from './minutes-form-script.ts';

export type MinutesLogger = {
  info(message: string, attributes: Record<string, unknown>): void;
  warn(message: string, attributes: Record<string, unknown>): void;
};

export type MinutesRouteDependencies = {
  table: MeetingTable;
  config: CountyConfig;
  now: () => Date;
  /** The HMAC key minutes links are signed with (the same key the dispatcher signs them with). */
  signingKey: Uint8Array;
  secretariatAuth: SecretariatAuthOptions;
  /** Where links the API hands out point (the county's own routes); below the request's origin when unset. */
  publicBaseUrl?: string;
  /** Ids, states and versions only. Default: the handlers' Powertools logger. */
  logger?: MinutesLogger;
};

type Variables = SecretariatVariables & { access: OccurrenceAccess };
type MinutesApp = Hono<{ Variables: Variables }>;
type C = Context<{ Variables: Variables }>;

const jsonType = 'application/json';
const maxFormBodyBytes = 3 * maxMinutesBodyBytes + 16 * 1024;
const formType = 'application/x-www-form-urlencoded';
const linkPath = '/minutes/:seriesId/:slotKey/:token';
const scriptPath = '/assets/minutes-form.js';
const apiLinkPath = '/api/minutes/:seriesId/:slotKey/:token';
const occurrencePath = '/secretariat/minutes/:seriesId/:slotKey';

/** A request refused for its form rather than its content: wrong type, too big, unreadable. */
class RequestProblem extends Error {
  constructor(
    readonly status: 400 | 413 | 415 | 422,
    readonly code: string,
    message: string,
    readonly problems: string[] = [],
  ) {
    super(message);
  }
}

export function minutesRoutes(deps: MinutesRouteDependencies): Hono<{ Variables: Variables }> {
  const app: MinutesApp = new Hono<{ Variables: Variables }>();
  const context: MinutesContext = { table: deps.table, config: deps.config, now: deps.now };
  const log = deps.logger ?? runtimeLogger;
  const limit = (kind: 'json' | 'form') =>
    bodyLimit({
      // A form is URL-encoded: a Chinese character takes 9 bytes there and 3 in the JSON that is
      // stored, whose own limit is checked after parsing (with the form shown again).
      maxSize: kind === 'form' ? maxFormBodyBytes : maxMinutesBodyBytes,
      onError: (c) => {
        log.info('minutes request refused', { status: 413, code: 'too-large', path: routeOf(c) });
        return kind === 'json'
          ? c.json({ error: 'too-large', message: `the body is over ${maxMinutesBodyBytes} bytes` }, 413)
          : c.html(
              minutesMessagePage(
                { zh: '內容過大', en: 'Too large' },
                { zh: '紀錄內容超過上限，請精簡後再送出。', en: `The form is over ${maxMinutesBodyBytes} bytes.` },
              ),
              413,
            );
      },
    });

  app.onError((error, c) => {
    // Mounted below /c/<county>: the JSON routes are the ones with /api/ or /secretariat/ in them.
    const page = !/\/(api|secretariat)\//.test(c.req.path);
    if (error instanceof MinutesError || error instanceof RequestProblem) {
      log.info('minutes request refused', { status: error.status, code: error.code, path: routeOf(c), problems: error.problems.length });
      if (page) return c.html(problemPage(error), error.status);
      return c.json(
        {
          error: error.code,
          message: error.message,
          ...(error.problems.length ? { problems: error.problems } : {}),
          ...(error instanceof MinutesError && error.currentVersion !== undefined ? { currentVersion: error.currentVersion } : {}),
        },
        error.status,
      );
    }
    // Only the error's kind: its message may quote a request.
    log.warn('minutes request failed', { path: routeOf(c), error: error.name });
    return page
      ? c.html(minutesMessagePage({ zh: '系統錯誤', en: 'Server error' }, { zh: '請稍後再試。', en: 'Please try again later.' }), 500)
      : c.json({ error: 'internal' }, 500);
  });

  for (const prefix of ['/minutes/*', '/api/minutes/*', '/secretariat/*']) {
    app.use(prefix, async (c, next) => {
      await next();
      // The URL (a link token) or the answer (minutes) is confidential: never cache, never index.
      c.header('Cache-Control', 'no-store');
      c.header('X-Robots-Tag', 'noindex, nofollow');
    });
  }

  const linkAccess = (need: 'read' | 'write') => async (c: C, next: () => Promise<void>) => {
    c.set(
      'access',
      await authorizeMinutesLink(
        context,
        deps.signingKey,
        { token: c.req.param('token') ?? '', seriesId: c.req.param('seriesId') ?? '', slotKey: c.req.param('slotKey') ?? '' },
        need,
      ),
    );
    await next();
  };
  const linkRequest = (c: C) => ({
    token: c.req.param('token') ?? '',
    seriesId: c.req.param('seriesId') ?? '',
    slotKey: c.req.param('slotKey') ?? '',
  });
  /** The placement panel's follow-up forms are due the day before its next meeting, when there is one. */
  const followUpDefaults = async (access: OccurrenceAccess): Promise<{ followUpDueDate?: string }> => {
    if (access.series.minutesForm !== 'placement-review') return {};
    const due = followUpDueDefault(access.occurrence, await listOccurrences(deps.table, access.series.id));
    return due ? { followUpDueDate: due } : {};
  };
  const requireType = (type: string) => async (c: C, next: () => Promise<void>) => {
    if (mediaType(c) !== type) throw new RequestProblem(415, 'unsupported-media-type', `send ${type}`);
    await next();
  };

  // ---- The chair's page and the read page ----------------------------------------------------

  // The form's one script, same origin (CSP `script-src 'self'`). Not confidential: cacheable.
  app.get(scriptPath, (c) => {
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(minutesFormScript);
  });

  app.get(linkPath, linkAccess('read'), async (c) => {
    const access = c.get('access');
    const head = await readMinutes(context, access);
    log.info('minutes read', ids(access, head));
    const saved = c.req.query('saved');
    const notice: PageNotice | undefined =
      saved === 'draft'
        ? { tone: 'ok', zh: '已儲存草稿。', en: 'Draft saved.' }
        : saved === 'submitted'
          ? { tone: 'ok', zh: '已送出，待幕僚核定。', en: 'Submitted to the secretariat.' }
          : undefined;
    const view = await countyNow(context);
    const model = {
      view,
      series: access.series,
      occurrence: access.occurrence,
      head,
      dueDate: await minutesDueDay(deps.table, access.occurrence.date, access.series),
      minutes: head?.minutes ?? emptyMinutes(),
      ...(notice ? { notice } : {}),
    };
    if (access.actor.kind === 'chair' && chairMayEdit(head?.state)) {
      // Before the meeting day nothing can be saved: say from when, instead of a form that would fail.
      if (todayOf(deps.now()) < access.occurrence.date) return c.html(minutesNotYetPage(model));
      return c.html(
        minutesFormPage({
          ...model,
          expectedVersion: head?.version ?? 0,
          action: c.req.path,
          scriptSrc: assetPath(c.req.path),
          ...(await followUpDefaults(access)),
        }),
      );
    }
    return c.html(minutesReadPage(model));
  });

  // The chair's form. Whatever is refused, the chair gets back what they typed: the form again with
  // each problem under its field, or, when the link itself no longer works, the text to copy.
  app.post(linkPath, requireType(formType), limit('form'), async (c) => {
    const fields = new URLSearchParams(await c.req.text());
    let access: OccurrenceAccess;
    try {
      access = await authorizeMinutesLink(context, deps.signingKey, linkRequest(c), 'write');
    } catch (error) {
      if (!(error instanceof MinutesError)) throw error;
      log.info('minutes request refused', { status: error.status, code: error.code, path: routeOf(c), problems: 0 });
      const typed = parseMinutesForm(fields).body?.minutes;
      return c.html(minutesTypedTextPage(refusalText(error), lenientMinutes(typed ?? {})), error.status);
    }
    const view = await countyNow(context);
    const defaults = await followUpDefaults(access);
    const dueDate = await minutesDueDay(deps.table, access.occurrence.date, access.series);
    const parsed = parseMinutesForm(fields, defaults);
    const version = z.number().int().min(0).safeParse(parsed.body?.expectedVersion);
    const checked = minutesContentSchema.safeParse(parsed.body?.minutes);
    const minutes = checked.success ? withCommitteeAttendance(checked.data, (unitId) => view.unit(unitId)) : undefined;
    const shown = minutes ?? lenientMinutes(parsed.body?.minutes ?? {});
    const rerender = async (status: 409 | 422, refusal: { notice?: PageNotice; problems?: FieldProblem[] }) => {
      // Only the state and version: the page shows what was posted, not what is stored, so this is no read to audit.
      const head = await getMinutesHead(deps.table, access.occurrence.seriesId, access.occurrence.slotKey);
      return c.html(
        minutesFormPage({
          view,
          series: access.series,
          occurrence: access.occurrence,
          head,
          dueDate,
          // What the chair typed stays on the page, so a refusal loses nothing.
          minutes: shown,
          expectedVersion: status === 409 ? (head?.version ?? 0) : version.success ? version.data : (head?.version ?? 0),
          action: c.req.path,
          scriptSrc: assetPath(c.req.path),
          ...defaults,
          ...refusal,
        }),
        status,
      );
    };
    const problemsOf = (input: Omit<Parameters<typeof formProblems>[0], 'minutes' | 'series' | 'view'>) =>
      formProblems({ minutes: shown, series: access.series, view, ...input });

    const tooLarge = minutes !== undefined && Buffer.byteLength(JSON.stringify(minutes), 'utf8') > maxMinutesBodyBytes;
    if (!parsed.ok || !version.success || !minutes || tooLarge) {
      const general = [
        ...(parsed.ok ? [] : ['表單內容與本頁不符（可能是舊的頁面），請確認下方內容後再儲存一次。']),
        ...(version.success ? [] : ['頁面版本資訊有誤，請確認下方內容後再儲存一次。']),
        ...(tooLarge ? [`紀錄內容超過上限，請精簡後再儲存（上限約 ${Math.floor(maxMinutesBodyBytes / 3 / 1000)} 千字）。`] : []),
      ];
      const problems = problemsOf({ issues: checked.success ? [] : checked.error.issues, general });
      log.info('minutes request refused', { status: 422, code: 'invalid-minutes', path: routeOf(c), problems: problems.length });
      return rerender(422, { problems });
    }
    try {
      const head = await saveMinutes(context, access, {
        expectedVersion: version.data,
        minutes,
        submit: parsed.intent === 'submit',
      });
      log.info('minutes saved', ids(access, head));
      return c.redirect(`${c.req.path}?saved=${head.state === 'submitted' ? 'submitted' : 'draft'}`, 303);
    } catch (error) {
      if (!(error instanceof MinutesError) || !keepsTheForm.has(error.code)) throw error;
      log.info('minutes request refused', { status: error.status, code: error.code, path: routeOf(c), problems: error.problems.length });
      if (error.code === 'invalid-minutes') return rerender(422, { problems: problemsOf({ rules: error.fieldProblems }) });
      return rerender(409, { notice: refusalNotice(error.code, access.occurrence.date) });
    }
  });

  // ---- The chair's JSON API ------------------------------------------------------------------

  app.get(apiLinkPath, linkAccess('read'), async (c) => {
    const access = c.get('access');
    const head = await readMinutes(context, access);
    log.info('minutes read', ids(access, head));
    return c.json(minutesJson(access, head, await minutesDueDay(deps.table, access.occurrence.date, access.series)));
  });

  app.put(apiLinkPath, linkAccess('write'), requireType(jsonType), limit('json'), async (c) => {
    const access = c.get('access');
    const body = await jsonBody(c, saveMinutesRequestSchema);
    const head = await saveMinutes(context, access, { expectedVersion: body.expectedVersion, minutes: body.minutes });
    log.info('minutes saved', ids(access, head));
    return c.json({ state: head.state, version: head.version });
  });

  app.post(`${apiLinkPath}/submit`, linkAccess('write'), requireType(jsonType), limit('json'), async (c) => {
    const access = c.get('access');
    const body = await jsonBody(c, z.strictObject({ expectedVersion: z.number().int().min(0) }));
    const head = await changeMinutesState(context, access, 'submit', body.expectedVersion);
    log.info('minutes submitted', ids(access, head));
    return c.json({ state: head.state, version: head.version });
  });

  // ---- The secretariat -----------------------------------------------------------------------

  app.use('/secretariat/*', secretariatAuth(deps.secretariatAuth, log));
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

  app.put(occurrencePath, requireType(jsonType), limit('json'), async (c) => {
    const access = await atOccurrence(c);
    const body = await jsonBody(c, saveMinutesRequestSchema);
    const head = await saveMinutes(context, access, { expectedVersion: body.expectedVersion, minutes: body.minutes });
    log.info('minutes saved', ids(access, head));
    return c.json({ state: head.state, version: head.version });
  });

  for (const event of ['submit', 'return', 'approve'] as const) {
    app.post(`${occurrencePath}/${event}`, limit('json'), async (c) => {
      const access = await atOccurrence(c);
      const body = await optionalJsonBody(c, changeStateRequestSchema);
      const head = await changeMinutesState(context, access, event, body.expectedVersion);
      log.info(`minutes ${event}`, ids(access, head));
      return c.json({ state: head.state, version: head.version });
    });
  }

  app.post(`${occurrencePath}/distribute`, limit('json'), async (c) => {
    const access = await atOccurrence(c);
    const body = await optionalJsonBody(c, changeStateRequestSchema);
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

  app.post(`${occurrencePath}/follow-up`, requireType(jsonType), limit('json'), async (c) => {
    const access = await atOccurrence(c);
    const head = await followUpMinutes(context, access, await jsonBody(c, followUpRequestSchema));
    log.info('minutes followed up', ids(access, head));
    return c.json({ state: head.state, version: head.version });
  });

  app.post(`${occurrencePath}/chair-link`, limit('json'), async (c) => {
    const access = await atOccurrence(c);
    const body = await optionalJsonBody(c, z.strictObject({ contactId: z.string().min(1).max(80).optional() }));
    const chairUnit = (await countyNow(context)).unit(access.occurrence.chairUnitId);
    const contact = body.contactId ? chairUnit?.contacts.find((k) => k.id === body.contactId) : chairUnit?.contacts[0];
    if (!contact) throw new MinutesError('not-chair', 'that contact is not in the chair unit of this meeting');
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
    const query = z
      .strictObject({
        series: z.string().max(80).optional(),
        since: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/)
          .optional(),
      })
      .safeParse(c.req.query());
    if (!query.success)
      throw new RequestProblem(422, 'invalid-query', 'series=<id> and since=YYYY-MM-DD are the only filters', describeIssues(query.error));
    const rows = await minutesStatus(context, {
      ...(query.data.series ? { seriesId: query.data.series } : {}),
      ...(query.data.since ? { since: query.data.since } : {}),
    });
    return c.json({ minutes: rows });
  });

  app.get('/secretariat/action-items', async (c) => {
    const state = c.req.query('state') ?? 'open';
    if (state !== 'open' && state !== 'overdue') throw new RequestProblem(422, 'invalid-query', 'state must be open or overdue');
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

/** `dueDate`: the minutes deadline as the chair's notices state it (a working day). */
function minutesJson(access: OccurrenceAccess, head: MinutesHead | undefined, dueDate: string) {
  const { occurrence, series, actor } = access;
  return {
    seriesId: occurrence.seriesId,
    slotKey: occurrence.slotKey,
    meeting: { date: occurrence.date, start: occurrence.start, chairUnitId: occurrence.chairUnitId },
    minutesForm: series.minutesForm,
    dueDate,
    role: actor.kind,
    state: head?.state ?? 'none',
    version: head?.version ?? 0,
    minutes: head?.minutes ?? emptyMinutes(),
    ...(head
      ? { updatedAt: head.updatedAt, submittedAt: head.submittedAt, approvedAt: head.approvedAt, distributedAt: head.distributedAt }
      : {}),
  };
}

async function jsonBody<T>(c: C, schema: ZodType<T>): Promise<T> {
  return parseJson(await c.req.text(), schema);
}

/** Lifecycle steps may come without a body; a body that is there must be JSON and valid. */
async function optionalJsonBody<T>(c: C, schema: ZodType<T>): Promise<T> {
  const text = await c.req.text();
  if (text.length === 0) return parseJson('{}', schema);
  if (mediaType(c) !== jsonType) throw new RequestProblem(415, 'unsupported-media-type', `send ${jsonType}`);
  return parseJson(text, schema);
}

function parseJson<T>(text: string, schema: ZodType<T>): T {
  if (Buffer.byteLength(text, 'utf8') > maxMinutesBodyBytes)
    throw new RequestProblem(413, 'too-large', `the body is over ${maxMinutesBodyBytes} bytes`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new RequestProblem(400, 'malformed-json', 'the body is not valid JSON');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success)
    throw new RequestProblem(422, 'invalid-minutes', 'the body does not match the minutes schema', describeIssues(parsed.error));
  return parsed.data;
}

function mediaType(c: C): string {
  return (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

/** The route pattern, not the URL: the URL carries the link token. */
function routeOf(c: Context): string {
  return c.req.routePath;
}

function ids(access: OccurrenceAccess, head?: MinutesHead): Record<string, unknown> {
  const { actor, occurrence } = access;
  return {
    seriesId: occurrence.seriesId,
    slotKey: occurrence.slotKey,
    actor: actor.kind,
    ...(actor.kind === 'secretariat' ? { subject: actor.subject } : { contactId: actor.contactId }),
    ...(head ? { state: head.state, version: head.version } : {}),
  };
}

function problemPage(error: MinutesError | RequestProblem) {
  const messages: Record<string, { zh: string; en: string }> = {
    'invalid-link': {
      zh: '此連結無效：無法辨識，可能已被修改或複製不完整。請使用通知信中的連結，或洽承辦人。',
      en: 'This link is not valid: it may have been altered or cut short. Use the link in the notice e-mail, or contact the secretariat.',
    },
    'expired-link': { zh: '此連結已過期，請洽幕僚重新寄送。', en: 'This link has expired; ask the secretariat for a new one.' },
    'revoked-link': { zh: '此連結已停用，請洽幕僚重新寄送。', en: 'This link has been revoked; ask the secretariat for a new one.' },
    'not-distributed': { zh: '本次會議紀錄尚未分送。', en: 'These minutes have not been distributed yet.' },
    'meeting-not-held': { zh: '會議召開當日起才能填寫紀錄。', en: 'Minutes can be written from the day of the meeting.' },
    'not-allowed-now': { zh: '紀錄目前的狀態不允許此操作。', en: 'The minutes cannot be changed in their current state.' },
  };
  const message = messages[error.code] ?? { zh: '無法處理此要求。', en: error.message };
  return minutesMessagePage({ zh: '會議紀錄', en: 'Minutes' }, message);
}

/** Refusals of a save that keep the form on the page, with what was typed. */
const keepsTheForm: ReadonlySet<string> = new Set([
  'invalid-minutes',
  'version-conflict',
  'meeting-not-held',
  'not-allowed-now',
  'meeting-cancelled',
]);

function refusalNotice(code: string, meetingDate: string): PageNotice {
  const day = rocFormalDate(Temporal.PlainDate.from(meetingDate));
  switch (code) {
    case 'version-conflict':
      return {
        tone: 'error',
        zh: '他人已於此期間更新紀錄，您的內容尚未儲存；請確認下方內容後再儲存一次。',
        en: 'Someone else saved in the meantime. Yours is not saved yet: check it below and save again.',
      };
    case 'meeting-not-held':
      return {
        tone: 'error',
        zh: `會議當天 ${day} 起才能儲存紀錄；您輸入的內容仍在下方，尚未儲存。`,
        en: 'Minutes can be saved from the day of the meeting. What you typed is below, not saved.',
      };
    case 'meeting-cancelled':
      return {
        tone: 'error',
        zh: '本場會議已取消，不需會議紀錄；您輸入的內容仍在下方，尚未儲存。',
        en: 'This meeting was cancelled. What you typed is below, not saved.',
      };
    default:
      return {
        tone: 'error',
        zh: '紀錄已送出或已核定，無法再修改；您輸入的內容仍在下方，尚未儲存，請複製後洽幕僚退回。',
        en: 'The minutes were submitted or approved and cannot be changed here. What you typed is below, not saved.',
      };
  }
}

function refusalText(error: MinutesError): { zh: string; en: string } {
  const messages: Record<string, { zh: string; en: string }> = {
    'expired-link': { zh: '此連結已過期，紀錄尚未儲存。請洽幕僚重新寄送連結。', en: 'This link has expired; nothing was saved.' },
    'revoked-link': { zh: '此連結已停用，紀錄尚未儲存。請洽幕僚重新寄送連結。', en: 'This link has been revoked; nothing was saved.' },
    'not-chair': {
      zh: '您的單位已不是本場會議的主持單位，紀錄尚未儲存。請洽幕僚。',
      en: 'Your unit no longer chairs this meeting; nothing was saved.',
    },
  };
  return (
    messages[error.code] ?? { zh: '此連結無法儲存紀錄，紀錄尚未儲存。請洽幕僚。', en: 'This link cannot save minutes; nothing was saved.' }
  );
}

function todayOf(now: Date): string {
  return todayInTaipei(Temporal.Instant.fromEpochMilliseconds(now.getTime())).toString();
}

/** The script's URL beside the page's own: /c/<county>/minutes/… → /c/<county>/assets/minutes-form.js. */
function assetPath(pagePath: string): string {
  return pagePath.replace(/\/minutes\/.*$/, scriptPath);
}

/** What a refused form showed, kept as typed so the chair can correct it (display only). */
function lenientMinutes(raw: Record<string, unknown>): MinutesContent {
  const text = (value: unknown) =>
    typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
  const list = (value: unknown) => (Array.isArray(value) ? (value as unknown[]) : []);
  const record = (value: unknown) => (value && typeof value === 'object' ? (value as Record<string, unknown>) : {});
  const minutes: MinutesContent = {
    attendance: list(raw.attendance).map((entry) => {
      const members = list(record(entry).members).map((m) => ({
        contactId: text(record(m).contactId),
        present: record(m).present === true,
      }));
      return {
        unitId: text(record(entry).unitId),
        present: record(entry).present === true,
        names: list(record(entry).names).map(text),
        ...(record(entry).members ? { members } : {}),
      };
    }),
    summary: text(raw.summary),
    resolutions: list(raw.resolutions).map(text),
    actionItems: list(raw.actionItems).map((item) => {
      const r = record(item);
      return {
        description: text(r.description),
        ownerUnitId: text(r.ownerUnitId),
        dueDate: text(r.dueDate),
        status: r.status === 'done' ? 'done' : 'open',
      };
    }),
  };
  if (raw.placementReview) {
    const review = record(raw.placementReview);
    minutes.placementReview = {
      proposals: list(review.proposals).map((p) => ({
        placementType: record(p).placementType as never,
        caseCount: record(p).caseCount as number,
      })),
      followUpForms: list(review.followUpForms).map((f) => ({
        placementType: record(f).placementType as never,
        ...(record(f).ownerUnitId ? { ownerUnitId: text(record(f).ownerUnitId) } : {}),
        formsOwed: record(f).formsOwed as number,
        dueDate: text(record(f).dueDate),
        status: record(f).status === 'received' ? 'received' : 'owed',
      })),
    };
  }
  return minutes;
}
