// 非受邀者的回覆: calendar replies the system could not count as anyone's answer, in words — which
// meeting, who answered (as their calendar named them), what they answered, when, and why it was
// not counted — each linked to its meeting's page, where the officer can see who is invited. Most
// are an invitation a unit forwarded to a colleague: the colleague's calendar answered us, and
// unless someone tells them, they believe they are expected.
// The addresses are shown because the officer needs them to call or write; this page is behind
// the session and logs nothing. Once dealt with, the officer marks it so, with a reason, through
// the console's form → preview → confirm (deal-with-held-reply.ts, audited on the meeting's
// history): 總覽 stops raising it, and it stays listed until it expires (held-reply-store.ts).
import { Hono } from 'hono';
import { html } from 'hono/html';
import type { HeldReplyReason } from '../../adapters/dynamodb/held-reply-store.ts';
import type { ImipPartstat } from '../../core/rsvp/imip-answer.ts';
import { heldReplies, type HeldReplyRow } from '../../use-cases/secretariat/held-replies.ts';
import {
  dealWithHeldReply,
  findHeldReply,
  previewDealWithHeldReply,
  type HeldReplyRequest,
} from '../../use-cases/secretariat/deal-with-held-reply.ts';
import { mountAction, type ActionContext } from './action-form.ts';
import { doneAt, doneBanner } from './section-result.ts';
import { consolePage, type Markup } from './console-layout.ts';
import { dataTable, formalDate, nothing, recordedAt } from './console-format.ts';
import type { ConsoleEnv, ConsoleSectionDependencies } from './console-session.ts';
import { meetingPath } from './meeting-page.ts';

export const heldRepliesTitle = '非受邀者的回覆';

const answerText: Record<ImipPartstat, string> = { ACCEPTED: '出席', DECLINED: '不克出席', TENTATIVE: '暫定' };

const reasonText: Record<HeldReplyReason, string> = {
  'not-invited': '回覆者不在受邀單位的聯絡人名單上（可能是受邀者轉寄的邀請，或已移除的聯絡人）',
  'delegate-not-in-unit': '代為回覆的人不是該受邀單位的聯絡人',
};

export function heldRepliesRoutes(deps: ConsoleSectionDependencies): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  app.get('/held-replies', async (c) => {
    const frame = c.get('console');
    const rows = await heldReplies(deps);
    const upcoming = rows.filter((r) => r.upcoming);
    const past = rows.filter((r) => !r.upcoming);
    c.header('Cache-Control', 'no-store');
    return c.html(
      consolePage(frame, {
        title: heldRepliesTitle,
        section: 'held-replies',
        lede: '這些行事曆回覆來自不在受邀名單上的人，系統沒有把它們算成任何單位的出席回覆。',
        body: html`${await doneBanner(c, deps)}${
          rows.length === 0
            ? nothing('目前沒有非受邀者的回覆。')
            : html`<p>
                  回覆者可能以為自己已受邀出席。請確認：若該單位要改派此人，請到「聯絡人」將他加入單位；若不需要，請告知對方此回覆不列入出席。
                </p>
                <h2>即將召開的會議（${upcoming.length} 則）</h2>
                ${upcoming.length ? repliesTable('即將召開的會議收到的非受邀者回覆，最新的在前', upcoming, frame.base) : nothing('沒有。')}
                ${
                  past.length
                    ? html`<h2>已召開的會議（${past.length} 則）</h2>
                        <p class="muted">僅供查考，會議後 90 天自動刪除。</p>
                        ${repliesTable('已召開的會議收到的非受邀者回覆，最新的在前', past, frame.base)}`
                    : ''
                }`
        }`,
      }),
    );
  });

  const requestOf = (a: ActionContext) => ({ seriesId: a.params.seriesId ?? '', slotKey: a.params.slotKey ?? '', id: a.params.id ?? '' });
  mountAction(app, deps, {
    path: '/held-replies/:seriesId/:slotKey/:id/deal-with',
    // Not the address: it is in the facts below, and a long one would not fit a phone's heading.
    title: () => '標記已處理：非受邀者的回覆',
    intro: async (a) => describe(await findHeldReply(a.task, requestOf(a)), a.frame.base),
    fields: () => [],
    request: (values, a): HeldReplyRequest => ({ ...requestOf(a), reason: values.reason ?? '' }),
    preview: previewDealWithHeldReply,
    showPreview: (reply, a) =>
      html`${describe(reply, a.frame.base)}
        <h2>確認後</h2>
        <p>把這則回覆標記為已處理：總覽不再提醒，清單上仍看得到，並記入這場會議的稽核紀錄。不會寄信給任何人。</p>`,
    confirm: dealWithHeldReply,
    showResult: (result, a) =>
      html`<p>${result.alreadyDone ? '這則回覆先前已標記為已處理。' : '已標記為已處理。'}</p>
        <p>原因：${result.reason}</p>
        ${describe(result.reply, a.frame.base)}`,
    back: (a) => ({ href: `${a.frame.base}/held-replies`, label: `回到${heldRepliesTitle}` }),
    // Back to the list, which says what was done (?done=): a reload posts nothing again.
    resultAt: doneAt('/held-replies'),
    confirmLabel: '確認已處理',
  });
  return app;
}

function describe(r: HeldReplyRow, base: string): Markup {
  return html`<dl class="facts">
    <dt>會議</dt>
    <dd><a href="${base}${meetingPath(r.seriesId, r.slotKey)}">${formalDate(r.meetingDate)} ${r.seriesName}</a></dd>
    <dt>回覆者</dt>
    <dd>${who(r)}</dd>
    <dt>回覆</dt>
    <dd>${answerText[r.partstat]}</dd>
    <dt>收到時間</dt>
    <dd>${recordedAt(r.receivedAt)}</dd>
    <dt>未列入原因</dt>
    <dd>${reasonText[r.reason]}</dd>
  </dl>`;
}

function repliesTable(caption: string, rows: HeldReplyRow[], base: string): Markup {
  return dataTable(
    caption,
    ['會議', '回覆者', '回覆', '收到時間', '未列入原因', '處理'],
    rows.map((r) => [
      html`<a href="${base}${meetingPath(r.seriesId, r.slotKey)}"
        ><span class="nowrap">${formalDate(r.meetingDate)}</span><br />${r.seriesName}</a
      >`,
      who(r),
      answerText[r.partstat],
      recordedAt(r.receivedAt),
      reasonText[r.reason],
      r.dealtWith
        ? html`已處理（${recordedAt(r.dealtWith.at)}）<br /><span class="muted">${r.dealtWith.reason}</span>`
        : html`<a
            href="${base}/held-replies/${r.seriesId}/${r.slotKey}/${r.id}/deal-with"
            aria-label="標記已處理：${r.sentBy ?? r.attendeeName ?? r.attendee} 的回覆"
            >標記已處理</a
          >`,
    ]),
    { nowrap: [2, 3] },
  );
}

/**
 * As the reply named them: the name their calendar gave and the address. A delegate's reply is the
 * delegate's doing: they come first, then whose seat they answered for (as the roster names them).
 */
function who(r: HeldReplyRow): Markup {
  const attendee = `${r.attendeeName ? `${r.attendeeName} ` : ''}${r.attendee}`;
  if (r.sentBy && r.sentBy.toLowerCase() !== r.attendee)
    return html`${r.sentBy}<br /><span class="muted">代 ${r.onBehalfOf ?? attendee} 回覆</span>`;
  return html`${r.attendeeName ? html`${r.attendeeName}<br />` : ''}${r.attendee}`;
}
