// The pages behind the accept and decline links of an invitation.
//
// GET never records: Outlook Safe Links, Gmail and other mail scanners fetch every link in a
// message before the person sees it, so opening a link only shows the meeting and a button. The
// button POSTs the answer (a form, no script). The person may name who attends for the unit
// (代理出席) and add a short note; a refused field brings the form back with what was typed and the
// problem under the field. The token alone decides which meeting and which contact an answer is
// for. The pages show the meeting's name, date, venue and the answering unit, never case details,
// and every value is escaped by hono/html.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { html } from 'hono/html';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { CountyConfig, Venue } from '../core/series/county-config.ts';
import type { MeetingTable } from '../adapters/dynamodb/meeting-table.ts';
import { rocClockTime, rocFormalDateTime } from '../core/calendar/roc-date.ts';
import { meetingTime } from '../core/invitations/meeting-time.ts';
import { isLinkAnswer, type LinkAnswer, type RsvpAnswer } from '../core/rsvp/rsvp-links.ts';
import { checkRsvpDetails, rsvpDetailLimits, type RsvpDetails } from '../core/rsvp/rsvp-details.ts';
import { linkPage, type Markup } from './link-page.ts';
import { inspectRsvpLink, recordRsvpFromLink, type RsvpLinkTarget, type RsvpLogger, type RsvpOutcome } from '../use-cases/record-rsvp.ts';

export type RsvpRouteDependencies = {
  table: MeetingTable;
  config: CountyConfig;
  signingKey: Uint8Array;
  now: () => Date;
  /** Where outcomes are logged (ids and reasons only); the handlers' JsonLogger fits. */
  logger?: RsvpLogger;
};

const formContentType = 'application/x-www-form-urlencoded';
/** The answer, a name and a 200-character note, percent-encoded (up to 9 bytes a character), fit. */
const maxBodyBytes = 4 * 1024;

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
      maxSize: maxBodyBytes,
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
      const form = new URLSearchParams(await c.req.text());
      const typed: Typed = { attendeeName: form.get('attendeeName') ?? '', note: form.get('note') ?? '' };
      const answer = form.get('answer');
      const token = c.req.param('token');
      const now = deps.now();
      if (!isLinkAnswer(answer)) {
        // The link first: one that is not this county's is refused as such, whatever was posted.
        const inspected = await inspectRsvpLink(deps, token, now);
        if (!inspected.ok) return problemPage(c, deps.config, inspected.outcome, typed);
        return c.html(
          messagePage(
            deps.config,
            { zh: '請選擇出席或不克出席', en: 'Please choose attend or decline' },
            html`<p>未收到有效的回覆。<span lang="en">No valid answer was received.</span></p>
              ${typedBack(typed)}`,
          ),
          400,
        );
      }
      const checked = checkRsvpDetails(answer, typed);
      if (!checked.ok) {
        // The form again, with what was typed and each problem under its field: nothing is lost.
        const inspected = await inspectRsvpLink(deps, token, now);
        if (!inspected.ok) return problemPage(c, deps.config, inspected.outcome, typed);
        return c.html(answerPage(deps.config, inspected.target, answer, { typed, problems: checked.problems }), 422);
      }
      const { outcome, target } = await recordRsvpFromLink(deps, token, answer, checked.details, now);
      if (outcome.outcome !== 'recorded') return problemPage(c, deps.config, outcome, typed);
      return c.html(confirmationPage(deps.config, answer, checked.details, target));
    },
  );

  return app;
}

const answerWords: Record<RsvpAnswer, { zh: string; en: string }> = {
  accept: { zh: '出席', en: 'Attending' },
  decline: { zh: '不克出席', en: 'Not attending' },
  tentative: { zh: '暫定', en: 'Tentative' },
};

/** What the person typed into the page, kept as typed until it is recorded. */
type Typed = { attendeeName: string; note: string };

type Refused = { typed: Typed; problems: Extract<ReturnType<typeof checkRsvpDetails>, { ok: false }>['problems'] };

