// The pages behind the accept and decline links of an invitation.
//
// GET never records: Outlook Safe Links, Gmail and other mail scanners fetch every link in a
// message before the person sees it, so opening a link only shows the meeting and a button. The
// button POSTs the answer (a form, no script: the app's CSP allows none). The token alone decides
// which meeting and which contact an answer is for. The pages show the meeting's name, date and the
// answering unit, never case details, and every value is escaped by hono/html.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { CountyConfig } from '../core/series/county-config.ts';
import type { MeetingTable } from '../adapters/dynamodb/meeting-table.ts';
import { rocClockTime, rocFormalDateTime } from '../core/calendar/roc-date.ts';
import { meetingTime } from '../core/invitations/meeting-time.ts';
import { isLinkAnswer, type LinkAnswer, type RsvpAnswer } from '../core/rsvp/rsvp-links.ts';
import { inspectRsvpLink, recordRsvpFromLink, type RsvpLinkTarget, type RsvpLogger, type RsvpOutcome } from '../use-cases/record-rsvp.ts';

export type RsvpRouteDependencies = {
  table: MeetingTable;
  config: CountyConfig;
  signingKey: Uint8Array;
  now: () => Date;
  /** Where outcomes are logged (ids and reasons only); Powertools' Logger fits. */
  logger?: RsvpLogger;
};

type Markup = HtmlEscapedString | Promise<HtmlEscapedString>;

const formContentType = 'application/x-www-form-urlencoded';

export function rsvpRoutes(deps: RsvpRouteDependencies): Hono {
  const app = new Hono();

  app.use('/rsvp/*', async (c, next) => {
    await next();
    // The token in the URL is the credential: nothing here may be cached or indexed.
    c.header('Cache-Control', 'no-store');
    c.header('X-Robots-Tag', 'noindex, nofollow');
  });

  app.get('/rsvp/:token', async (c) => {
    const inspected = await inspectRsvpLink(deps, c.req.param('token'), deps.now());
    if (!inspected.ok) {
      deps.logger?.info('rsvp page refused', {
        outcome: inspected.outcome.outcome,
        ...('reason' in inspected.outcome ? { reason: inspected.outcome.reason } : {}),
      });
      return problemPage(c, deps.config, inspected.outcome);
    }
    const suggested = c.req.query('answer');
    return c.html(answerPage(deps.config, inspected.target, isLinkAnswer(suggested) ? suggested : undefined));
  });

  app.post(
    '/rsvp/:token',
    bodyLimit({
      maxSize: 4 * 1024,
      onError: (c) =>
        c.html(
          messagePage(
            deps.config,
            { zh: '內容過大', en: 'Request too large' },
            html`<p>請使用頁面上的按鈕回覆。<span lang="en">Please answer with the buttons on the page.</span></p>`,
          ),
          413,
        ),
    }),
    async (c) => {
      const mediaType = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (mediaType !== formContentType) {
        return c.html(
          messagePage(
            deps.config,
            { zh: '不支援的格式', en: 'Unsupported content type' },
            html`<p>請使用頁面上的按鈕回覆。<span lang="en">Please answer with the buttons on the page.</span></p>`,
          ),
          415,
        );
      }
      const answer = new URLSearchParams(await c.req.text()).get('answer');
      if (!isLinkAnswer(answer)) {
        return c.html(
          messagePage(
            deps.config,
            { zh: '請選擇出席或不克出席', en: 'Please choose attend or decline' },
            html`<p>未收到有效的回覆。<span lang="en">No valid answer was received.</span></p>`,
          ),
          400,
        );
      }
      const token = c.req.param('token');
      const now = deps.now();
      const outcome = await recordRsvpFromLink(deps, token, answer, now);
      if (outcome.outcome !== 'recorded') return problemPage(c, deps.config, outcome);
      // Read again for the confirmation: the answer is stored, this only gathers what to show.
      const inspected = await inspectRsvpLink(deps, token, now);
      return c.html(confirmationPage(deps.config, answer, inspected.ok ? inspected.target : undefined));
    },
  );

  return app;
}

const answerWords: Record<RsvpAnswer, { zh: string; en: string }> = {
  accept: { zh: '出席', en: 'Attending' },
  decline: { zh: '不克出席', en: 'Not attending' },
  tentative: { zh: '暫定', en: 'Tentative' },
};

