// Minutes over the links in the chair notice and the distribution notice (the chair-minutes function):
//   chair     /minutes/:series/:slot/:token (page + form) and /api/minutes/:series/:slot/:token (JSON),
//             with the signed link from the chair notice; writes need role "chair".
//   invitee   the same URLs with a read link from the distribution notice; distributed minutes only.
// The secretariat's side of the same minutes is minutes-routes.ts, in the secretariat API function.
// Every refusal happens before anything is stored; every read and write that succeeds leaves an
// audit record. Logs carry ids, states and versions, never addresses or minutes text.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { CountyConfig } from '../core/series/county-config.ts';
import type { MeetingTable } from '../adapters/dynamodb/meeting-table.ts';
import type { MinutesContent } from '../core/minutes/minutes-schema.ts';
import { emptyMinutes, maxMinutesBodyBytes } from '../core/minutes/minutes-limits.ts';
import { minutesContentCheck, saveMinutesRequestCheck, submitRequestCheck, versionCheck } from '../core/minutes/minutes-check.ts';
import { chairMayEdit } from '../core/minutes/minutes-lifecycle.ts';
import { minutesDueDay } from '../use-cases/minutes/minutes-due-day.ts';
import { parseMinutesForm } from '../core/minutes/minutes-form.ts';
import { withCommitteeAttendance } from '../core/minutes/committee-attendance.ts';
import { followUpDueDefault } from '../core/minutes/follow-up-due.ts';
import { formProblems, type FieldProblem } from '../core/minutes/minutes-problems.ts';
import { todayInTaipei, Temporal } from '../core/calendar/local-date.ts';
import { rocFormalDate } from '../core/calendar/roc-date.ts';
import { listOccurrences } from '../adapters/dynamodb/occurrence-store.ts';
import { getMinutesHead } from '../adapters/dynamodb/minutes-store.ts';
import { authorizeMinutesLink } from '../use-cases/minutes/minutes-access.ts';
import { countyNow, type MinutesContext, type OccurrenceAccess } from '../use-cases/minutes/minutes-context.ts';
import { MinutesError } from '../use-cases/minutes/minutes-error.ts';
import { readMinutes } from '../use-cases/minutes/read-minutes.ts';
import { changeMinutesState, saveMinutes } from '../use-cases/minutes/write-minutes.ts';
import { logger as runtimeLogger } from '../handlers/runtime.ts';
import {
  minutesFormPage,
  minutesMessagePage,
  minutesNotYetPage,
  minutesReadPage,
  minutesTypedTextPage,
  type PageNotice,
} from './minutes-pages.ts';
import { minutesFormScript } from './minutes-form-script.ts';
import {
  confidentialAnswer,
  formType,
  ids,
  internalErrorJson,
  isRefusal,
  jsonBody,
  jsonBodyLimit,
  jsonType,
  minutesJson,
  refusalJson,
  requireType,
  routeOf,
  type MinutesLogger,
  type RequestProblem,
} from './minutes-http.ts';

export type MinutesLinkRouteDependencies = {
  table: MeetingTable;
  config: CountyConfig;
  now: () => Date;
  /** The HMAC key minutes links are signed with (the same key the dispatcher signs them with). */
  signingKey: Uint8Array;
  /** Ids, states and versions only. Default: the handlers' logger. */
  logger?: MinutesLogger;
};

type Variables = { access: OccurrenceAccess };
type C = Context<{ Variables: Variables }>;

const maxFormBodyBytes = 3 * maxMinutesBodyBytes + 16 * 1024;
const linkPath = '/minutes/:seriesId/:slotKey/:token';
const scriptPath = '/assets/minutes-form.js';
const apiLinkPath = '/api/minutes/:seriesId/:slotKey/:token';

