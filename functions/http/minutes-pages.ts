// The chair's minutes page and the invitees' read page: server-rendered zh-TW (English beside it),
// one column that fits a phone, an ordinary form that works without JavaScript. One same-origin
// script (minutes-form-script.ts, allowed by `script-src 'self'`) only adds rows for 決議 and 待辦
// without a save and counts a committee's quorum as members are ticked; without it the page offers
// blank rows and counts on save. Every value goes through hono/html, which escapes it: a "<script>"
// in a resolution is shown as the characters the chair typed.
//
// A refused save comes back as this same form with what was typed, each problem in zh-TW under its
// field, and a summary at the top that links to them (minutes-problems.ts). The form is
// `novalidate`: the browser's own bubbles (in the browser's language, gone at the next tap) would
// otherwise stand in for those; `min` and `maxlength` still guide the date picker and typing.
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { SeriesDefinition, NetworkUnit } from '../core/series/county-config.ts';
import type { CountyView } from '../core/series/county-view.ts';
import type { Occurrence } from '../core/planning/occurrence.ts';
import type { Attendance, MinutesContent } from '../core/minutes/minutes-schema.ts';
import { minutesLimits } from '../core/minutes/minutes-limits.ts';
import type { MinutesHead } from '../core/minutes/minutes-record.ts';
import { minutesStateNames } from '../core/minutes/minutes-lifecycle.ts';
import { placementTypeNames, placementTypes } from '../core/minutes/placement-type.ts';
import { isCommittee, quorumCount, quorumText } from '../core/minutes/committee-attendance.ts';
import { fieldId, type FieldProblem } from '../core/minutes/minutes-problems.ts';
import { meetingTime } from '../core/invitations/meeting-time.ts';
import { rocClockTime, rocFormalDate, rocFormalDateTime } from '../core/calendar/roc-date.ts';
import { Temporal } from '../core/calendar/local-date.ts';

type Markup = HtmlEscapedString | Promise<HtmlEscapedString>;

export type PageNotice = { tone: 'ok' | 'error'; zh: string; en: string };

export type MinutesPageModel = {
  /** The county as it is now: unit names, committee members, venues. */
  view: CountyView;
  series: SeriesDefinition;
  occurrence: Occurrence;
  head: MinutesHead | undefined;
  /** The minutes deadline (YYYY-MM-DD): the working day the chair's notices state. */
  dueDate: string;
  /** What the form shows: the stored minutes, or what was just posted and refused. */
  minutes: MinutesContent;
  expectedVersion: number;
  /** Where the form posts (the link's own path). */
  action: string;
  notice?: PageNotice;
  /** Why the last save was refused, field by field. */
  problems?: readonly FieldProblem[];
  /** The due date offered for outcome follow-up forms: the day before the panel's next meeting. */
  followUpDueDate?: string;
  /** The same-origin script that adds rows; the form works without it. */
  scriptSrc?: string;
};

/** Blank rows offered below the filled ones, for browsers without the script. */
const spareRows = 3;

