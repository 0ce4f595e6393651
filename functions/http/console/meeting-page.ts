// One meeting's page in the console, /meetings/<series>/<slot>: when, where and who chairs; every
// invited unit and contact with their answer (出席, 不克出席, 未回覆) and who attends for them; the
// notices sent to each person and whether they arrived; the change history with its reasons; the
// minutes' state and action items; the 開會通知單 and 簽到表 to download; and the actions that change
// the meeting (meeting-actions.ts), each through its preview.
//
// The data is the use case's (meeting-detail.ts, which audits the read of the minutes); the files
// are the document use cases' (document-downloads.ts), which audit every download exactly as the
// bearer-token document routes do, with the officer's session as the actor.
import { Hono, type Context } from 'hono';
import { html } from 'hono/html';
import { Temporal } from '../../core/calendar/local-date.ts';
import { taskLabels, type SecretariatAction } from '../../core/audit/secretariat-action.ts';
import type { OutboxStatus } from '../../adapters/dynamodb/outbox-store.ts';
import { meetingDetail, type ContactDetail, type MeetingDetail, type NoticeSent } from '../../use-cases/secretariat/meeting-detail.ts';
import { noticeDays } from '../../use-cases/secretariat/plan-preview.ts';
import { SecretariatInputError } from '../../use-cases/secretariat/secretariat-input-error.ts';
import { downloadMeetingNotice, downloadSignInSheet, type Secretariat } from '../../use-cases/documents/document-downloads.ts';
import { DocumentError } from '../../use-cases/documents/document-error.ts';
import type { RenderedDocument } from '../../use-cases/documents/document-request.ts';
import { attachment } from '../content-disposition.ts';
import { consolePage, type Markup } from './console-layout.ts';
import { changeResultBody, meetingChangeMarkup } from './action-form.ts';
import type { MeetingState } from '../../use-cases/secretariat/plan-preview.ts';
import { clockTime, dataTable, formalDate, recordedAt, tableDate } from './console-format.ts';
import type { ConsoleEnv, ConsoleRequest, ConsoleSectionDependencies } from './console-session.ts';

/** Where a meeting's page is, below the console's base. */
export const meetingPath = (seriesId: string, slotKey: string) =>
  `/meetings/${encodeURIComponent(seriesId)}/${encodeURIComponent(slotKey)}`;

/** Delivery in the words a secretariat uses; the outbox's own states are for the dispatcher. */
export const deliveryWords: Readonly<Record<OutboxStatus, string>> = {
  sent: '已寄出',
  failed: '寄送失敗',
  pending: '等待寄送',
  superseded: '已取代（有較新的通知，這則未寄出）',
  unknown: '不確定是否寄達',
};

const viaWords: Record<string, string> = { console: '幕僚工作台', cli: '命令列' };