function answerPage(config: CountyConfig, target: RsvpLinkTarget, suggested: LinkAnswer | undefined): Markup {
  const prompt = suggested
    ? html`<p class="lead">
        您選擇「${answerWords[suggested].zh}」，請按下方按鈕確認。<br /><span lang="en"
          >You chose “${answerWords[suggested].en}”. Press the button below to confirm.</span
        >
      </p>`
    : html`<p class="lead">請按下方按鈕回覆是否出席。<br /><span lang="en">Please press a button to answer.</span></p>`;
  const button = (answer: LinkAnswer, zh: string, en: string) =>
    html`<button type="submit" name="answer" value="${answer}" class="${answer === suggested ? 'primary' : ''}">
      ${zh}<br /><span lang="en">${en}</span>
    </button>`;
  return layout(
    config,
    { zh: '出席回覆', en: 'RSVP' },
    html`${prompt} ${meetingDetails(config, target)}
      ${
        target.current
          ? html`<p>
              目前紀錄：${answerWords[target.current.answer].zh}<br /><span lang="en"
                >Answer on record: ${answerWords[target.current.answer].en}</span
              >
            </p>`
          : ''
      }
      <form method="post">${button('accept', '出席', 'Attend')} ${button('decline', '不克出席', 'Decline')}</form>
      <p>
        <small
          >按下按鈕後才會記錄回覆；可隨時以通知信中的連結更改。<br /><span lang="en"
            >Nothing is recorded until you press a button. You can change your answer later with the links in the invitation.</span
          ></small
        >
      </p>`,
  );
}

function confirmationPage(config: CountyConfig, answer: LinkAnswer, target: RsvpLinkTarget | undefined): Markup {
  return layout(
    config,
    { zh: '已收到回覆', en: 'Answer recorded' },
    html`<p class="lead">已記錄：${answerWords[answer].zh}<br /><span lang="en">Recorded: ${answerWords[answer].en}</span></p>
      ${target ? meetingDetails(config, target) : ''}
      <p>
        <small
          >如需更改，請再次開啟通知信中的連結。<br /><span lang="en"
            >To change your answer, open a link in the invitation again.</span
          ></small
        >
      </p>`,
  );
}

function meetingDetails(config: CountyConfig, target: RsvpLinkTarget): Markup {
  const { start, end } = meetingTime(target.occurrence);
  const unit = config.units.find((u) => u.id === target.unitId);
  const hhmm = (time: { toPlainTime(): { toString(): string } }) => time.toPlainTime().toString().slice(0, 5);
  return html`<dl>
    <dt>會議 <span lang="en">Meeting</span></dt>
    <dd>${target.series.name.zh}${target.series.name.en ? html`<br /><span lang="en">${target.series.name.en}</span>` : ''}</dd>
    <dt>時間 <span lang="en">When</span></dt>
    <dd>
      ${rocFormalDateTime(start)}至${rocClockTime(end.toPlainTime())}<br /><span lang="en"
        >${start.toPlainDate().toString()} ${hhmm(start)}–${hhmm(end)} (Asia/Taipei)</span
      >
    </dd>
    ${
      unit
        ? html`<dt>回覆單位 <span lang="en">Unit</span></dt>
            <dd>${unit.name.zh}${unit.name.en ? html`<br /><span lang="en">${unit.name.en}</span>` : ''}</dd>`
        : ''
    }
  </dl>`;
}

type Problem = { status: ContentfulStatusCode; zh: string; en: string; explainZh: string; explainEn: string };

const invalidLink: Problem = {
  status: 400,
  zh: '連結無效',
  en: 'This link is not valid',
  explainZh: '此回覆連結無法辨識，可能已被修改或複製不完整，未記錄任何回覆。請使用開會通知信中的連結，或直接回覆行事曆邀請。',
  explainEn:
    'The link may have been altered or cut short. Nothing was recorded. Use the link in the invitation e-mail, or answer the calendar invitation.',
};

