// 稽核紀錄: the secretariat's audit trail (auditTrail(), the same use case as the JSON API's
// GET /secretariat/audit): every task, sign-in and sign-out, who did it, when, why, what changed and
// who was told; filtered by meeting, person and action with a plain GET form, so it works without
// script and a filtered view can be bookmarked or sent to a colleague.
//
// Below it, the access records of minutes (reads, saves, downloads): one meeting's when a meeting
// is chosen, otherwise the secretariat's reads that span meetings.
import { Hono } from 'hono';
import { html } from 'hono/html';
import { Temporal, todayInTaipei } from '../../core/calendar/local-date.ts';
import {
  secretariatTasks,
  taskLabels,
  type ActionChange,
  type SecretariatAction,
  type ToldPerson,
} from '../../core/audit/secretariat-action.ts';
import type { AuditRecord } from '../../core/minutes/minutes-record.ts';
import { minutesStateNames } from '../../core/minutes/minutes-lifecycle.ts';
import type { CountyView } from '../../core/series/county-view.ts';
import { listAudit, listViewsAudit } from '../../adapters/dynamodb/minutes-store.ts';
import { listOccurrences } from '../../adapters/dynamodb/occurrence-store.ts';
import { loadCountyView } from '../../use-cases/load-county-view.ts';
import { auditTrail, type AuditEntry, type AuditQuery } from '../../use-cases/secretariat/audit-trail.ts';
import { describeMeetingChange } from '../../use-cases/secretariat/describe-change.ts';
import { noticeKindLabels } from '../../use-cases/secretariat/failed-notices.ts';
import type { MeetingState } from '../../use-cases/secretariat/plan-preview.ts';
import { SecretariatInputError } from '../../use-cases/secretariat/secretariat-input-error.ts';
import { consolePage, type Markup } from './console-layout.ts';
import { dataTable, formalDate, nothing, recordedAt, tableDate } from './console-format.ts';
import { rocYear } from '../../core/calendar/roc-date.ts';
import { recipientName } from '../../core/notices/recipient-name.ts';
import type { ConsoleEnv, ConsoleSectionDependencies } from './console-session.ts';

const accessNames: Record<string, string> = {
  read: '閱讀紀錄',
  save: '儲存草稿',
  submit: '送出紀錄',
  approve: '核定紀錄',
  return: '退回紀錄',
  distribute: '分送紀錄',
  'follow-up': '更新追蹤',
  'list-action-items': '查閱待辦事項清單',
  'list-overdue': '查閱逾期清單',
  'issue-link': '發給紀錄連結',
  'issue-notice': '發開會通知單',
  'download-document': '下載文件',
};

/** Shown newest first, at most this many of each list. */
const shown = 200;

type MeetingOption = { value: string; seriesId: string; slotKey: string; date: string; label: string };