export function minutesLinkRoutes(deps: MinutesLinkRouteDependencies): Hono<{ Variables: Variables }> {
  const app = new Hono<{ Variables: Variables }>();
  const context: MinutesContext = { table: deps.table, config: deps.config, now: deps.now };
  const log = deps.logger ?? runtimeLogger;
  const limit = (kind: 'json' | 'form') =>
    kind === 'json'
      ? jsonBodyLimit(log)
      : bodyLimit({
          // A form is URL-encoded: a Chinese character takes 9 bytes there and 3 in the JSON that is
          // stored, whose own limit is checked after parsing (with the form shown again).
          maxSize: maxFormBodyBytes,
          onError: (c) => {
            log.info('minutes request refused', { status: 413, code: 'too-large', path: routeOf(c) });
            return c.html(
              minutesMessagePage(
                { zh: '內容過大', en: 'Too large' },
                { zh: '紀錄內容超過上限，請精簡後再送出。', en: `The form is over ${maxMinutesBodyBytes} bytes.` },
              ),
              413,
            );
          },
        });

  app.onError((error, c) => {
    // Mounted below /c/<county>: the JSON routes are the ones with /api/ in them.
    const page = !/\/api\//.test(c.req.path);
    if (isRefusal(error)) {
      log.info('minutes request refused', { status: error.status, code: error.code, path: routeOf(c), problems: error.problems.length });
      return page ? c.html(problemPage(error), error.status) : refusalJson(c, error);
    }
    // Only the error's kind: its message may quote a request.
    log.warn('minutes request failed', { path: routeOf(c), error: error.name });
    return page
      ? c.html(minutesMessagePage({ zh: '系統錯誤', en: 'Server error' }, { zh: '請稍後再試。', en: 'Please try again later.' }), 500)
      : c.json(internalErrorJson, 500);
  });

  for (const prefix of ['/minutes/*', '/api/minutes/*']) app.use(prefix, confidentialAnswer);

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
    // Problems are worded from each issue's code and path (minutes-problems.ts).
    const version = versionCheck.safeParse(parsed.body?.expectedVersion);
    const checked = minutesContentCheck.safeParse(parsed.body?.minutes);
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
    const body = await jsonBody(c, saveMinutesRequestCheck);
    const head = await saveMinutes(context, access, { expectedVersion: body.expectedVersion, minutes: body.minutes });
    log.info('minutes saved', ids(access, head));
    return c.json({ state: head.state, version: head.version });
  });

  app.post(`${apiLinkPath}/submit`, linkAccess('write'), requireType(jsonType), limit('json'), async (c) => {
    const access = c.get('access');
    const body = await jsonBody(c, submitRequestCheck);
    const head = await changeMinutesState(context, access, 'submit', body.expectedVersion);
    log.info('minutes submitted', ids(access, head));
    return c.json({ state: head.state, version: head.version });
  });

  // A link cut short (a mail client broke the line) or mistyped matches no route above: it is told
  // as a link that does not work, in zh-TW like every other refusal, not by the frame's bare 404.
  for (const prefix of ['/minutes/*', '/api/minutes/*'])
    app.all(prefix, () => {
      throw new MinutesError('invalid-link', '此連結無效：不完整或無法辨識，請使用通知信中的完整連結');
    });

  return app;
}

function problemPage(error: MinutesError | RequestProblem) {
  const messages: Record<string, { zh: string; en: string }> = {
    'invalid-link': {
      zh: '此連結無效：無法辨識，可能已被修改或複製不完整。請使用通知信中的連結，或洽承辦人。',
      en: 'This link is not valid: it may have been altered or cut short. Use the link in the notice e-mail, or contact the secretariat.',
    },
    'expired-link': { zh: '此連結已過期，請洽幕僚重新寄送。', en: 'This link has expired; ask the secretariat for a new one.' },
    'revoked-link': { zh: '此連結已停用，請洽幕僚重新寄送。', en: 'This link has been revoked; ask the secretariat for a new one.' },
    'wrong-purpose': {
      zh: '此連結不是會議紀錄連結。請使用主持人通知信或紀錄分送通知信中的連結。',
      en: 'This is not a minutes link. Use the link in the chair notice or the distribution notice.',
    },
    'wrong-occurrence': {
      zh: '此連結屬於另一場會議，請使用本場會議通知信中的連結。',
      en: 'This link belongs to another meeting. Use the link in this meeting’s notice.',
    },
    'not-chair': {
      zh: '您的單位不是本場會議的主持單位，無法填寫紀錄。請洽幕僚。',
      en: 'Your unit does not chair this meeting; ask the secretariat.',
    },
    'not-invited': {
      zh: '您的單位未受邀參加本場會議，無法閱覽紀錄。',
      en: 'Your unit is not invited to this meeting.',
    },
    'not-found': { zh: '找不到這場會議，可能已從排程中移除。請洽幕僚。', en: 'No such meeting; ask the secretariat.' },
    'not-distributed': { zh: '本次會議紀錄尚未分送。', en: 'These minutes have not been distributed yet.' },
    'meeting-not-held': { zh: '會議召開當日起才能填寫紀錄。', en: 'Minutes can be written from the day of the meeting.' },
    'not-allowed-now': { zh: '紀錄目前的狀態不允許此操作。', en: 'The minutes cannot be changed in their current state.' },
  };
  // The use cases word every refusal in zh-TW; the English line is ours, never the request's.
  const message = messages[error.code] ?? { zh: error.message, en: 'This request cannot be handled.' };
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