function problemFor(outcome: Exclude<RsvpOutcome, { outcome: 'recorded' }>): Problem {
  if (outcome.outcome === 'stale') {
    return {
      status: 409,
      zh: '會議已異動',
      en: 'This meeting has changed',
      explainZh: '此連結來自較早的通知，會議的時間、地點或主持單位已異動，未記錄回覆。請使用最新通知信中的連結。',
      explainEn:
        'This link comes from an earlier notice and the meeting has changed since. Nothing was recorded. Please use the links in the latest notice.',
    };
  }
  switch (outcome.reason) {
    case 'expired-token':
      return {
        status: 410,
        zh: '連結已過期',
        en: 'This link has expired',
        explainZh: '會議已結束或連結已逾期，未記錄回覆。如需更正出席紀錄，請洽承辦人。',
        explainEn:
          'The meeting is over or the link has expired. Nothing was recorded. Please contact the secretariat to correct an attendance record.',
      };
    case 'cancelled':
      return {
        status: 410,
        zh: '會議已取消',
        en: 'This meeting is cancelled',
        explainZh: '本場會議已取消，無需回覆，未記錄任何回覆。',
        explainEn: 'This meeting has been cancelled; no answer is needed. Nothing was recorded.',
      };
    case 'unknown-series':
    case 'unknown-occurrence':
      return {
        status: 404,
        zh: '查無此會議',
        en: 'Meeting not found',
        explainZh: '找不到此連結所指的會議，未記錄回覆。請洽承辦人。',
        explainEn: 'The meeting this link points to was not found. Nothing was recorded. Please contact the secretariat.',
      };
    case 'not-invited':
      return {
        status: 403,
        zh: '不在邀請名單中',
        en: 'Not on the invitation list',
        explainZh: '此連結的收件人已不在本場會議的邀請名單中，未記錄回覆。如有疑問請洽承辦人。',
        explainEn:
          'The recipient of this link is no longer on this meeting’s invitation list. Nothing was recorded. Please contact the secretariat.',
      };
    case 'wrong-purpose':
      return {
        ...invalidLink,
        explainZh: '此連結不是出席回覆連結，未記錄任何回覆。請使用開會通知信中的出席回覆連結。',
        explainEn: 'This is not an RSVP link. Nothing was recorded. Use the RSVP link in the invitation e-mail.',
      };
    default:
      return invalidLink;
  }
}

function problemPage(
  c: Context,
  config: CountyConfig,
  outcome: Exclude<RsvpOutcome, { outcome: 'recorded' }>,
): Response | Promise<Response> {
  const problem = problemFor(outcome);
  return c.html(
    messagePage(
      config,
      { zh: problem.zh, en: problem.en },
      html`<p>${problem.explainZh}</p>
        <p lang="en">${problem.explainEn}</p>`,
    ),
    problem.status,
  );
}

function messagePage(config: CountyConfig, title: { zh: string; en: string }, body: Markup): Markup {
  return layout(
    config,
    title,
    html`${body}
      <p><small>承辦：${config.secretariat.name.zh}（${config.secretariat.mailbox}）</small></p>`,
  );
}

function layout(config: CountyConfig, title: { zh: string; en: string }, body: Markup): Markup {
  return html`<!doctype html>
    <html lang="zh-Hant-TW">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <meta name="robots" content="noindex, nofollow" />
        <title>${title.zh} ${title.en}｜${config.county.name.zh}社會安全網</title>
        <style>
          body {
            font-family: system-ui, sans-serif;
            margin: 1rem auto;
            max-width: 40rem;
            padding: 0 1rem;
            line-height: 1.6;
          }
          [lang='en'] {
            color: #444;
          }
          dt {
            font-weight: bold;
            margin-top: 0.5rem;
          }
          dd {
            margin-left: 1rem;
          }
          form {
            margin: 1.5rem 0;
            display: flex;
            gap: 1rem;
            flex-wrap: wrap;
          }
          button {
            font-size: 1.1rem;
            padding: 0.6rem 1.4rem;
            border: 1px solid #555;
            border-radius: 0.3rem;
            background: #f4f4f4;
            cursor: pointer;
          }
          button.primary {
            background: #0b5;
            color: #fff;
            border-color: #094;
          }
          button.primary [lang='en'] {
            color: #fff;
          }
          .lead {
            font-size: 1.1rem;
          }
        </style>
      </head>
      <body>
        <h1>${title.zh} <span lang="en">${title.en}</span></h1>
        ${body}
        <p>
          <small>${config.county.name.zh}社會安全網會議。本頁不含個案資料。<span lang="en">This page carries no case details.</span></small>
        </p>
      </body>
    </html>`;
}
