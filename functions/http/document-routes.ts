// The secretariat's documents over HTTP (JSON API, bearer JWT with the county's group):
//   GET /secretariat/documents/notices/:series/:slot?format=pdf|odt[&revision=n]   開會通知單
//   GET /secretariat/documents/notices/:series/:slot/history                       the notices issued
//   GET /secretariat/documents/sign-in-sheets/:series/:slot                         簽到表 (PDF)
//   GET /secretariat/documents/minutes/:series/:slot?format=pdf|odt                 approved 會議紀錄
//   GET /secretariat/documents/annual-plans/:year?format=xlsx|csv|pdf               the annual plan
//   GET|PUT /secretariat/documents/notice-settings                                  issuer, contact, 發文字號
// The routes validate and answer; the use cases (use-cases/documents/) decide, issue, audit and
// call the renderer. Files are sent with a Content-Disposition that keeps the Chinese name.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { CountyConfig } from '../core/series/county-config.ts';
import type { MeetingTable } from '../adapters/dynamodb/meeting-table.ts';
import { listIssuedNotices } from '../adapters/dynamodb/notice-store.ts';
import type { DocumentRenderer, RenderedDocument } from '../use-cases/documents/document-request.ts';
import { DocumentError } from '../use-cases/documents/document-error.ts';
import {
  downloadAnnualPlan,
  downloadMeetingNotice,
  downloadMinutes,
  downloadSignInSheet,
  type Secretariat,
} from '../use-cases/documents/document-downloads.ts';
import { readNoticeSettings, updateNoticeSettings } from '../use-cases/documents/notice-settings.ts';
import { attachment } from './content-disposition.ts';
import type { AuthLogger, SecretariatVariables, SignedIn } from './secretariat-sign-in.ts';

export type DocumentLogger = AuthLogger & { info(message: string, attributes: Record<string, unknown>): void };

export type DocumentRouteDependencies = {
  table: MeetingTable;
  config: CountyConfig;
  now: () => Date;
  /** The county's sign-in check (`secretariat-<county>`). */
  signedIn: SignedIn;
  render: DocumentRenderer;
  logger: DocumentLogger;
};

type DocumentApp = Hono<{ Variables: SecretariatVariables }>;
type C = Context<{ Variables: SecretariatVariables }>;

const meetingPath = ':seriesId/:slotKey';

function formatOf<F extends string>(c: C, allowed: readonly F[], fallback: F): F {
  const format = c.req.query('format') ?? fallback;
  if (!(allowed as readonly string[]).includes(format))
    throw new DocumentError('invalid-input', `format 須為 ${allowed.join('、')} 其中之一`, 422, 'format');
  return format as F;
}