export function auditRoutes(deps: ConsoleSectionDependencies): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  app.get('/audit', async (c) => {
    const frame = c.get('console');
    const view = await loadCountyView(deps.table, deps.config);
    const thisYear = todayInTaipei(Temporal.Instant.fromEpochMilliseconds(deps.now().getTime())).year;
    const seriesName = (id: string) => view.findSeries(id)?.name.zh ?? id;
    // The meetings of last, this and next year: what an officer looks up.
    const meetings: MeetingOption[] = (await Promise.all(view.series.map((s) => listOccurrences(deps.table, s.id))))
      .flat()
      .filter((o) => Math.abs(Number(o.date.slice(0, 4)) - thisYear) <= 1)
      .sort((a, b) => b.date.localeCompare(a.date) || a.seriesId.localeCompare(b.seriesId))
      .map((o) => ({
        value: `${o.seriesId}/${o.slotKey}`,
        seriesId: o.seriesId,
        slotKey: o.slotKey,
        date: o.date,
        label: `${tableDate(o.date, thisYear)} ${seriesName(o.seriesId)}`,
      }));

    const asked = { meeting: c.req.query('meeting') ?? '', person: c.req.query('person') ?? '', action: c.req.query('action') ?? '' };
    const chosen = meetings.find((m) => m.value === asked.meeting);
    const problems: Record<string, string> = {};
    if (asked.meeting && !chosen) problems.meeting = '請從清單選擇會議；這個會議不在近三年的場次中';
    const query: AuditQuery = {
      ...(chosen ? { meeting: { seriesId: chosen.seriesId, slotKey: chosen.slotKey } } : {}),
      ...(asked.person ? { person: asked.person } : {}),
      ...(asked.action ? { action: asked.action } : {}),
    };
    let entries: AuditEntry[] = [];
    if (!problems.meeting)
      try {
        entries = await auditTrail(deps.table, deps.config, query);
      } catch (error) {
        if (!(error instanceof SecretariatInputError)) throw error;
        problems[error.field === 'action' ? 'action' : error.field === 'person' ? 'person' : 'meeting'] = error.message;
      }
    // Who is who: the names officers signed in with (the whole trail, not only what is filtered).
    const officers = officerNames(query.meeting || query.person || query.action ? await auditTrail(deps.table, deps.config, {}) : entries);
    const access = chosen ? await listAudit(deps.table, chosen.seriesId, chosen.slotKey) : await listViewsAudit(deps.table);
    const accessShown = [...access]
      .filter((r) => !asked.person || (r.actor.kind === 'secretariat' ? r.actor.subject : r.actor.contactId) === asked.person)
      .sort((a, b) => b.at.localeCompare(a.at))
      .slice(0, shown);
    const newest = [...entries].reverse().slice(0, shown);
    const meetingLabel = (ref: { seriesId: string; slotKey: string }) =>
      meetings.find((m) => m.seriesId === ref.seriesId && m.slotKey === ref.slotKey)?.label ?? `${seriesName(ref.seriesId)} ${ref.slotKey}`;
    const who = (subject: string, via: string) =>
      officers.get(subject) ?? (via === 'cli' || via.startsWith('cli') ? `命令列（${subject}）` : `帳號 ${subject.slice(0, 8)}`);
    const personName = (id: string) => {
      if (officers.has(id)) return officers.get(id)!;
      for (const unit of view.units)
        for (const contact of unit.contacts) if (contact.id === id) return recipientName(unit.name.zh, contact.name);
      return id;
    };
    const filtered = !!(chosen || asked.person || asked.action);
    const status = Object.keys(problems).length ? 400 : 200;

    return c.html(
      consolePage(frame, {
        title: '稽核紀錄',
        section: 'audit',
        lede: filtered ? `符合條件的紀錄 ${entries.length} 筆` : `全部 ${entries.length} 筆，最新在前`,
        body: html`<form method="get" action="${frame.base}/audit" class="action-form" aria-describedby="filter-help">
            <p id="filter-help" class="muted">可依會議、人員或操作篩選，條件可以只選一項。</p>
            <div>
              ${select(
                'meeting',
                '會議',
                [{ value: '', label: '全部會議' }, ...meetings.map((m) => ({ value: m.value, label: m.label }))],
                asked.meeting,
                problems.meeting,
              )}
              ${select('person', '人員', personOptions(view, officers), asked.person, problems.person)}
              ${select(
                'action',
                '操作',
                [{ value: '', label: '全部操作' }, ...secretariatTasks.map((t) => ({ value: t, label: taskLabels[t] }))],
                asked.action,
                problems.action,
              )}
            </div>
            <div class="actions">
              <button type="submit" class="primary">篩選</button>
              ${filtered ? html`<a href="${frame.base}/audit">清除條件</a>` : ''}
            </div>
          </form>
          <h2>幕僚操作與登入紀錄</h2>
          ${
            newest.length === 0
              ? nothing(filtered ? '沒有符合條件的紀錄。' : '還沒有任何紀錄。')
              : html`<div class="audit-trail">
                  ${dataTable(
                    `幕僚操作與登入紀錄（最新在前${newest.length < entries.length ? `，顯示最近 ${shown} 筆` : ''}）`,
                    ['時間', '人員', '操作與原因', '會議', '變更與通知'],
                    newest.map((entry) => [
                      recordedAt(entry.at),
                      who(entry.actor.subject, entry.actor.via),
                      entry.task === 'sign-in' || entry.task === 'sign-out'
                        ? entry.taskText
                        : html`<strong>${entry.taskText}</strong><br />原因：${entry.reason}`,
                      entry.meetings.length ? entry.meetings.map(meetingLabel).join('、') : '',
                      entry.changes.length || entry.told?.length
                        ? html`${lines(changeLines(view, entry, personName))}${toldMarkup(entry.told ?? [])}`
                        : '',
                    ]),
                    { nowrap: [0, 1] },
                  )}
                </div>`
          }
          <h2>${chosen ? `會議紀錄的存取：${chosen.label}` : '幕僚跨會議的查閱紀錄'}</h2>
          ${
            accessShown.length === 0
              ? nothing('沒有存取紀錄。')
              : dataTable(
                  chosen ? '這場會議的紀錄存取（最新在前）' : '待辦清單、逾期清單與文件下載（最新在前）',
                  ['時間', '人員', '動作', '內容'],
                  accessShown.map((r) => [
                    recordedAt(r.at),
                    r.actor.kind === 'secretariat' ? who(r.actor.subject, r.actor.via) : personName(r.actor.contactId),
                    accessNames[r.action] ?? r.action,
                    describeAccess(r),
                  ]),
                  { nowrap: [0] },
                )
          }`,
      }),
      status,
    );
  });
  return app;
}