export function meetingPageRoutes(deps: ConsoleSectionDependencies): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  const now = () => Temporal.Instant.fromEpochMilliseconds(deps.now().getTime());

  app.get('/meetings/:seriesId/:slotKey', async (c) => {
    const frame = c.get('console');
    const { seriesId, slotKey } = c.req.param();
    let meeting: MeetingDetail;
    try {
      meeting = await meetingDetail(deps.table, deps.config, {
        seriesId,
        occurrence: slotKey,
        actor: { id: frame.officer.subject, via: 'console' },
        now: now(),
      });
    } catch (error) {
      if (!(error instanceof SecretariatInputError)) throw error;
      return c.html(
        consolePage(frame, {
          title: '找不到這場會議',
          body: html`<p>這場會議不存在，或已從計畫中移除。</p>
            <p><a href="${frame.base}/plan">回到年度計畫</a></p>`,
        }),
        404,
      );
    }
    const today = Temporal.Instant.fromEpochMilliseconds(deps.now().getTime()).toZonedDateTimeISO('Asia/Taipei').toPlainDate();
    const held = Temporal.PlainDate.compare(Temporal.PlainDate.from(meeting.date), today) < 0;
    // Sent here by a confirmed action (?done=<its audit id>): say what it did, once, at the top.
    const done = meeting.history.find((action) => action.id === c.req.query('done'));
    return c.html(meetingPage(deps, frame, meeting, held, done));
  });

  // The documents, behind the session; each download is audited by the use case.
  const actor = (c: Context<ConsoleEnv>): Secretariat => ({
    kind: 'secretariat',
    subject: c.get('console').officer.subject,
    via: 'console',
  });
  const send = (c: Context<ConsoleEnv>, file: RenderedDocument) =>
    c.body(Buffer.from(file.base64, 'base64'), 200, {
      'Content-Type': file.contentType,
      'Content-Disposition': attachment(file.filename, file.asciiFilename),
    });
  const refused = (c: Context<ConsoleEnv>, error: unknown) => {
    if (!(error instanceof DocumentError)) throw error;
    const frame = c.get('console');
    const { seriesId, slotKey } = c.req.param() as Record<string, string>;
    return c.html(
      consolePage(frame, {
        title: '無法下載文件',
        body: html`<p>${error.message}</p>
          <p><a href="${frame.base}${meetingPath(seriesId ?? '', slotKey ?? '')}">回到這場會議</a></p>`,
      }),
      error.status === 404 ? 404 : error.status === 409 ? 409 : 422,
    );
  };
  const noRenderer = (c: Context<ConsoleEnv>) =>
    c.html(consolePage(c.get('console'), { title: '無法下載文件', body: html`<p>這個環境沒有提供文件產生服務。</p>` }), 503);

  for (const format of ['pdf', 'odt'] as const)
    app.get(`/meetings/:seriesId/:slotKey/notice.${format}`, async (c) => {
      if (!deps.renderDocument) return noRenderer(c);
      const { seriesId, slotKey } = c.req.param();
      try {
        const { file } = await downloadMeetingNotice(
          { table: deps.table, config: deps.config, render: deps.renderDocument },
          { seriesId, slotKey, actor: actor(c), now: deps.now(), format },
        );
        return send(c, file);
      } catch (error) {
        return refused(c, error);
      }
    });

  app.get('/meetings/:seriesId/:slotKey/sign-in-sheet.pdf', async (c) => {
    if (!deps.renderDocument) return noRenderer(c);
    const { seriesId, slotKey } = c.req.param();
    try {
      const file = await downloadSignInSheet(
        { table: deps.table, config: deps.config, render: deps.renderDocument },
        { seriesId, slotKey, actor: actor(c), now: deps.now() },
      );
      return send(c, file);
    } catch (error) {
      return refused(c, error);
    }
  });

  return app;
}

