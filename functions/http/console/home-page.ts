// 總覽, the console's home: what needs doing now, then the next meetings with their chair and how
// many have answered. The data comes from use-cases/console/console-overview.ts; this file words it.
import { Hono } from 'hono';
import { html } from 'hono/html';
import { Temporal } from '../../core/calendar/local-date.ts';
import { rocClockTime, rocFormalDate, rocTableDate, rocYear } from '../../core/calendar/roc-date.ts';
import {
  consoleOverview,
  unansweredWorkingDays,
  type OverviewAlert,
  type UpcomingMeeting,
} from '../../use-cases/console/console-overview.ts';
import { consolePage, type Markup } from './console-layout.ts';
import type { ConsoleEnv, ConsoleSectionDependencies } from './console-session.ts';
import { meetingPath } from './meeting-page.ts';

export function homeRoutes(deps: ConsoleSectionDependencies): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  app.get('/', async (c) => {
    const frame = c.get('console');
    const overview = await consoleOverview(deps);
    const today = Temporal.PlainDate.from(overview.today);
    return c.html(
      consolePage(frame, {
        title: '總覽',
        section: 'home',
        lede: `今天是 ${rocFormalDate(today)}`,
        body: html`<section aria-labelledby="alerts-heading">
            <h2 id="alerts-heading">需要處理</h2>
            ${
              overview.alerts.length === 0
                ? html`<p class="ok">目前沒有需要處理的事項。</p>`
                : html`<ul class="alerts">
                    ${overview.alerts.map((alert) => alertItem(alert, frame.base))}
                  </ul>`
            }
          </section>
          <section aria-labelledby="upcoming-heading">
            <h2 id="upcoming-heading">接下來的會議</h2>
            ${
              overview.upcoming.length === 0
                ? html`<p>目前沒有排定的會議。</p>`
                : html`<ul class="cards">
                    ${overview.upcoming.map((m) => meetingCard(m, frame.base))}
                  </ul>`
            }
          </section>`,
      }),
    );
  });
  return app;
}

function meetingCard(meeting: UpcomingMeeting, base: string): Markup {
  const date = Temporal.PlainDate.from(meeting.date);
  const answered = meeting.accepted + meeting.declined + meeting.tentative;
  const breakdown = [
    meeting.accepted ? `出席 ${meeting.accepted}` : '',
    meeting.declined ? `不克出席 ${meeting.declined}` : '',
    meeting.tentative ? `暫定 ${meeting.tentative}` : '',
  ].filter(Boolean);
  return html`<li class="card">
    <h3>
      <a href="${base}${meetingPath(meeting.seriesId, meeting.slotKey)}">${meeting.seriesName}</a
      >${meeting.adHoc ? html`<span class="tag">臨時會</span>` : ''}
    </h3>
    <p class="when">
      ${rocFormalDate(date)}${rocClockTime(Temporal.PlainTime.from(meeting.start))}${
        meeting.provisional ? html`<span class="tag">日期暫定</span>` : ''
      }
    </p>
    <dl>
      <dt>主持</dt>
      <dd>${meeting.chairUnitName}</dd>
      <dt>地點</dt>
      <dd>${meeting.venueName}</dd>
      <dt>回覆</dt>
      <dd>
        已回覆 ${answered}／${meeting.invited}
        人${breakdown.length ? `（${breakdown.join('、')}）` : ''}${
          meeting.earlierVersion ? html`<br /><span class="muted">另有 ${meeting.earlierVersion} 人回覆的是變更前的會議</span>` : ''
        }
      </dd>
    </dl>
  </li>`;
}