export function minutesFormPage(model: MinutesPageModel): Markup {
  const { view, series, occurrence, minutes } = model;
  const errors = problemsByField(model.problems ?? []);
  const units = series.invitedUnitIds.map((id) => ({ id, name: view.unitName(id), unit: view.unit(id) }));
  const attendanceOf = (unitId: string) => minutes.attendance.find((a) => a.unitId === unitId);
  const resolutions = [...minutes.resolutions, ...Array<string>(spareRows).fill('')].slice(0, minutesLimits.resolutions);
  const actionItems = [...minutes.actionItems, ...Array.from({ length: spareRows }, () => undefined)].slice(0, minutesLimits.actionItems);
  const ownerUnits = [
    ...units.map((u) => ({ id: u.id, name: u.name })),
    ...view.units.filter((u) => !series.invitedUnitIds.includes(u.id)).map((u) => ({ id: u.id, name: u.name.zh })),
  ];
  const field = fieldMarkup(errors);

  return layout(
    `會議紀錄｜${series.name.zh}`,
    html`${header(model)} ${problemSummary(model.problems ?? [])}
      <form method="post" action="${model.action}" accept-charset="utf-8" novalidate data-minutes-form>
        <input type="hidden" name="expectedVersion" value="${String(model.expectedVersion)}" />

        <fieldset>
          <legend>出席情形 <span lang="en">Attendance</span></legend>
          ${units.map(({ id, name, unit }, index) =>
            isCommittee(unit)
              ? committeeAttendance(unit, index, attendanceOf(id), field)
              : unitAttendance(id, name, index, attendanceOf(id), field),
          )}
        </fieldset>

        <fieldset>
          <legend>會議摘要 <span lang="en">Summary</span></legend>
          ${field.error('summary')}
          <textarea
            id="${fieldId('summary')}"
            name="summary"
            rows="6"
            maxlength="${minutesLimits.summaryLength}"
            aria-label="會議摘要"
            ${field.aria('summary')}
          >
${minutes.summary}</textarea>
        </fieldset>

        <fieldset data-rows="resolutions" data-max="${minutesLimits.resolutions}">
          <legend>決議事項 <span lang="en">Resolutions</span></legend>
          ${resolutions.map(
            (text, index) =>
              html`<div class="row" data-row>
                <label for="${fieldId(`resolutions.${index}`)}">決議<span data-number>${index + 1}</span></label>
                ${field.error(`resolutions.${index}`)}
                <textarea
                  id="${fieldId(`resolutions.${index}`)}"
                  name="resolutions.${index}"
                  rows="3"
                  maxlength="${minutesLimits.resolutionLength}"
                  ${field.aria(`resolutions.${index}`)}
                >
${text}</textarea>
              </div>`,
          )}
          <button type="button" class="add-row" data-add-row hidden>＋ 新增一筆決議 <span lang="en">Add a resolution</span></button>
        </fieldset>

        <fieldset data-rows="actionItems" data-max="${minutesLimits.actionItems}">
          <legend>待辦／追蹤事項 <span lang="en">Action items</span></legend>
          <p class="hint">
            待辦事項將列入下次會議通知之議程，請勿填寫個案姓名等可識別資料。<span lang="en"
              >Open items are listed in the next invitation: no case details.</span
            >
          </p>
          ${actionItems.map((item, index) => {
            const name = (part: string) => `actionItems.${index}.${part}`;
            return html`<div class="row" data-row>
              <label for="${fieldId(name('description'))}">待辦事項<span data-number>${index + 1}</span></label>
              ${field.error(name('description'))}
              <textarea
                id="${fieldId(name('description'))}"
                name="${name('description')}"
                rows="2"
                maxlength="${minutesLimits.actionItemLength}"
                ${field.aria(name('description'))}
              >
${item?.description ?? ''}</textarea>
              <label for="${fieldId(name('ownerUnitId'))}">負責單位 <span lang="en">Owner</span></label>
              ${field.error(name('ownerUnitId'))}
              <select id="${fieldId(name('ownerUnitId'))}" name="${name('ownerUnitId')}" ${field.aria(name('ownerUnitId'))}>
                <option value="">（請選擇）</option>
                ${ownerUnits.map((u) => html`<option value="${u.id}" ${item?.ownerUnitId === u.id ? 'selected' : ''}>${u.name}</option>`)}
              </select>
              <label for="${fieldId(name('dueDate'))}">完成期限 <span lang="en">Due</span></label>
              ${field.error(name('dueDate'))}
              <input
                type="date"
                id="${fieldId(name('dueDate'))}"
                name="${name('dueDate')}"
                value="${item?.dueDate ?? ''}"
                min="${occurrence.date}"
                ${field.aria(name('dueDate'))}
              />
              <label for="${fieldId(name('status'))}">狀態 <span lang="en">Status</span></label>
              <select id="${fieldId(name('status'))}" name="${name('status')}">
                <option value="open" ${item?.status !== 'done' ? 'selected' : ''}>待辦</option>
                <option value="done" ${item?.status === 'done' ? 'selected' : ''}>已完成</option>
              </select>
            </div>`;
          })}
          <button type="button" class="add-row" data-add-row hidden>＋ 新增一項待辦事項 <span lang="en">Add an action item</span></button>
        </fieldset>

        ${series.minutesForm === 'placement-review' ? placementFields(model, ownerUnits, field) : ''}

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
    model.scriptSrc,
  );
}

type FieldMarkup = {
  /** The zh-TW problems of a field, as a paragraph the field points at. */
  error(name: string): Markup | string;
  /** aria-describedby and aria-invalid for a field with problems. */
  aria(name: string, describedBy?: string): Markup | string;
};

function fieldMarkup(errors: ReadonlyMap<string, string[]>): FieldMarkup {
  return {
    error: (name) => {
      const messages = errors.get(name);
      return messages
        ? html`<p class="field-error" id="${fieldId(name)}-error">${messages.map((m, i) => html`${i ? html`<br />` : ''}${m}`)}</p>`
        : '';
    },
    aria: (name, describedBy) => {
      const ids = [...(describedBy ? [describedBy] : []), ...(errors.has(name) ? [`${fieldId(name)}-error`] : [])];
      if (ids.length === 0) return '';
      return html`aria-describedby="${ids.join(' ')}" ${errors.has(name) ? html`aria-invalid="true"` : ''}`;
    },
  };
}

function unitAttendance(unitId: string, name: string, index: number, entry: Attendance | undefined, field: FieldMarkup): Markup {
  const group = `attendance.${index}`;
  const names = `attendance.${index}.names`;
  return html`<fieldset class="unit" id="${fieldId(group)}">
    <legend>${name}</legend>
    <input type="hidden" name="attendance.${index}.unitId" value="${unitId}" />
    ${field.error(group)}
    <label class="choice"
      ><input type="radio" name="attendance.${index}.present" value="present" ${entry?.present === true ? 'checked' : ''} /> 出席</label
    >
    <label class="choice"
      ><input type="radio" name="attendance.${index}.present" value="absent" ${entry?.present === false ? 'checked' : ''} /> 缺席</label
    >
    <label for="${fieldId(names)}">出席人員（每行一位） <span lang="en">Names, one per line</span></label>
    ${field.error(names)}
    <textarea
      id="${fieldId(names)}"
      name="${names}"
      rows="2"
      maxlength="${minutesLimits.namesPerUnit * (minutesLimits.nameLength + 1)}"
      ${field.aria(names)}
    >
${(entry?.names ?? []).join('\n')}</textarea>
  </fieldset>`;
}

/** A committee (the placement panel): one present/absent per named member, and the quorum. */
function committeeAttendance(
  unit: NetworkUnit & { committee: NonNullable<NetworkUnit['committee']> },
  index: number,
  entry: Attendance | undefined,
  field: FieldMarkup,
): Markup {
  const group = `attendance.${index}.members`;
  const count = quorumCount(unit, entry);
  const markOf = (contactId: string) => entry?.members?.find((m) => m.contactId === contactId)?.present;
  return html`<fieldset class="unit committee" id="${fieldId(group)}" data-committee data-quorum="${unit.committee.quorum}">
    <legend>${unit.name.zh}（逐位勾選） <span lang="en">Members, one by one</span></legend>
    <input type="hidden" name="attendance.${index}.unitId" value="${unit.id}" />
    <p class="quorum ${count.met ? 'met' : ''}" id="${fieldId(group)}-quorum" aria-live="polite" data-quorum-status>${quorumText(count)}</p>
    ${field.error(group)}
    ${unit.contacts.map((member) => {
      const label = `${fieldId(group)}-${member.id}`;
      return html`<div class="member" role="radiogroup" aria-labelledby="${label}">
        <span class="member-name" id="${label}">${member.name}${member.title ? html` <small>${member.title}</small>` : ''}</span>
        <label class="choice"
          ><input
            type="radio"
            name="attendance.${index}.members.${member.id}"
            value="present"
            ${markOf(member.id) === true ? 'checked' : ''}
          />
          出席</label
        >
        <label class="choice"
          ><input
            type="radio"
            name="attendance.${index}.members.${member.id}"
            value="absent"
            ${markOf(member.id) === false ? 'checked' : ''}
          />
          缺席</label
        >
      </div>`;
    })}
  </fieldset>`;
}

function placementFields(model: MinutesPageModel, ownerUnits: ReadonlyArray<{ id: string; name: string }>, field: FieldMarkup): Markup {
  const { minutes, occurrence } = model;
  const proposal = (type: string) => minutes.placementReview?.proposals.find((p) => p.placementType === type);
  const form = (type: string) => minutes.placementReview?.followUpForms.find((f) => f.placementType === type);
  // Until the chair names another, the forms are owed by the unit that chairs the panel.
  const defaultOwner = occurrence.chairUnitId;
  return html`<fieldset id="${fieldId('placementReview')}">
      <legend>各安置類型提案 <span lang="en">Proposals by placement type</span></legend>
      ${field.error('placementReview')}
      ${placementTypes.map((type) => {
        const name = `proposals.${type}.caseCount`;
        return html`<label for="${fieldId(name)}">${placementTypeNames[type].zh} 提案件數</label>
          ${field.error(name)}
          <input
            type="number"
            inputmode="numeric"
            min="0"
            max="${minutesLimits.caseCount}"
            id="${fieldId(name)}"
            name="${name}"
            value="${proposal(type)?.caseCount ?? ''}"
            ${field.aria(name)}
          />`;
      })}
    </fieldset>
    <fieldset>
      <legend>成效追蹤表（下次會議前繳交） <span lang="en">Outcome follow-up forms owed before the next meeting</span></legend>
      <p class="hint" id="followup-hint">
        ${
          model.followUpDueDate
            ? html`繳交期限預設為下次會議前一天（${rocFormalDate(Temporal.PlainDate.from(model.followUpDueDate))}）。`
            : html`下次會議尚未排定，請自行選擇繳交期限。`
        }
        未填份數的類型不列入紀錄。
      </p>
      ${placementTypes.map((type) => {
        const owed = form(type);
        const name = (part: string) => `followUp.${type}.${part}`;
        const owner = owed?.ownerUnitId ?? (owed ? undefined : defaultOwner);
        return html`<div class="row">
          <p class="unit-name">${placementTypeNames[type].zh}</p>
          <label for="${fieldId(name('formsOwed'))}">應繳份數</label>
          ${field.error(name('formsOwed'))}
          <input
            type="number"
            inputmode="numeric"
            min="0"
            max="${minutesLimits.formsOwed}"
            id="${fieldId(name('formsOwed'))}"
            name="${name('formsOwed')}"
            value="${owed?.formsOwed ?? ''}"
            ${field.aria(name('formsOwed'))}
          />
          <label for="${fieldId(name('ownerUnitId'))}">應繳單位 <span lang="en">Owed by</span></label>
          ${field.error(name('ownerUnitId'))}
          <select id="${fieldId(name('ownerUnitId'))}" name="${name('ownerUnitId')}" ${field.aria(name('ownerUnitId'))}>
            <option value="">（請選擇）</option>
            ${ownerUnits.map((u) => html`<option value="${u.id}" ${owner === u.id ? 'selected' : ''}>${u.name}</option>`)}
          </select>
          <label for="${fieldId(name('dueDate'))}">繳交期限</label>
          ${field.error(name('dueDate'))}
          <input
            type="date"
            id="${fieldId(name('dueDate'))}"
            name="${name('dueDate')}"
            value="${owed?.dueDate ?? model.followUpDueDate ?? ''}"
            min="${occurrence.date}"
            ${field.aria(name('dueDate'), 'followup-hint')}
          />
          <label for="${fieldId(name('status'))}">狀態</label>
          <select id="${fieldId(name('status'))}" name="${name('status')}">
            <option value="owed" ${owed?.status !== 'received' ? 'selected' : ''}>待繳</option>
            <option value="received" ${owed?.status === 'received' ? 'selected' : ''}>已繳</option>
          </select>
        </div>`;
      })}
    </fieldset>`;
}

/** Before the meeting day: when the form opens, instead of a form that cannot be saved yet. */
export function minutesNotYetPage(model: Pick<MinutesPageModel, 'view' | 'series' | 'occurrence' | 'head' | 'dueDate'>): Markup {
  const day = rocFormalDate(Temporal.PlainDate.from(model.occurrence.date));
  return layout(
    `會議紀錄｜${model.series.name.zh}`,
    html`${header(model)}
      <div class="notice info" role="status" id="not-yet">
        <p>
          <strong>會議紀錄表單自會議當天 ${day} 起開放填寫。</strong><br />
          屆時請再開啟主持人通知信中的同一個連結。
        </p>
        <p lang="en">The minutes form opens on the day of the meeting. Please open the same link again then.</p>
      </div>`,
  );
}

/** What a refused save contained, when the form itself cannot be shown again (the link no longer works). */
export function minutesTypedTextPage(reason: { zh: string; en: string }, minutes: MinutesContent): Markup {
  const blocks: Array<{ label: string; text: string }> = [
    ...(minutes.summary.trim() ? [{ label: '會議摘要', text: minutes.summary }] : []),
    ...minutes.resolutions.filter((t) => t.trim()).map((text, i) => ({ label: `決議${i + 1}`, text })),
    ...minutes.actionItems.filter((a) => a.description.trim()).map((a, i) => ({ label: `待辦事項${i + 1}`, text: a.description })),
  ];
  return layout(
    '會議紀錄尚未儲存',
    html`<h1>會議紀錄尚未儲存 <span lang="en">Not saved</span></h1>
      <div class="notice error" role="alert">
        <p>${reason.zh}</p>
        <p lang="en">${reason.en}</p>
      </div>
      ${
        blocks.length
          ? html`<p>您輸入的內容如下，請複製保存：</p>
              ${blocks.map(
                (b, i) => html`<label for="typed-${i}">${b.label}</label> <textarea id="typed-${i}" readonly rows="4">${b.text}</textarea>`,
              )}`
          : ''
      }`,
  );
}

/** Minutes as text, for invitees once distributed and for the chair once submitted. */
export function minutesReadPage(model: Omit<MinutesPageModel, 'expectedVersion' | 'action'>): Markup {
  const { view, series, minutes } = model;
  const committees = minutes.attendance
    .map((entry) => ({ entry, unit: view.unit(entry.unitId) }))
    .filter((x): x is { entry: Attendance; unit: NetworkUnit & { committee: NonNullable<NetworkUnit['committee']> } } =>
      isCommittee(x.unit),
    );
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
                  <td>${view.unitName(a.unitId)}</td>
                  <td>${a.present ? '出席' : '缺席'}</td>
                  <td>${a.names.join('、')}</td>
                </tr>`,
            )}
          </tbody>
        </table>
        ${committees.map(
          ({ entry, unit }) =>
            html`<h3>${unit.name.zh}</h3>
              <p class="quorum" data-quorum-status>${quorumText(quorumCount(unit, entry))}</p>
              <table>
                <tbody>
                  ${(entry.members ?? []).map(
                    (m) =>
                      html`<tr>
                        <td>${view.contact(m.contactId)?.name ?? '（已離任委員）'}</td>
                        <td>${m.present ? '出席' : '缺席'}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>`,
        )}
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
              <th class="short">狀態</th>
            </tr>
          </thead>
          <tbody>
            ${minutes.actionItems.map(
              (item) =>
                html`<tr>
                  <td class="text">${item.description}</td>
                  <td>${view.unitName(item.ownerUnitId)}</td>
                  <td>${rocFormalDate(Temporal.PlainDate.from(item.dueDate))}</td>
                  <td class="short">${item.status === 'done' ? '已完成' : '待辦'}</td>
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
                    <th>應繳單位</th>
                    <th>期限</th>
                    <th class="short">狀態</th>
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
                      <td>${form?.ownerUnitId ? view.unitName(form.ownerUnitId) : '—'}</td>
                      <td>${form ? rocFormalDate(Temporal.PlainDate.from(form.dueDate)) : '—'}</td>
                      <td class="short">${form ? (form.status === 'received' ? '已繳' : '待繳') : '—'}</td>
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

function header(model: Pick<MinutesPageModel, 'view' | 'series' | 'occurrence' | 'head' | 'notice' | 'dueDate'>): Markup {
  const { view, series, occurrence, head, notice, dueDate: due } = model;
  const { start, end } = meetingTime(occurrence);
  return html`<h1>
      ${series.name.zh}<br /><small>會議紀錄 <span lang="en">Minutes</span></small>
    </h1>
    <dl>
      <dt>時間</dt>
      <dd>${rocFormalDateTime(start)}至${rocClockTime(end.toPlainTime())}</dd>
      <dt>地點</dt>
      <dd>${view.venue(occurrence.venueId)?.name.zh ?? occurrence.venueId}</dd>
      <dt>主持</dt>
      <dd>${view.unitName(occurrence.chairUnitId)}</dd>
      <dt>狀態</dt>
      <dd id="state">${minutesStateNames[head?.state ?? 'none']}${head ? `（第${head.version}版）` : ''}</dd>
      <dt>繳交期限</dt>
      <dd>${rocFormalDate(Temporal.PlainDate.from(due))}</dd>
    </dl>
    ${
      notice
        ? html`<div class="notice ${notice.tone}" role="${notice.tone === 'error' ? 'alert' : 'status'}">
            <p>${notice.zh} <span lang="en">${notice.en}</span></p>
          </div>`
        : ''
    }`;
}

/** The refused fields at the top, each a link to the field, so a chair on a phone finds them. */
function problemSummary(problems: readonly FieldProblem[]): Markup | string {
  if (problems.length === 0) return '';
  return html`<div class="notice error" role="alert" id="problems">
    <p><strong>尚未儲存：請修正下列 ${problems.length} 處後再儲存。</strong> <span lang="en">Not saved: please correct these.</span></p>
    <ul>
      ${problems.map((p) =>
        p.field ? html`<li><a href="#${fieldId(p.field)}">${p.label}：${p.zh}</a></li>` : html`<li>${p.label}：${p.zh}</li>`,
      )}
    </ul>
  </div>`;
}

function problemsByField(problems: readonly FieldProblem[]): Map<string, string[]> {
  const byField = new Map<string, string[]>();
  for (const p of problems) if (p.field) byField.set(p.field, [...(byField.get(p.field) ?? []), p.zh]);
  return byField;
}

function layout(title: string, body: Markup, scriptSrc?: string): Markup {
  return html`<!doctype html>
    <html lang="zh-Hant-TW">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <title>${title}</title>
        ${scriptSrc ? html`<script src="${scriptSrc}" defer></script>` : ''}
        <style>
          body {
            font-family: system-ui, 'Noto Sans TC', sans-serif;
            margin: 0 auto;
            padding: 0.75rem;
            max-width: 48rem;
            line-height: 1.55;
            font-size: 16px;
            color: #1a1a1a;
            background: #fff;
          }
          h1 {
            font-size: 1.3rem;
          }
          h2 {
            font-size: 1.1rem;
          }
          h3 {
            font-size: 1rem;
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
            border: 1px solid #8a8a8a;
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
            margin: 0.5rem 0 0;
          }
          label.choice {
            display: inline-flex;
            align-items: center;
            gap: 0.35rem;
            margin: 0 1.2rem 0 0;
            min-height: 44px;
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
            border: 1px solid #6b6b6b;
            border-radius: 4px;
            background: #fff;
            color: #1a1a1a;
          }
          input[type='radio'] {
            width: 1.3rem;
            height: 1.3rem;
            margin: 0;
          }
          [aria-invalid='true'] {
            border: 2px solid #b3261e;
          }
          .unit,
          .row {
            border: 0;
            border-top: 1px dashed #8a8a8a;
            border-radius: 0;
            margin: 0.5rem 0 0;
            padding: 0.4rem 0 0.6rem;
          }
          .unit > legend {
            padding: 0.4rem 0 0;
          }
          .member {
            display: flex;
            flex-wrap: wrap;
            align-items: center;
            column-gap: 0.5rem;
            border-top: 1px dotted #b0b0b0;
            padding: 0.2rem 0;
          }
          .member-name {
            flex: 1 1 10rem;
          }
          .member-name small {
            color: #4a4a4a;
          }
          .quorum {
            font-weight: bold;
            background: #fff4e5;
            border-left: 4px solid #a15c00;
            padding: 0.3rem 0.5rem;
          }
          .quorum.met {
            background: #e6f4ea;
            border-left-color: #1e6b34;
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
            border: 1px solid #4a4a4a;
            background: #f2f2f2;
            color: #1a1a1a;
          }
          button.primary {
            background: #0b5394;
            color: #fff;
            border-color: #0b5394;
          }
          button.primary [lang='en'] {
            color: #fff;
          }
          button.add-row {
            margin-top: 0.6rem;
            background: #fff;
            border-style: dashed;
          }
          button[hidden] {
            display: none;
          }
          a {
            color: #0b5394;
          }
          button:focus-visible,
          input:focus-visible,
          select:focus-visible,
          textarea:focus-visible,
          a:focus-visible {
            outline: 3px solid #f2a900;
            outline-offset: 2px;
          }
          .hint {
            color: #4a4a4a;
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
          .notice.info {
            background: #e8f0fb;
            border-left: 4px solid #0b5394;
          }
          .notice.error {
            background: #fdecea;
            border: 2px solid #b3261e;
          }
          .notice.error a {
            color: #8c1d18;
          }
          .field-error {
            color: #b3261e;
            font-weight: bold;
            margin: 0.2rem 0 0;
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
            border-bottom: 1px solid #b0b0b0;
            padding: 0.35rem;
            text-align: left;
            vertical-align: top;
          }
          /* A two-character state (待辦, 已繳) broken into one character a line reads as nothing on a phone. */
          .short {
            white-space: nowrap;
          }
          [lang='en'] {
            color: #4a4a4a;
            font-size: 0.9em;
          }
        </style>
      </head>
      <body>
        ${body}
      </body>
    </html>`;
}
