// The chair's minutes page and the invitees' read page: server-rendered zh-TW (English beside it),
// one column that fits a phone, an ordinary form that works without JavaScript (the app's CSP
// allows no script at all). Every value goes through hono/html, which escapes it: a "<script>" in
// a resolution is shown as the characters the chair typed.
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { CountyConfig, SeriesDefinition } from '../core/series/county-config.ts';
import type { Occurrence } from '../core/planning/occurrence.ts';
import type { MinutesContent } from '../core/minutes/minutes-schema.ts';
import { minutesLimits } from '../core/minutes/minutes-schema.ts';
import type { MinutesHead } from '../core/minutes/minutes-record.ts';
import { minutesStateNames } from '../core/minutes/minutes-lifecycle.ts';
import { placementTypeNames, placementTypes } from '../core/minutes/placement-type.ts';
import { minutesDueDate } from '../core/minutes/minutes-deadline.ts';
import { meetingTime } from '../core/invitations/meeting-time.ts';
import { rocClockTime, rocFormalDate, rocFormalDateTime } from '../core/calendar/roc-date.ts';
import { Temporal } from '../core/calendar/local-date.ts';

type Markup = HtmlEscapedString | Promise<HtmlEscapedString>;

export type PageNotice = { tone: 'ok' | 'error'; zh: string; en: string; details?: readonly string[] };

export type MinutesPageModel = {
  /** The configuration with the current roster: unit names for attendance and owners. */
  config: CountyConfig;
  series: SeriesDefinition;
  occurrence: Occurrence;
  head: MinutesHead | undefined;
  /** What the form shows: the stored minutes, or what was just posted and refused. */
  minutes: MinutesContent;
  expectedVersion: number;
  /** Where the form posts (the link's own path). */
  action: string;
  notice?: PageNotice;
};

/** Blank rows offered below the filled ones; each save offers three more (no script to add rows). */
const spareRows = 3;