function meetingPage(
  deps: ConsoleSectionDependencies,
  frame: ConsoleRequest,
  m: MeetingDetail,
  held: boolean,
  done: SecretariatAction | undefined,
): Markup {
  const series = deps.config.series.find((s) => s.id === m.seriesId)!;
  const here = `${frame.base}${meetingPath(m.seriesId, m.slotKey)}`;
  const cancelled = m.status === 'cancelled';
  const tags = [
    cancelled ? html`<span class="tag">已停開</span>` : '',
    m.adHoc ? html`<span class="tag">臨時會</span>` : '',
    m.provisional ? html`<span class="tag">日期暫定</span>` : '',
  ];
  const invited = m.answered.attending + m.answered.notAttending + m.answered.noAnswer;
  const actions: Array<{ path: string; label: string; danger?: boolean }> = held
    ? []
    : cancelled
      ? [{ path: 'reinstate', label: '恢復召開' }]
      : [
          { path: 'move', label: '改期' },
          { path: 'venue', label: '變更地點' },
          ...(series.chair.kind === 'rotating' && !m.adHoc ? [{ path: 'swap', label: '主持互換' }] : []),
          ...(series.chair.kind === 'rotating' || m.adHoc ? [{ path: 'acting-chair', label: '代理主持' }] : []),
          { path: 'cancel', label: '停開（取消）', danger: true },
        ];

  return consolePage(frame, {
    title: `${m.seriesName}`,
    // The date is the first fact below; the line under the title only marks what is unusual.
    ...(tags.some(Boolean) ? { lede: html`${tags}` } : {}),
    body: html`${
        done
          ? html`<div class="ok done" role="status">
              <p><strong>已完成以下變更：</strong></p>
              ${changeResultBody(deps.config, done)}
            </div>`
          : ''
      }
      <dl class="facts">
        <dt>日期</dt>
        <dd>${cancelled ? html`<s>${formalDate(m.date)}</s>（已停開）` : formalDate(m.date)}</dd>
        <dt>時間</dt>
        <dd>${clockTime(m.start)}</dd>
        <dt>地點</dt>
        <dd>${m.venueName}</dd>
        <dt>主持</dt>
        <dd>${m.chairUnitName}${m.actingChair ? '（代理主持）' : ''}</dd>
        <dt>回覆</dt>
        <dd>
          出席 ${m.answered.attending} 人、不克出席 ${m.answered.notAttending} 人、未回覆 ${m.answered.noAnswer} 人（共邀請 ${invited} 人）
        </dd>
        ${
          m.placementNote
            ? html`<dt>備註</dt>
                <dd>${m.placementNote}</dd>`
            : ''
        }
      </dl>
      ${
        !held && !cancelled && m.withinNoticePeriod
          ? html`<p class="alert">距離會議不到 ${noticeDays} 天：現在做的變更，通知無法在會前 ${noticeDays} 天送達，請另以電話通知。</p>`
          : ''
      }

      <section aria-labelledby="actions-heading">
        <h2 id="actions-heading">變更這場會議</h2>
        ${
          held
            ? html`<p>這場會議已經開過，不能再變更日期、地點或主持。</p>`
            : html`<p class="muted">每項變更都會先預覽將通知哪些人，確認後才會寫入。</p>
                <ul class="action-links">
                  ${actions.map((a) => html`<li><a class="button${a.danger ? ' danger' : ''}" href="${here}/${a.path}">${a.label}</a></li>`)}
                  ${
                    series.allowAdHocSessions
                      ? html`<li>
                          <a class="button secondary-link" href="${frame.base}/series/${encodeURIComponent(m.seriesId)}/sessions/new"
                            >新增臨時會議</a
                          >
                        </li>`
                      : ''
                  }
                </ul>`
        }
      </section>

      <section aria-labelledby="documents-heading">
        <h2 id="documents-heading">文件下載</h2>
        ${
          deps.renderDocument
            ? html`<ul class="downloads">
                <li><a href="${here}/notice.pdf">開會通知單（PDF）</a></li>
                <li><a href="${here}/notice.odt">開會通知單（ODT，可編輯）</a></li>
                ${cancelled ? '' : html`<li><a href="${here}/sign-in-sheet.pdf">簽到表（PDF）</a></li>`}
              </ul>`
            : html`<p>這個環境沒有提供文件產生服務，無法下載開會通知單與簽到表。</p>`
        }
      </section>

      <section aria-labelledby="answers-heading">
        <h2 id="answers-heading">受邀單位與出席回覆</h2>
        ${dataTable(
          '各受邀聯絡人的回覆',
          ['單位', '聯絡人', '回覆', '代理出席', '備註', '回覆時間'],
          m.units.flatMap((unit) =>
            (unit.contacts.length ? unit.contacts : [undefined]).map((contact) =>
              answerRow(unit.unitName + (unit.chair ? '（主持單位）' : ''), contact),
            ),
          ),
        )}
      </section>

      <section aria-labelledby="notices-heading">
        <h2 id="notices-heading">已寄出的通知</h2>
        ${noticeTable(deps, m)}
      </section>

      <section aria-labelledby="history-heading">
        <h2 id="history-heading">變更紀錄</h2>
        ${m.history.length === 0 ? html`<p>這場會議沒有經幕僚變更過。</p>` : historyList(deps, m.history)}
      </section>

      <section aria-labelledby="minutes-heading">
        <h2 id="minutes-heading">會議紀錄</h2>
        <p>
          狀態：<strong>${m.minutes.stateText}</strong>${m.minutes.version ? `（第 ${m.minutes.version} 版）` : ''}；應於
          ${formalDate(m.minutes.dueDate)}前送出${m.minutes.overdue ? html`<span class="tag">已逾期</span>` : ''}
        </p>
        ${
          m.minutes.actionItems.length === 0
            ? html`<p>沒有待辦事項。</p>`
            : dataTable(
                '決議待辦事項',
                ['事項', '負責單位', '期限', '狀態'],
                m.minutes.actionItems.map((item) => [
                  item.description,
                  deps.config.units.find((u) => u.id === item.ownerUnitId)?.name.zh ?? '（已移除的單位）',
                  tableDate(item.dueDate),
                  item.status === 'done' ? '已完成' : '未完成',
                ]),
                { nowrap: [2] },
              )
        }
      </section>
      <p><a href="${frame.base}/plan?year=${m.date.slice(0, 4)}">回到年度計畫</a></p>`,
  });
}

