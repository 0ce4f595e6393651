// The 開會通知單 link in an invitation: GET /documents/notice/:token gives the invited person the
// meeting's current notice as a PDF (use-cases/documents/notice-by-link.ts decides, issues, audits
// and asks the renderer). No session: the signed token is the credential, so nothing here is cached
// or indexed. A link that is not this county's, was altered, has expired, or points at a cancelled
// meeting gets a short zh-TW page that says what happened and whom to ask, and reveals no meeting.
// Opening the link only reads; like every GET, a mail scanner may fetch it first, and that fetch
// is audited like a person's.
import { Hono, type Context } from 'hono';
import { html } from 'hono/html';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { CountyConfig } from '../core/series/county-config.ts';
import type { MeetingTable } from '../adapters/dynamodb/meeting-table.ts';
import type { DocumentRenderer } from '../use-cases/documents/document-request.ts';
import { DocumentError } from '../use-cases/documents/document-error.ts';
import { downloadNoticeByLink, type NoticeLinkRefusal } from '../use-cases/documents/notice-by-link.ts';
import { attachment } from './content-disposition.ts';
import { linkPage } from './link-page.ts';
import type { DocumentLogger } from './document-routes.ts';

export type NoticeDocumentRouteDependencies = {
  table: MeetingTable;
  config: CountyConfig;
  /** The county's own signing key (countySigningKey). */
  signingKey: Uint8Array;
  now: () => Date;
  render: DocumentRenderer;
  logger: DocumentLogger;
};

type Page = { status: ContentfulStatusCode; zh: string; en: string; explainZh: string; explainEn: string };

const refusals: Record<NoticeLinkRefusal, Page> = {
  'invalid-link': {
    status: 404,
    zh: '連結無效',
    en: 'This link is not valid',
    explainZh: '此開會通知單連結無法辨識，可能已被修改、複製不完整，或不是本縣市的連結。請使用最新開會通知信中的連結。',
    explainEn: 'The link may have been altered or cut short, or belongs to another county. Use the link in the latest invitation e-mail.',
  },
  'expired-link': {
    status: 410,
    zh: '連結已過期',
    en: 'This link has expired',
    explainZh: '會議已結束或連結已逾期。如需開會通知單，請洽承辦人。',
    explainEn: 'The meeting is over or the link has expired. Please ask the secretariat for the notice.',
  },
  'no-such-meeting': {
    status: 404,
    zh: '查無此會議',
    en: 'Meeting not found',
    explainZh: '找不到此連結所指的會議。請洽承辦人。',
    explainEn: 'The meeting this link points to was not found. Please contact the secretariat.',
  },
  'meeting-cancelled': {
    status: 410,
    zh: '會議已取消',
    en: 'This meeting is cancelled',
    explainZh: '本場會議已取消，開會通知單不再提供。取消通知已另以電子郵件寄送。',
    explainEn: 'This meeting has been cancelled, so its notice is no longer offered. The cancellation was sent by e-mail.',
  },
  'not-invited': {
    status: 403,
    zh: '不在邀請名單中',
    en: 'Not on the invitation list',
    explainZh: '此連結的收件人已不在本場會議的邀請名單中。如有疑問請洽承辦人。',
    explainEn: 'The recipient of this link is no longer on this meeting’s invitation list. Please contact the secretariat.',
  },
};

export function noticeDocumentRoutes(deps: NoticeDocumentRouteDependencies): Hono {
  const app = new Hono();
  const log = deps.logger;

  app.use('/documents/notice/*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
    c.header('X-Robots-Tag', 'noindex, nofollow');
  });

  app.get('/documents/notice/:token', async (c) => {
    try {
      const outcome = await downloadNoticeByLink(deps, c.req.param('token'), deps.now());
      if (!outcome.ok) {
        log.info('notice link refused', {
          refusal: outcome.refusal,
          ...(outcome.seriesId ? { seriesId: outcome.seriesId, slotKey: outcome.slotKey } : {}),
        });
        return page(c, deps.config, refusals[outcome.refusal]);
      }
      const { file, notice } = outcome;
      log.info('document downloaded', {
        document: 'meeting-notice',
        via: 'notice-document-link',
        seriesId: notice.seriesId,
        slotKey: notice.slotKey,
        revision: notice.revision,
        contactId: outcome.contactId,
        missingCharacters: file.missingCharacters,
      });
      return c.body(Buffer.from(file.base64, 'base64'), 200, {
        'Content-Type': file.contentType,
        'Content-Disposition': attachment(file.filename, file.asciiFilename),
      });
    } catch (error) {
      // Only the error's kind and code: a message may quote data.
      log.warn('notice link failed', {
        error: error instanceof Error ? error.name : 'unknown',
        ...(error instanceof DocumentError ? { code: error.code } : {}),
      });
      return page(c, deps.config, {
        status: 503,
        zh: '暫時無法提供開會通知單',
        en: 'The notice is not available right now',
        explainZh: '開會通知單產生失敗，請稍後再開啟此連結。',
        explainEn: 'The notice could not be produced. Please open this link again later.',
      });
    }
  });

  return app;
}

function page(c: Context, config: CountyConfig, problem: Page) {
  return c.html(
    linkPage({
      title: `${problem.zh}｜${config.county.name.zh}社會安全網開會通知單`,
      body: html`<main>
        <h1>${problem.zh} <span lang="en">${problem.en}</span></h1>
        <p>${problem.explainZh}</p>
        <p lang="en">${problem.explainEn}</p>
        <p>
          <small>
            承辦單位：${config.secretariat.name.zh}<br />
            ${
              config.secretariat.contact
                ? html`聯絡人：${config.secretariat.contact.name}，電話 ${config.secretariat.contact.phone}<br />`
                : ''
            }
            電子郵件：<a href="mailto:${config.secretariat.mailbox}">${config.secretariat.mailbox}</a>
          </small>
        </p>
      </main>`,
    }),
    problem.status,
  );
}