export function documentRoutes(deps: DocumentRouteDependencies): DocumentApp {
  const app: DocumentApp = new Hono<{ Variables: SecretariatVariables }>();
  const context = { table: deps.table, config: deps.config, render: deps.render };
  const log = deps.logger;

  app.onError((error, c) => {
    if (error instanceof DocumentError) {
      log.info('document request refused', { status: error.status, code: error.code, route: c.req.routePath });
      return c.json({ error: error.code, ...(error.field ? { field: error.field } : {}), message: error.message }, error.status);
    }
    // Only the error's kind: its message may quote data.
    log.warn('document request failed', { route: c.req.routePath, error: error.name });
    return c.json({ error: 'internal', message: '文件產生失敗，請稍後再試' }, 500);
  });

  app.use('/secretariat/documents/*', deps.signedIn, async (c, next) => {
    await next();
    // Documents name people, and minutes are confidential: never cached, never indexed.
    c.header('Cache-Control', 'no-store');
    c.header('X-Robots-Tag', 'noindex, nofollow');
  });
  const actor = (c: C): Secretariat => ({ kind: 'secretariat', ...c.get('secretariat') });
  const meeting = (c: C) => ({
    seriesId: c.req.param('seriesId') ?? '',
    slotKey: c.req.param('slotKey') ?? '',
    actor: actor(c),
    now: deps.now(),
  });
  const send = (c: C, file: RenderedDocument, ids: Record<string, unknown>) => {
    log.info('document downloaded', {
      ...ids,
      format: file.contentType.split(';')[0],
      missingCharacters: file.missingCharacters,
      subject: actor(c).subject,
    });
    return c.body(Buffer.from(file.base64, 'base64'), 200, {
      'Content-Type': file.contentType,
      'Content-Disposition': attachment(file.filename, file.asciiFilename),
    });
  };

  app.get(`/secretariat/documents/notices/${meetingPath}`, async (c) => {
    const revisionText = c.req.query('revision');
    if (revisionText !== undefined && !/^[1-9]\d{0,2}$/.test(revisionText))
      throw new DocumentError('invalid-input', 'revision 須為正整數', 422, 'revision');
    const { file, notice } = await downloadMeetingNotice(context, {
      ...meeting(c),
      format: formatOf(c, ['pdf', 'odt'] as const, 'pdf'),
      ...(revisionText ? { revision: Number(revisionText) } : {}),
    });
    c.header('X-Notice-Revision', String(notice.revision));
    c.header('X-Notice-Kind', notice.kind);
    return send(c, file, { document: 'meeting-notice', seriesId: notice.seriesId, slotKey: notice.slotKey, revision: notice.revision });
  });

  app.get(`/secretariat/documents/notices/${meetingPath}/history`, async (c) => {
    const { seriesId, slotKey } = meeting(c);
    const notices = await listIssuedNotices(deps.table, seriesId, slotKey);
    return c.json({
      notices: notices.map((n) => ({
        revision: n.revision,
        kind: n.kind,
        documentNumber: n.documentNumber,
        issuedOn: n.issuedOn,
        sequence: n.occurrence.sequence,
        ...(n.supersedes ? { supersedes: n.supersedes } : {}),
      })),
    });
  });

  app.get(`/secretariat/documents/sign-in-sheets/${meetingPath}`, async (c) => {
    formatOf(c, ['pdf'] as const, 'pdf');
    const request = meeting(c);
    const file = await downloadSignInSheet(context, request);
    return send(c, file, { document: 'sign-in-sheet', seriesId: request.seriesId, slotKey: request.slotKey });
  });

  app.get(`/secretariat/documents/minutes/${meetingPath}`, async (c) => {
    const request = meeting(c);
    const { file, version } = await downloadMinutes(context, { ...request, format: formatOf(c, ['pdf', 'odt'] as const, 'pdf') });
    c.header('X-Minutes-Version', String(version));
    return send(c, file, { document: 'minutes', seriesId: request.seriesId, slotKey: request.slotKey, version });
  });

  app.get('/secretariat/documents/annual-plans/:year', async (c) => {
    const yearText = c.req.param('year');
    if (!/^\d{4}$/.test(yearText)) throw new DocumentError('invalid-input', '年度須為四位數的西元年，例如 2026', 422, 'year');
    const format = formatOf(c, ['xlsx', 'csv', 'pdf'] as const, 'xlsx');
    const file = await downloadAnnualPlan(context, { year: Number(yearText), format, actor: actor(c), now: deps.now() });
    return send(c, file, { document: 'annual-plan', year: Number(yearText) });
  });

  app.get('/secretariat/documents/notice-settings', async (c) => c.json(await readNoticeSettings(deps.table, deps.config)));

  const smallBody = bodyLimit({
    maxSize: 8 * 1024,
    onError: () => {
      throw new DocumentError('invalid-input', '內容過大', 422, 'body');
    },
  });
  app.put('/secretariat/documents/notice-settings', smallBody, async (c) => {
    if ((c.req.header('content-type') ?? '').split(';')[0]!.trim() !== 'application/json')
      throw new DocumentError('invalid-input', '請以 application/json 傳送', 422, 'body');
    let body: unknown;
    try {
      body = JSON.parse(await c.req.text());
    } catch {
      throw new DocumentError('invalid-input', '內容不是有效的 JSON', 422, 'body');
    }
    const settings = await updateNoticeSettings(deps.table, body, { subject: actor(c).subject, now: deps.now() });
    log.info('notice settings saved', { subject: actor(c).subject });
    return c.json(settings);
  });

  return app;
}