/** The names officers signed in with, by subject: the latest sign-in's. */
function officerNames(entries: readonly SecretariatAction[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const entry of entries) if (entry.actor.name) names.set(entry.actor.subject, entry.actor.name);
  return names;
}

function personOptions(view: CountyView, officers: ReadonlyMap<string, string>) {
  return [
    { value: '', label: '全部人員' },
    ...[...officers].map(([subject, name]) => ({ value: subject, label: `幕僚：${name}`, group: '幕僚' })),
    ...view.units.flatMap((unit) =>
      unit.contacts.map((contact) => ({ value: contact.id, label: recipientName(unit.name.zh, contact.name), group: '聯絡人' })),
    ),
  ];
}

function select(
  name: string,
  label: string,
  options: ReadonlyArray<{ value: string; label: string }>,
  current: string,
  problem: string | undefined,
): Markup {
  const known = options.some((o) => o.value === current);
  return html`<div class="field${problem ? ' invalid' : ''}">
    <label for="${name}">${label}</label>
    ${problem ? html`<p class="field-error" id="${name}-problem">${problem}</p>` : ''}
    <select id="${name}" name="${name}" ${problem ? html`aria-invalid="true" aria-describedby="${name}-problem"` : ''}>
      ${options.map((o) => html`<option value="${o.value}" ${o.value === current ? 'selected' : ''}>${o.label}</option>`)}
      ${!known && current ? html`<option value="${current}" selected>${current}</option>` : ''}
    </select>
  </div>`;
}

/** Who the task told, per kind of notice: the count at once, the names one click away (a distribution tells dozens). */
function toldMarkup(told: readonly ToldPerson[]): Markup | string {
  const byKind = new Map<string, Set<string>>();
  for (const person of told) {
    const label = noticeKindLabels[person.kind];
    byKind.set(label, (byKind.get(label) ?? new Set<string>()).add(person.name));
  }
  if (byKind.size === 0) return '';
  return html`${[...byKind].map(
    ([label, names]) =>
      html`<details>
        <summary>已通知：${label} ${names.size} 人</summary>
        ${[...names].join('、')}
      </details>`,
  )}`;
}