export function minutesFormPage(model: MinutesPageModel): Markup {
  const { config, series, occurrence, minutes } = model;
  const units = series.invitedUnitIds.map((id) => ({ id, name: unitName(config, id) }));
  const attendanceOf = (unitId: string) => minutes.attendance.find((a) => a.unitId === unitId);
  const resolutions = [...minutes.resolutions, ...Array<string>(spareRows).fill('')].slice(0, minutesLimits.resolutions);
  const actionItems = [...minutes.actionItems, ...Array.from({ length: spareRows }, () => undefined)].slice(0, minutesLimits.actionItems);
  const ownerUnits = [
    ...units,
    ...config.units.filter((u) => !series.invitedUnitIds.includes(u.id)).map((u) => ({ id: u.id, name: u.name.zh })),
  ];

  return layout(
    `會議紀錄｜${series.name.zh}`,
    html`${header(model)}
      <form method="post" action="${model.action}" accept-charset="utf-8">
        <input type="hidden" name="expectedVersion" value="${String(model.expectedVersion)}" />

        <fieldset>
          <legend>出席情形 <span lang="en">Attendance</span></legend>
          ${units.map((unit, index) => {
            const entry = attendanceOf(unit.id);
            return html`<div class="unit">
              <input type="hidden" name="attendance.${index}.unitId" value="${unit.id}" />
              <p class="unit-name">${unit.name}</p>
              <label class="choice"
                ><input type="radio" name="attendance.${index}.present" value="present" ${entry?.present === true ? 'checked' : ''} />
                出席</label
              >
              <label class="choice"
                ><input type="radio" name="attendance.${index}.present" value="absent" ${entry?.present === false ? 'checked' : ''} />
                缺席</label
              >
              <label
                >出席人員（每行一位） <span lang="en">Names, one per line</span>
                <textarea
                  name="attendance.${index}.names"
                  rows="2"
                  maxlength="${minutesLimits.namesPerUnit * (minutesLimits.nameLength + 1)}"
                >
${(entry?.names ?? []).join('\n')}</textarea>
              </label>
            </div>`;
          })}
        </fieldset>

        <fieldset>
          <legend>會議摘要 <span lang="en">Summary</span></legend>
          <textarea name="summary" rows="6" maxlength="${minutesLimits.summaryLength}">${minutes.summary}</textarea>
        </fieldset>

        <fieldset>
          <legend>決議事項 <span lang="en">Resolutions</span></legend>
          ${resolutions.map(
            (text, index) =>
              html`<label
                >決議${index + 1}
                <textarea name="resolutions.${index}" rows="3" maxlength="${minutesLimits.resolutionLength}">${text}</textarea>
              </label>`,
          )}
        </fieldset>

        <fieldset>
          <legend>待辦／追蹤事項 <span lang="en">Action items</span></legend>
          <p class="hint">
            待辦事項將列入下次會議通知之議程，請勿填寫個案姓名等可識別資料。<span lang="en"
              >Open items are listed in the next invitation: no case details.</span
            >
          </p>
          ${actionItems.map(
            (item, index) =>
              html`<div class="row">
                <label
                  >事項${index + 1}
                  <textarea name="actionItems.${index}.description" rows="2" maxlength="${minutesLimits.actionItemLength}">
${item?.description ?? ''}</textarea>
                </label>
                <label
                  >負責單位 <span lang="en">Owner</span>
                  <select name="actionItems.${index}.ownerUnitId">
                    <option value="">（請選擇）</option>
                    ${ownerUnits.map((u) => html`<option value="${u.id}" ${item?.ownerUnitId === u.id ? 'selected' : ''}>${u.name}</option>`)}
                  </select>
                </label>
                <label
                  >完成期限 <span lang="en">Due</span>
                  <input type="date" name="actionItems.${index}.dueDate" value="${item?.dueDate ?? ''}" min="${occurrence.date}" />
                </label>
                <label
                  >狀態 <span lang="en">Status</span>
                  <select name="actionItems.${index}.status">
                    <option value="open" ${item?.status !== 'done' ? 'selected' : ''}>待辦</option>
                    <option value="done" ${item?.status === 'done' ? 'selected' : ''}>已完成</option>
                  </select>
                </label>
              </div>`,
          )}
        </fieldset>

        ${series.minutesForm === 'placement-review' ? placementFields(minutes, occurrence) : ''}

        <div class="actions">
          <button type="submit" name="intent" value="save">儲存草稿 <span lang="en">Save draft</span></button>
          <button type="submit" name="intent" value="submit" class="primary">送出紀錄 <span lang="en">Submit</span></button>
        </div>
        <p class="hint">
          送出後由幕僚核定，核定前如需修改請洽幕僚退回。<span lang="en"
            >After submitting, the secretariat approves; ask them to return it for changes.</span
          >
        </p>
      </form>`,
  );
}

function placementFields(minutes: MinutesContent, occurrence: Occurrence): Markup {
  const proposal = (type: string) => minutes.placementReview?.proposals.find((p) => p.placementType === type);
  const form = (type: string) => minutes.placementReview?.followUpForms.find((f) => f.placementType === type);
  return html`<fieldset>
      <legend>各安置類型提案 <span lang="en">Proposals by placement type</span></legend>
      ${placementTypes.map(
        (type) =>
          html`<label
            >${placementTypeNames[type].zh} 提案件數
            <input
              type="number"
              inputmode="numeric"
              min="0"
              max="${minutesLimits.caseCount}"
              name="proposals.${type}.caseCount"
              value="${proposal(type)?.caseCount ?? ''}"
            />
          </label>`,
      )}
    </fieldset>
    <fieldset>
      <legend>成效追蹤表（下次會議前繳交） <span lang="en">Outcome follow-up forms owed before the next meeting</span></legend>
      ${placementTypes.map((type) => {
        const owed = form(type);
        return html`<div class="row">
          <p class="unit-name">${placementTypeNames[type].zh}</p>
          <label
            >應繳份數
            <input
              type="number"
              inputmode="numeric"
              min="0"
              max="${minutesLimits.formsOwed}"
              name="followUp.${type}.formsOwed"
              value="${owed?.formsOwed ?? ''}"
          /></label>
          <label
            >繳交期限 <input type="date" name="followUp.${type}.dueDate" value="${owed?.dueDate ?? ''}" min="${occurrence.date}"
          /></label>
          <label
            >狀態
            <select name="followUp.${type}.status">
              <option value="owed" ${owed?.status !== 'received' ? 'selected' : ''}>待繳</option>
              <option value="received" ${owed?.status === 'received' ? 'selected' : ''}>已繳</option>
            </select>
          </label>
        </div>`;
      })}
    </fieldset>`;
}