function alertItem(alert: OverviewAlert, base: string): Markup {
  switch (alert.kind) {
    case 'failed-notices':
      return html`<li class="alert bad">
        <h3>通知寄送失敗</h3>
        <p>
          ${alert.failed ? `${alert.failed} 則通知無法寄出` : ''}${alert.failed && alert.unknown ? '；' : ''}${
            alert.unknown ? `${alert.unknown} 則不確定是否已寄達` : ''
          }。受邀者可能不知道會議的安排。
        </p>
        <p><a href="${base}/failed-notices">查看寄送失敗的通知</a></p>
      </li>`;
    case 'held-replies':
      return html`<li class="alert">
        <h3>${alert.replies} 則回覆來自不在受邀名單上的人</h3>
        <p>
          ${`${alert.meetings.map((m) => `${rocTableDate(Temporal.PlainDate.from(m.date))} ${m.seriesName}`).join('、')}收到受邀名單以外的人回覆（多半是轉寄的邀請），未列入出席統計；對方可能以為自己已受邀。`}
        </p>
        <p><a href="${base}/held-replies">查看非受邀者的回覆</a></p>
      </li>`;
    case 'overdue-minutes':
      return html`<li class="alert bad">
        <h3>${alert.meetings.length} 場會議的紀錄已逾期</h3>
        <ul>
          ${alert.meetings.map(
            (m) =>
              html`<li>
                ${rocTableDate(Temporal.PlainDate.from(m.date))} ${m.seriesName}（應於 ${rocTableDate(Temporal.PlainDate.from(m.dueDate))}
                前送出）
              </li>`,
          )}
        </ul>
        <p><a href="${base}/minutes">前往會議紀錄</a></p>
      </li>`;
    case 'overdue-follow-up':
      return html`<li class="alert">
        <h3>待辦事項已逾期</h3>
        <p>
          ${[
            alert.actionItems ? `${alert.actionItems} 項決議待辦事項` : '',
            alert.followUpForms ? `${alert.followUpForms} 份安置追蹤表` : '',
          ]
            .filter(Boolean)
            .join('、')}已過期限，尚未完成。
        </p>
        <p><a href="${base}/follow-up">前往待辦與追蹤</a></p>
      </li>`;
    case 'needs-decision':
      return html`<li class="alert bad">
        <h3>${alert.meetings.length} 場會議無法自動排定日期</h3>
        <p>依辦公日曆與假日規則找不到可開會的日子，請決定日期。</p>
        <ul>
          ${alert.meetings.map((m) => html`<li>${rocTableDate(Temporal.PlainDate.from(m.date))} ${m.seriesName}</li>`)}
        </ul>
        <p><a href="${base}/plan">前往年度計畫</a></p>
      </li>`;
    case 'unanswered-invitations':
      return html`<li class="alert">
        <h3>${alert.meetings.length} 場會議將近，仍有受邀者未回覆</h3>
        <p>${`距離會議已不到 ${unansweredWorkingDays} 個工作天，以下受邀者還沒有回覆出席與否，可能沒有收到邀請，建議以電話確認。`}</p>
        <ul>
          ${alert.meetings.map(
            (m) =>
              html`<li>
                <a href="${base}/meetings/${m.seriesId}/${m.slotKey}"
                  >${rocTableDate(Temporal.PlainDate.from(m.date))} ${rocClockTime(Temporal.PlainTime.from(m.start))} ${m.seriesName}</a
                >：${m.unanswered.length}／${m.invited} 人未回覆
                <details>
                  <summary>未回覆名單</summary>
                  <p>${m.unanswered.join('、')}</p>
                </details>
              </li>`,
          )}
        </ul>
      </li>`;
    case 'office-calendar-missing':
      return html`<li class="alert">
        <h3>${rocYear(alert.year)}年辦公日曆尚未匯入</h3>
        <p>
          ${`${rocYear(alert.year)}年（${alert.year}）的會議目前依週末規則暫排，國定假日、補假與補行上班日都還沒算進去。人事行政總處公布後，請匯入辦公日曆。`}
        </p>
        <p><a href="${base}/office-calendar">前往辦公日曆</a></p>
      </li>`;
    case 'placeholders-in-use': {
      const counts = (['contact', 'unit', 'venue', 'series', 'secretariat'] as const)
        .map((what) => ({ what, count: alert.items.filter((i) => i.what === what).length }))
        .filter((c) => c.count > 0)
        .map((c) => (c.what === 'secretariat' ? '幕僚信箱' : `${c.count} ${whatCounter[c.what]}`));
      return html`<li class="alert">
        <h3>仍有範例或待填資料在使用</h3>
        <p>${counts.join('、')}仍是設定檔的預留值（名稱待填或範例信箱），通知可能寄不到，或內容不正確。</p>
        <details>
          <summary>查看清單（${alert.items.length} 項）</summary>
          <ul>
            ${alert.items.map((item) => html`<li>${whatLabel[item.what]}「${item.name}」：${item.reasons.join('、')}</li>`)}
          </ul>
        </details>
        <p><a href="${base}/contacts">前往聯絡人</a></p>
      </li>`;
    }
  }
}

type PlaceholderOwner = Extract<OverviewAlert, { kind: 'placeholders-in-use' }>['items'][number]['what'];

const whatLabel: Record<PlaceholderOwner, string> = {
  contact: '聯絡人',
  unit: '單位',
  venue: '場地',
  series: '會議',
  secretariat: '幕僚',
};

const whatCounter: Record<PlaceholderOwner, string> = {
  contact: '位聯絡人',
  unit: '個單位',
  venue: '個場地',
  series: '個會議系列',
  secretariat: '幕僚信箱',
};