function answerPage(config: CountyConfig, target: RsvpLinkTarget, suggested: LinkAnswer | undefined, refused?: Refused): Markup {
  const fieldNames: Record<keyof Typed, string> = { attendeeName: '出席人員', note: '備註' };
  const prompt = refused
    ? html`<div class="error-summary" role="alert">
        <p>尚未記錄回覆，請修正後再按一次按鈕：<br /><span lang="en">Nothing was recorded yet: please correct this.</span></p>
        <ul>
          ${(Object.keys(fieldNames) as Array<keyof Typed>)
            .filter((field) => refused.problems[field])
            .map((field) => html`<li><a href="#${field}">${fieldNames[field]}：${refused.problems[field]!.zh}</a></li>`)}
        </ul>
      </div>`
    : suggested
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
  const current = target.current;
  const typed: Typed = refused?.typed ?? { attendeeName: current?.attendeeName ?? '', note: current?.note ?? '' };
  const problem = (field: keyof Typed) => refused?.problems[field];
  const described = (field: keyof Typed) => [`${field}-hint`, ...(problem(field) ? [`${field}-error`] : [])].join(' ');
  const errorLine = (field: keyof Typed) => {
    const p = problem(field);
    return p ? html`<p class="field-error" id="${field}-error">${p.zh}<br /><span lang="en">${p.en}</span></p>` : '';
  };
  return layout(
    config,
    { zh: '出席回覆', en: 'RSVP' },
    html`${prompt} ${meetingDetails(target)}
      ${
        current
          ? html`<p>
              目前紀錄：${answerWords[current.answer].zh}${current.attendeeName ? `（出席人員：${current.attendeeName}）` : ''}<br /><span
                lang="en"
                >Answer on record: ${answerWords[current.answer].en}</span
              >
            </p>`
          : ''
      }
      <form method="post">
        <details class="more" ${typed.attendeeName || typed.note || refused ? 'open' : ''}>
          <summary>由他人代理出席，或留言給承辦人（選填） <span lang="en">Someone attends for you, or a note (optional)</span></summary>
          <div class="field${problem('attendeeName') ? ' invalid' : ''}">
            <label for="attendeeName">出席人員（代理出席時填寫） <span lang="en">Who will attend, if not you</span></label>
            <p class="hint" id="attendeeName-hint">由您本人出席請留空；由同仁代理出席請填其職稱與姓名。</p>
            ${errorLine('attendeeName')}
            <input
              type="text"
              id="attendeeName"
              name="attendeeName"
              value="${typed.attendeeName}"
              maxlength="${rsvpDetailLimits.attendeeName}"
              autocomplete="off"
              aria-describedby="${described('attendeeName')}"
              ${problem('attendeeName') ? html`aria-invalid="true"` : ''}
            />
          </div>
          <div class="field${problem('note') ? ' invalid' : ''}">
            <label for="note">備註（選填） <span lang="en">Note (optional)</span></label>
            <p class="hint" id="note-hint">最多 ${rsvpDetailLimits.note} 字，例如「會晚到 30 分鐘」。請勿填寫個案資料。</p>
            ${errorLine('note')}
            <textarea
              id="note"
              name="note"
              rows="3"
              maxlength="${rsvpDetailLimits.note}"
              aria-describedby="${described('note')}"
              ${problem('note') ? html`aria-invalid="true"` : ''}
            >
${typed.note}</textarea>
          </div>
        </details>
        <div class="buttons">${button('accept', '出席', 'Attend')} ${button('decline', '不克出席', 'Decline')}</div>
      </form>
      <p>
        <small
          >按下按鈕後才會記錄回覆；可隨時以通知信中的連結更改。<br /><span lang="en"
            >Nothing is recorded until you press a button. You can change your answer later with the links in the invitation.</span
          ></small
        >
      </p>`,
  );
}

function confirmationPage(config: CountyConfig, answer: LinkAnswer, details: RsvpDetails, target: RsvpLinkTarget | undefined): Markup {
  return layout(
    config,
    { zh: '已收到回覆', en: 'Answer recorded' },
    html`<p class="lead" role="status">已記錄：${answerWords[answer].zh}<br /><span lang="en">Recorded: ${answerWords[answer].en}</span></p>
      ${
        details.attendeeName || details.note
          ? html`<dl>
              ${
                details.attendeeName
                  ? html`<dt>出席人員 <span lang="en">Attending</span></dt>
                      <dd>${details.attendeeName}</dd>`
                  : ''
              }
              ${
                details.note
                  ? html`<dt>備註 <span lang="en">Note</span></dt>
                      <dd class="text">${details.note}</dd>`
                  : ''
              }
            </dl>`
          : ''
      }
      ${target ? meetingDetails(target) : ''}
      <p>
        <small
          >如需更改，請再次開啟通知信中的連結。<br /><span lang="en"
            >To change your answer, open a link in the invitation again.</span
          ></small
        >
      </p>`,
  );
}