/** Minutes as text, for invitees once distributed and for the chair once submitted. */
export function minutesReadPage(model: Omit<MinutesPageModel, 'expectedVersion' | 'action'>): Markup {
  const { config, series, minutes } = model;
  return layout(
    `會議紀錄｜${series.name.zh}`,
    html`${header(model)}
      <section>
        <h2>出席情形 <span lang="en">Attendance</span></h2>
        <table>
          <thead>
            <tr>
              <th>單位</th>
              <th>出席</th>
              <th>人員</th>
            </tr>
          </thead>
          <tbody>
            ${minutes.attendance.map(
              (a) =>
                html`<tr>
                  <td>${unitName(config, a.unitId)}</td>
                  <td>${a.present ? '出席' : '缺席'}</td>
                  <td>${a.names.join('、')}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </section>
      <section>
        <h2>會議摘要 <span lang="en">Summary</span></h2>
        <p class="text" id="summary">${minutes.summary}</p>
      </section>
      <section>
        <h2>決議事項 <span lang="en">Resolutions</span></h2>
        <ol id="resolutions">
          ${minutes.resolutions.map((text) => html`<li class="text">${text}</li>`)}
        </ol>
      </section>
      <section>
        <h2>待辦／追蹤事項 <span lang="en">Action items</span></h2>
        <table>
          <thead>
            <tr>
              <th>事項</th>
              <th>負責單位</th>
              <th>期限</th>
              <th>狀態</th>
            </tr>
          </thead>
          <tbody>
            ${minutes.actionItems.map(
              (item) =>
                html`<tr>
                  <td class="text">${item.description}</td>
                  <td>${unitName(config, item.ownerUnitId)}</td>
                  <td>${rocFormalDate(Temporal.PlainDate.from(item.dueDate))}</td>
                  <td>${item.status === 'done' ? '已完成' : '待辦'}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </section>
      ${
        minutes.placementReview
          ? html`<section>
              <h2>各安置類型提案與成效追蹤表 <span lang="en">Placement review</span></h2>
              <table>
                <thead>
                  <tr>
                    <th>安置類型</th>
                    <th>提案件數</th>
                    <th>成效追蹤表</th>
                    <th>期限</th>
                    <th>狀態</th>
                  </tr>
                </thead>
                <tbody>
                  ${placementTypes.map((type) => {
                    const proposal = minutes.placementReview?.proposals.find((p) => p.placementType === type);
                    const form = minutes.placementReview?.followUpForms.find((f) => f.placementType === type);
                    return html`<tr>
                      <td>${placementTypeNames[type].zh}</td>
                      <td>${proposal?.caseCount ?? '—'}</td>
                      <td>${form?.formsOwed ?? '—'}</td>
                      <td>${form ? rocFormalDate(Temporal.PlainDate.from(form.dueDate)) : '—'}</td>
                      <td>${form ? (form.status === 'received' ? '已繳' : '待繳') : '—'}</td>
                    </tr>`;
                  })}
                </tbody>
              </table>
            </section>`
          : ''
      }
      <p class="hint">
        本紀錄為機密資料，僅供受邀單位閱覽，請勿轉寄或列印外流。<span lang="en"
          >Confidential: for the invited units only. Do not forward.</span
        >
      </p>`,
  );
}

export function minutesMessagePage(title: { zh: string; en: string }, message: { zh: string; en: string }): Markup {
  return layout(
    title.zh,
    html`<h1>${title.zh} <span lang="en">${title.en}</span></h1>
      <p>${message.zh}</p>
      <p lang="en">${message.en}</p>`,
  );
}

function header(model: Pick<MinutesPageModel, 'config' | 'series' | 'occurrence' | 'head' | 'notice'>): Markup {
  const { config, series, occurrence, head, notice } = model;
  const { start, end } = meetingTime(occurrence);
  const due = minutesDueDate(occurrence.date, series);
  return html`<h1>
      ${series.name.zh}<br /><small>會議紀錄 <span lang="en">Minutes</span></small>
    </h1>
    <dl>
      <dt>時間</dt>
      <dd>${rocFormalDateTime(start)}至${rocClockTime(end.toPlainTime())}</dd>
      <dt>地點</dt>
      <dd>${config.venues.find((v) => v.id === occurrence.venueId)?.name.zh ?? occurrence.venueId}</dd>
      <dt>主持</dt>
      <dd>${unitName(config, occurrence.chairUnitId)}</dd>
      <dt>狀態</dt>
      <dd id="state">${minutesStateNames[head?.state ?? 'none']}${head ? `（第${head.version}版）` : ''}</dd>
      <dt>繳交期限</dt>
      <dd>${rocFormalDate(Temporal.PlainDate.from(due))}</dd>
    </dl>
    ${
      notice
        ? html`<div class="notice ${notice.tone}" role="${notice.tone === 'error' ? 'alert' : 'status'}">
            <p>${notice.zh} <span lang="en">${notice.en}</span></p>
            ${
              notice.details?.length
                ? html`<ul>
                    ${notice.details.map((d) => html`<li>${d}</li>`)}
                  </ul>`
                : ''
            }
          </div>`
        : ''
    }`;
}

function unitName(config: CountyConfig, unitId: string): string {
  return config.units.find((u) => u.id === unitId)?.name.zh ?? unitId;
}

function layout(title: string, body: Markup): Markup {
  return html`<!doctype html>
    <html lang="zh-Hant-TW">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <title>${title}</title>
        <style>
          body {
            font-family: system-ui, 'Noto Sans TC', sans-serif;
            margin: 0 auto;
            padding: 0.75rem;
            max-width: 48rem;
            line-height: 1.55;
            font-size: 16px;
          }
          h1 {
            font-size: 1.3rem;
          }
          h2 {
            font-size: 1.1rem;
          }
          dl {
            display: grid;
            grid-template-columns: max-content 1fr;
            gap: 0.2rem 0.75rem;
          }
          dt {
            font-weight: bold;
          }
          dd {
            margin: 0;
          }
          fieldset {
            border: 1px solid #bbb;
            border-radius: 6px;
            margin: 0 0 1rem;
            padding: 0.5rem 0.75rem;
            min-width: 0;
          }
          legend {
            font-weight: bold;
            padding: 0 0.25rem;
          }
          label {
            display: block;
            margin: 0.4rem 0;
          }
          label.choice {
            display: inline-block;
            margin-right: 1.2rem;
            padding: 0.3rem 0;
          }
          textarea,
          select,
          input[type='date'],
          input[type='number'] {
            display: block;
            box-sizing: border-box;
            width: 100%;
            font: inherit;
            padding: 0.45rem;
            margin-top: 0.2rem;
          }
          input[type='radio'] {
            width: 1.2rem;
            height: 1.2rem;
            vertical-align: middle;
          }
          .unit,
          .row {
            border-top: 1px dashed #ccc;
            padding-top: 0.4rem;
          }
          .unit-name {
            font-weight: bold;
            margin: 0.3rem 0 0;
          }
          .actions {
            display: flex;
            flex-wrap: wrap;
            gap: 0.75rem;
          }
          button {
            font: inherit;
            padding: 0.7rem 1.1rem;
            min-height: 44px;
            border-radius: 6px;
            border: 1px solid #555;
            background: #f4f4f4;
          }
          button.primary {
            background: #0b5394;
            color: #fff;
            border-color: #0b5394;
          }
          .hint {
            color: #555;
            font-size: 0.9rem;
          }
          .notice {
            border-radius: 6px;
            padding: 0.5rem 0.75rem;
            margin: 0.75rem 0;
          }
          .notice.ok {
            background: #e6f4ea;
          }
          .notice.error {
            background: #fde8e8;
          }
          .text {
            white-space: pre-wrap;
            overflow-wrap: anywhere;
          }
          table {
            border-collapse: collapse;
            width: 100%;
          }
          th,
          td {
            border-bottom: 1px solid #ccc;
            padding: 0.35rem;
            text-align: left;
            vertical-align: top;
          }
          [lang='en'] {
            color: #555;
            font-size: 0.9em;
          }
        </style>
      </head>
      <body>
        ${body}
      </body>
    </html>`;
}