function lines(texts: readonly string[]): Markup | string {
  if (texts.length === 0) return '';
  return html`${texts.map((t, i) => html`${i ? html`<br />` : ''}${t}`)}`;
}

const subjectNames: Record<ActionChange['subject'], string> = {
  meeting: '會議',
  closure: '停止上班日',
  'calendar-year': '辦公日曆',
  contact: '聯絡人',
  notice: '通知',
  minutes: '會議紀錄',
  'chair-link': '主持人連結',
};

/** What the task changed and who it told, in words: before → after for each thing, never an internal id. */
function changeLines(view: CountyView, entry: AuditEntry, personName: (id: string) => string): string[] {
  const out: string[] = [];
  const state = (value: Record<string, unknown> | null, none: string) => (value === null ? none : summary(value));
  for (const change of entry.changes) {
    switch (change.subject) {
      case 'meeting': {
        if (!change.after || !('status' in change.after)) break;
        const [seriesId = ''] = change.ref.split('/');
        out.push(
          `${view.findSeries(seriesId)?.name.zh ?? seriesId} ${describeMeetingChange(
            view.config,
            change.before as MeetingState | null,
            change.after as MeetingState,
          )}`,
        );
        break;
      }
      case 'closure': {
        const day = /^\d{4}-\d{2}-\d{2}$/.test(change.ref) ? formalDate(change.ref) : change.ref;
        out.push(`停止上班日 ${day}：${state(change.before, '（無）')} → ${state(change.after, '已移除')}`);
        break;
      }
      case 'calendar-year': {
        const year = Number(change.ref);
        const days = (v: Record<string, unknown> | null) =>
          v === null ? '（未載入）' : `平日放假 ${count(v.daysOff)} 天、補行上班 ${count(v.workdays)} 天`;
        out.push(`${Number.isInteger(year) ? `${rocYear(year)}年` : ''}辦公日曆：${days(change.before)} → ${days(change.after)}`);
        break;
      }
      case 'contact':
        out.push(`聯絡人 ${personName(change.ref)}：${state(change.before, '（無）')} → ${state(change.after, '（無）')}`);
        break;
      case 'chair-link':
        out.push(`主持人連結 ${personName(change.ref)}：${state(change.before, '（無）')} → ${state(change.after, '（無）')}`);
        break;
      default:
        out.push(`${subjectNames[change.subject]}：${state(change.before, '（無）')} → ${state(change.after, '（無）')}`);
    }
  }
  return out;
}

/** A number of days as stored, or a question mark for a record that has none. */
const count = (value: unknown) => (typeof value === 'number' ? String(value) : '?');

/** A stored before/after in a few words: the fields a person recognises, never an address. */
function summary(value: Record<string, unknown>): string {
  const words: string[] = [];
  if (typeof value.name === 'string') words.push(value.name);
  if (typeof value.state === 'string') words.push(minutesStateNames[value.state as keyof typeof minutesStateNames] ?? value.state);
  if (typeof value.status === 'string') words.push(statusNames[value.status] ?? value.status);
  if (value.removed === true) words.push('已移除');
  if (value.removed === false) words.push('在名單中');
  if (typeof value.reason === 'string') words.push(value.reason);
  if (typeof value.version === 'number') words.push(`第${value.version}版`);
  if (typeof value.linkVersion === 'number') words.push(value.linkVersion === 0 ? '原連結有效' : `已停用 ${value.linkVersion} 次`);
  return words.length ? words.join(' ') : '有';
}

const statusNames: Record<string, string> = {
  failed: '寄送失敗',
  unknown: '不確定是否寄達',
  pending: '待寄送',
  sent: '已寄出',
  scheduled: '照常召開',
  cancelled: '停開',
};

function describeAccess(r: AuditRecord): string {
  return [
    r.state ? minutesStateNames[r.state] : '',
    r.version ? `第${r.version}版` : '',
    r.count !== undefined ? `${r.count} 筆` : '',
    r.document ?? '',
  ]
    .filter(Boolean)
    .join('，');
}