function meetingDetails(target: RsvpLinkTarget): Markup {
  const { view } = target;
  const { start, end } = meetingTime(target.occurrence);
  const unit = view.unit(target.unitId);
  const venue = view.venue(target.occurrence.venueId);
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
    <dt>地點 <span lang="en">Where</span></dt>
    <dd id="venue">${venue ? venueLines(venue) : target.occurrence.venueId}</dd>
    ${
      unit
        ? html`<dt>回覆單位 <span lang="en">Unit</span></dt>
            <dd>${unit.name.zh}${unit.name.en ? html`<br /><span lang="en">${unit.name.en}</span>` : ''}</dd>`
        : ''
    }
  </dl>`;
}

function venueLines(venue: Venue): Markup {
  return html`${venue.name.zh}${venue.address ? html`<br />${venue.address}` : ''}${venue.phone ? html`<br />電話 ${venue.phone}` : ''}${
    venue.onlineUrl ? html`<br />會議連結：<a href="${venue.onlineUrl}" rel="noreferrer">${venue.onlineUrl}</a>` : ''
  }${venue.name.en ? html`<br /><span lang="en">${venue.name.en}</span>` : ''}`;
}

/** What was typed, shown back when the answer could not be recorded, so it can be copied. */
function typedBack(typed: Typed): Markup | string {
  if (!typed.attendeeName.trim() && !typed.note.trim()) return '';
  return html`<section>
    <h2>您輸入的內容（尚未記錄） <span lang="en">What you typed (not recorded)</span></h2>
    <dl>
      ${
        typed.attendeeName.trim()
          ? html`<dt>出席人員</dt>
              <dd>${typed.attendeeName}</dd>`
          : ''
      }
      ${
        typed.note.trim()
          ? html`<dt>備註</dt>
              <dd class="text">${typed.note}</dd>`
          : ''
      }
    </dl>
  </section>`;
}

type Problem = { status: ContentfulStatusCode; zh: string; en: string; explainZh: string; explainEn: string };

/**
 * A token whose signature this county's key does not verify: forged, altered, cut short, or a link
 * of another county used on these routes. Not found, as on every other link route (the 開會通知單
 * and the minutes): nothing tells a guesser how close they came.
 */
const invalidLink: Problem = {
  status: 404,
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
      // This county signed it, for something else (a minutes link): a real link in the wrong place.
      return {
        ...invalidLink,
        status: 400,
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
  typed?: Typed,
): Response | Promise<Response> {
  const problem = problemFor(outcome);
  return c.html(
    messagePage(
      config,
      { zh: problem.zh, en: problem.en },
      html`<p>${problem.explainZh}</p>
        <p lang="en">${problem.explainEn}</p>
        ${typed ? typedBack(typed) : ''}`,
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
  return linkPage({
    title: `${title.zh} ${title.en}｜${config.county.name.zh}社會安全網`,
    styles: pageStyles,
    body: html`<h1>${title.zh} <span lang="en">${title.en}</span></h1>
      ${body}
      <p>
        <small>${config.county.name.zh}社會安全網會議。本頁不含個案資料。<span lang="en">This page carries no case details.</span></small>
      </p>`,
  });
}

/** What the answer, confirmation and problem pages add to the shell's styles. */
const pageStyles = `
          h2 {
            font-size: 1.1rem;
          }
          dt {
            font-weight: bold;
            margin-top: 0.5rem;
          }
          dd {
            margin-left: 1rem;
            overflow-wrap: anywhere;
          }
          form {
            margin: 1.5rem 0;
          }
          .field {
            margin: 0 0 1rem;
          }
          .field label {
            display: block;
            font-weight: bold;
          }
          .hint {
            margin: 0.1rem 0 0.3rem;
            color: #4a4a4a;
            font-size: 0.95rem;
          }
          input[type='text'],
          textarea {
            display: block;
            box-sizing: border-box;
            width: 100%;
            font: inherit;
            padding: 0.5rem;
            border: 1px solid #6b6b6b;
            border-radius: 0.3rem;
          }
          .invalid input,
          .invalid textarea {
            border: 2px solid #b3261e;
          }
          .field-error {
            color: #b3261e;
            font-weight: bold;
            margin: 0.2rem 0;
          }
          .field-error [lang='en'] {
            color: #b3261e;
            font-weight: normal;
          }
          .error-summary {
            border: 2px solid #b3261e;
            border-radius: 0.3rem;
            padding: 0.5rem 0.75rem;
            background: #fdecea;
          }
          .buttons {
            display: flex;
            gap: 1rem;
            flex-wrap: wrap;
          }
          button {
            font: inherit;
            font-size: 1.1rem;
            min-height: 44px;
            min-width: 8rem;
            padding: 0.6rem 1.4rem;
            border: 1px solid #4a4a4a;
            border-radius: 0.3rem;
            background: #f2f2f2;
            color: #1a1a1a;
            cursor: pointer;
          }
          /* White on #0b5394 is 7.7:1 (WCAG AA asks 4.5:1). */
          button.primary {
            background: #0b5394;
            color: #fff;
            border-color: #0b5394;
          }
          button.primary [lang='en'] {
            color: #fff;
          }
          button:focus-visible,
          input:focus-visible,
          textarea:focus-visible,
          a:focus-visible {
            outline: 3px solid #f2a900;
            outline-offset: 2px;
          }
          a {
            color: #0b5394;
          }
          .lead {
            font-size: 1.1rem;
          }
          details.more {
            margin: 0 0 1.25rem;
            border: 1px solid #8a8a8a;
            border-radius: 0.3rem;
            padding: 0.25rem 0.75rem;
          }
          details.more summary {
            cursor: pointer;
            padding: 0.5rem 0;
            color: #0b5394;
            font-weight: bold;
          }
          details.more summary [lang='en'] {
            font-weight: normal;
          }
          .error-summary a {
            color: #8c1d18;
          }
          .text {
            white-space: pre-wrap;
          }
`;
