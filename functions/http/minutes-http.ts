// What the two minutes route modules share: the chair's and invitees' links
// (minutes-link-routes.ts, in the chair-minutes function) and the secretariat's JSON API (minutes-routes.ts,
// in the secretariat API function). They are two modules so that each function's bundle holds only
// its own audience's routes; the request checks, the JSON shape and the log fields stay one.
//
// A refusal answers {error: code, message, problems?, currentVersion?}: `error` is the machine's
// code, unchanged; `message` and every line of `problems` are zh-TW and name the field or the reason
// (會議摘要（minutes.summary）：此欄最多 4000 個字，請精簡。), since a chair's or an officer's tool
// shows them to a person as they are.
//
// Bodies are checked by a schema's own safeParse: the chair's routes pass minutes-check.ts (no zod in
// the chair-minutes function), the secretariat's zod schemas, without core/schema/safe-parse.ts and
// its English messages, since none is answered here: the zh-TW lines are made from each issue's
// code, path and our schemas' own words.
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { emptyMinutes, maxMinutesBodyBytes } from '../core/minutes/minutes-limits.ts';
import { schemaProblemLines } from '../core/minutes/minutes-problems.ts';
import type { BodySchema } from '../core/minutes/minutes-check.ts';
import type { MinutesHead } from '../core/minutes/minutes-record.ts';
import type { OccurrenceAccess } from '../use-cases/minutes/minutes-context.ts';
import { MinutesError } from '../use-cases/minutes/minutes-error.ts';

export type MinutesLogger = {
  info(message: string, attributes: Record<string, unknown>): void;
  warn(message: string, attributes: Record<string, unknown>): void;
};

export const jsonType = 'application/json';
export const formType = 'application/x-www-form-urlencoded';

/** A request refused for its form rather than its content: wrong type, too big, unreadable. */
export class RequestProblem extends Error {
  constructor(
    readonly status: 400 | 413 | 415 | 422,
    readonly code: string,
    message: string,
    readonly problems: string[] = [],
  ) {
    super(message);
  }
}

/** The URL (a link token) or the answer (minutes) is confidential: never cache, never index. */
export const confidentialAnswer: MiddlewareHandler = async (c, next) => {
  await next();
  c.header('Cache-Control', 'no-store');
  c.header('X-Robots-Tag', 'noindex, nofollow');
};

export const requireType =
  (type: string): MiddlewareHandler =>
  async (c, next) => {
    if (mediaType(c) !== type) throw new RequestProblem(415, 'unsupported-media-type', sendAs(type));
    await next();
  };

/** A JSON body over the minutes limit is refused before it is read whole. */
export function jsonBodyLimit(log: MinutesLogger): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxMinutesBodyBytes,
    onError: (c) => {
      log.info('minutes request refused', { status: 413, code: 'too-large', path: routeOf(c) });
      return c.json({ error: 'too-large', message: tooLarge }, 413);
    },
  });
}

/** A refusal the caller can act on, logged by code and count (never the request's content). */
export function isRefusal(error: Error): error is MinutesError | RequestProblem {
  return error instanceof MinutesError || error instanceof RequestProblem;
}

export function refusalJson(c: Context, error: MinutesError | RequestProblem): Response {
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

/** `dueDate`: the minutes deadline as the chair's notices state it (a working day). */
export function minutesJson(access: OccurrenceAccess, head: MinutesHead | undefined, dueDate: string) {
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

export async function jsonBody<T>(c: Context, schema: BodySchema<T>): Promise<T> {
  return parseJson(await c.req.text(), schema);
}

/** Lifecycle steps may come without a body; a body that is there must be JSON and valid. */
export async function optionalJsonBody<T>(c: Context, schema: BodySchema<T>): Promise<T> {
  const text = await c.req.text();
  if (text.length === 0) return parseJson('{}', schema);
  if (mediaType(c) !== jsonType) throw new RequestProblem(415, 'unsupported-media-type', sendAs(jsonType));
  return parseJson(text, schema);
}

function parseJson<T>(text: string, schema: BodySchema<T>): T {
  if (Buffer.byteLength(text, 'utf8') > maxMinutesBodyBytes) throw new RequestProblem(413, 'too-large', tooLarge);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new RequestProblem(400, 'malformed-json', '內容不是有效的 JSON，請檢查括號、引號與逗號');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const problems = schemaProblemLines(parsed.error.issues, raw);
    throw new RequestProblem(422, 'invalid-minutes', `內容不符會議紀錄格式，有 ${problems.length} 處需修正（見 problems）`, problems);
  }
  return parsed.data;
}

const tooLarge = `內容超過上限 ${maxMinutesBodyBytes / 1024} KB（約 ${Math.floor(maxMinutesBodyBytes / 3 / 1000)} 千字），請精簡後再送出`;

const sendAs = (type: string) => `請以 Content-Type: ${type} 傳送${type === jsonType ? ' JSON' : '表單'}`;

/** The answer to a request that failed on our side: the same shape as a refusal. */
export const internalErrorJson = { error: 'internal', message: '系統錯誤，請稍後再試' } as const;

export function mediaType(c: Context): string {
  return (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

/** The route pattern, not the URL: the URL carries the link token. */
export function routeOf(c: Context): string {
  return c.req.routePath;
}

export function ids(access: OccurrenceAccess, head?: MinutesHead): Record<string, unknown> {
  const { actor, occurrence } = access;
  return {
    seriesId: occurrence.seriesId,
    slotKey: occurrence.slotKey,
    actor: actor.kind,
    ...(actor.kind === 'secretariat' ? { subject: actor.subject } : { contactId: actor.contactId }),
    ...(head ? { state: head.state, version: head.version } : {}),
  };
}