function answerRow(unitName: string, contact: ContactDetail | undefined) {
  if (!contact) return [unitName, '（尚無聯絡人）', '', '', '', ''];
  // Seed names often carry the title already (隊長（待填）): say it once.
  const who = contact.title && !contact.name.includes(contact.title) ? `${contact.name}（${contact.title}）` : contact.name;
  const answer = contact.answerOutdated
    ? html`${contact.answerText}<br /><span class="muted">（回覆的是變更前的會議，請再確認）</span>`
    : html`<strong>${contact.answerText}</strong>`;
  return [unitName, who, answer, contact.attendeeName ?? '', contact.note ?? '', contact.answeredAt ? recordedAt(contact.answeredAt) : ''];
}

/** One row per person, their notices in order: on a phone a card per person, not per notice. */
function noticeTable(deps: ConsoleSectionDependencies, m: MeetingDetail): Markup {
  const people: Array<{ unit: string; who: string; notices: NoticeSent[] }> = [];
  for (const unit of m.units)
    for (const contact of unit.contacts)
      if (contact.notices.length) people.push({ unit: unit.unitName, who: contact.name, notices: contact.notices });
  const unitName = (id: string) => deps.config.units.find((u) => u.id === id)?.name.zh ?? '';
  for (const former of m.formerContacts)
    people.push({ unit: unitName(former.unitId), who: `${former.name}（已不在聯絡人名單）`, notices: former.notices });
  if (people.length === 0) return html`<p>這場會議還沒有寄出任何通知；開會通知會在會前依設定的天數寄出。</p>`;
  return dataTable(
    '寄給每位受邀者的通知與寄送狀態',
    ['單位', '收件人', '通知'],
    people.map(({ unit, who, notices }) => [
      unit,
      who,
      html`<ul class="notice-states">
        ${notices.map(
          (n) =>
            html`<li>
              ${noticeLabel(n)}：${
                n.status === 'failed' || n.status === 'unknown'
                  ? html`<strong class="bad-text">${deliveryWords[n.status]}</strong>`
                  : deliveryWords[n.status]
              }
              <span class="muted nowrap">（${n.sentAt ? recordedAt(n.sentAt) : `預定 ${recordedAt(n.dueAt)}`}）</span
              >${n.why ? html`<br />${n.why}` : ''}
            </li>`,
        )}
      </ul>`,
    ]),
  );
}

/** 開會通知, or 開會通知（第 1 次變更） for the updated invitation a change sends: two lines must not read the same. */
function noticeLabel(n: NoticeSent): string {
  return n.kind === 'invitation' && n.sequence > 0 ? `${n.kindText}（第 ${n.sequence} 次變更）` : n.kindText;
}

function historyList(deps: ConsoleSectionDependencies, history: readonly SecretariatAction[]): Markup {
  const seriesName = (id: string) => deps.config.series.find((s) => s.id === id)?.name.zh ?? '（已移除的會議系列）';
  return html`<ol class="history">
    ${[...history].reverse().map((action) => {
      const told = new Set((action.told ?? []).map((p) => `${p.unitId}#${p.contactId}`));
      const who = action.actor.name ?? action.actor.subject;
      // A recipient's name is written with their unit already (社會局 兒少保護科 科長).
      const toldNames = [...new Map((action.told ?? []).map((p) => [`${p.unitId}#${p.contactId}`, p.name])).values()];
      // What it did to each meeting (a swap changes two), before → after.
      const changed = action.changes.filter(
        (c): c is typeof c & { after: MeetingState } => c.subject === 'meeting' && !!c.after && 'status' in (c.after as object),
      );
      return html`<li>
        <p>
          <strong>${taskLabels[action.task]}</strong
          ><span class="muted">｜${recordedAt(action.at)}｜</span>${`由 ${who}（${viaWords[action.actor.via] ?? '程式介面'}）`}
        </p>
        <p>原因：${action.reason}</p>
        ${changed.map(
          (c) =>
            html`<div class="history-change">
              ${action.changes.length > 1 ? html`<span class="muted">${seriesName(c.ref.split('/')[0] ?? '')}</span>` : ''}
              ${meetingChangeMarkup(deps.config, c.before as MeetingState | null, c.after)}
            </div>`,
        )}
        <p>
          ${
            told.size
              ? html`已通知 ${told.size} 人
                  <details>
                    <summary>通知名單</summary>
                    <p>${toldNames.join('、')}</p>
                  </details>`
              : '沒有寄出通知'
          }
        </p>
      </li>`;
    })}
  </ol>`;
}
