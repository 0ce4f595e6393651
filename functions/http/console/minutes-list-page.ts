// 會議紀錄: the state of every meeting's minutes over the past year, overdue ones marked, and what
// the secretariat decides on them, each through the console's form → preview → confirm
// (action-form.ts) and the same use cases as the JSON API and the CLI (tasks.ts):
//   /minutes/:seriesId/:slotKey/approve|return|distribute   核定, 退回修正, 分送
//   /minutes/:seriesId/:slotKey/chair-link/issue|revoke     發給或停用主持人的紀錄連結
// States and dates only here: reading the minutes themselves is audited, through the chair's link
// or the documents.
import { Hono } from 'hono';
import { html } from 'hono/html';
import { Temporal, todayInTaipei } from '../../core/calendar/local-date.ts';
import { minutesStateNames, type MinutesState } from '../../core/minutes/minutes-lifecycle.ts';
import { getOccurrence } from '../../adapters/dynamodb/occurrence-store.ts';
import { getMinutesHead } from '../../adapters/dynamodb/minutes-store.ts';
import { recipientName } from '../../core/notices/recipient-name.ts';
import { loadCountyView } from '../../use-cases/load-county-view.ts';
import { minutesStatus, type MinutesStatusRow } from '../../use-cases/minutes/minutes-views.ts';
import {
  approveMinutes,
  distributeMinutesToInvitees,
  issueChairMinutesLink,
  returnMinutes,
  revokeChairMinutesLink,
  type TaskContext,
} from '../../use-cases/secretariat/tasks.ts';
import { requireReason } from '../../use-cases/secretariat/request-checks.ts';
import { SecretariatInputError } from '../../use-cases/secretariat/secretariat-input-error.ts';
import type { MinutesDecisionResult } from '../../use-cases/secretariat/minutes-decisions.ts';
import { mountAction, type ActionContext, type ConsoleAction } from './action-form.ts';
import { consolePage, type Markup } from './console-layout.ts';
import { contactLabel, dataTable, formalDate, nothing, recordedAt, tableDate } from './console-format.ts';
import type { ConsoleEnv, ConsoleSectionDependencies } from './console-session.ts';
import { doneAt, doneBanner } from './section-result.ts';

type Decision = 'approve' | 'return' | 'distribute';

const decisions: Record<Decision, { label: string; verb: string; from: MinutesState[]; intro: string; run: typeof approveMinutes }> = {
  approve: {
    label: '核定',
    verb: '核定',
    from: ['submitted'],
    intro: '核定後紀錄定稿，主持人不能再修改；之後可分送給所有受邀單位。',
    run: approveMinutes,
  },
  return: {
    label: '退回修正',
    verb: '退回',
    from: ['submitted'],
    intro: '退回後紀錄回到草稿，主持人可用原連結修改後再送出。原因請寫明要修正的地方（不要寫入個案資料）。',
    run: returnMinutes,
  },
  distribute: {
    label: '分送',
    verb: '分送',
    from: ['approved', 'distributed'],
    intro: '每位受邀聯絡人會收到一封附閱讀連結的通知（信中不含紀錄內容）；已分送過的人不會重複收到。',
    run: distributeMinutesToInvitees,
  },
};

export function minutesListRoutes(deps: ConsoleSectionDependencies): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  app.get('/minutes', async (c) => {
    const frame = c.get('console');
    const [rows, view] = await Promise.all([minutesStatus(deps), loadCountyView(deps.table, deps.config)]);
    const newestFirst = [...rows].reverse();
    const thisYear = todayInTaipei(Temporal.Instant.fromEpochMilliseconds(deps.now().getTime())).year;
    const at = (r: MinutesStatusRow, path: string) => `${frame.base}/minutes/${r.seriesId}/${r.slotKey}/${path}`;
    const actions = (r: MinutesStatusRow, name: string): Markup => {
      const links: Array<[string, string]> = [];
      if (r.state === 'submitted') links.push(['approve', '核定'], ['return', '退回修正']);
      if (r.state === 'approved') links.push(['distribute', '分送']);
      if (r.state === 'distributed') links.push(['distribute', '補寄分送']);
      if (r.state !== 'approved' && r.state !== 'distributed') links.push(['chair-link/issue', '發給主持人連結']);
      links.push(['chair-link/revoke', '停用主持人連結']);
      return html`<ul class="row-actions">
        ${links.map(([path, label]) => html`<li><a href="${at(r, path)}" aria-label="${label}：${name}">${label}</a></li>`)}
      </ul>`;
    };
    return c.html(
      consolePage(frame, {
        title: '會議紀錄',
        section: 'minutes',
        lede: `過去一年已召開的 ${rows.length} 場會議；${rows.filter((r) => r.overdue).length} 場紀錄逾期`,
        body: html`${await doneBanner(c, deps)}${
          newestFirst.length === 0
            ? nothing('過去一年沒有已召開的會議。')
            : dataTable(
                '各場會議的紀錄狀態',
                ['會議日期', '會議', '主持單位', '紀錄狀態', '應送出日期', '處理'],
                newestFirst.map((r) => {
                  const name = `${tableDate(r.date, thisYear)} ${view.findSeries(r.seriesId)?.name.zh ?? r.seriesId}`;
                  return [
                    tableDate(r.date, thisYear),
                    view.findSeries(r.seriesId)?.name.zh ?? r.seriesId,
                    view.unitName(r.chairUnitId),
                    `${minutesStateNames[r.state]}${r.version > 0 ? `（第${r.version}版）` : ''}`,
                    html`${tableDate(r.dueDate, thisYear)}${r.overdue ? html`<span class="tag">逾期</span>` : ''}`,
                    actions(r, name),
                  ];
                }),
                { nowrap: [0] },
              )
        }`,
      }),
    );
  });

  /** The meeting the form is about, by the URL; a 404 in words when there is none. */
  const meetingOf = async (a: ActionContext) => {
    const view = await loadCountyView(deps.table, deps.config);
    const series = view.findSeries(a.params.seriesId ?? '');
    const occurrence = series ? await getOccurrence(deps.table, series.id, a.params.slotKey ?? '') : undefined;
    if (!series || !occurrence)
      throw new SecretariatInputError({
        code: 'no-such-meeting',
        field: 'occurrence',
        status: 404,
        message: '找不到這場會議；請從會議紀錄清單選擇',
      });
    return { view, series, occurrence, name: `${formalDate(occurrence.date)} ${series.name.zh}` };
  };
  const back = (a: ActionContext) => ({ href: `${a.frame.base}/minutes`, label: '回到會議紀錄' });
  const meetingRequest = (values: Record<string, string>, a: ActionContext) => ({
    seriesId: a.params.seriesId ?? '',
    occurrence: a.params.slotKey ?? '',
    reason: values.reason ?? '',
  });

  for (const decision of Object.keys(decisions) as Decision[]) {
    const d = decisions[decision];
    const action: ConsoleAction<
      ReturnType<typeof meetingRequest>,
      { state: MinutesState | 'none'; version: number; recipients: number },
      MinutesDecisionResult
    > = {
      path: `/minutes/:seriesId/:slotKey/${decision}`,
      title: async (a) => `${d.label}會議紀錄：${(await meetingOf(a)).name}`,
      intro: async (a) => {
        const { series, occurrence } = await meetingOf(a);
        const head = await getMinutesHead(deps.table, series.id, occurrence.slotKey);
        return html`<p>
            目前狀態：${minutesStateNames[head?.state ?? 'none']}${head ? `（第${head.version}版，${recordedAt(head.updatedAt)}更新）` : ''}
          </p>
          <p>${d.intro}</p>`;
      },
      fields: () => [],
      request: meetingRequest,
      // The decision tasks have no preview of their own: the same checks on what is stored now,
      // and who a distribution would reach. Nothing is written.
      preview: async (_task: TaskContext, request) => {
        requireReason(request.reason);
        const { view, series, occurrence, name } = await meetingOfRequest(deps, request);
        const head = await getMinutesHead(deps.table, series.id, occurrence.slotKey);
        const state = head?.state ?? 'none';
        if (!d.from.includes(state as MinutesState))
          throw new SecretariatInputError({
            code: 'minutes-not-allowed-now',
            field: 'occurrence',
            status: 409,
            message: `${name} 的會議紀錄目前為「${minutesStateNames[state]}」，不能${d.verb}`,
          });
        return { state, version: head?.version ?? 0, recipients: view.recipients(series.id).length };
      },
      showPreview: (preview) =>
        html`<p>將${d.verb}第${preview.version}版的會議紀錄（目前：${minutesStateNames[preview.state]}）。</p>
          <h2>將通知</h2>
          ${
            decision === 'distribute'
              ? html`<p>受邀的 ${preview.recipients} 位聯絡人中，尚未收過的人會收到閱讀連結通知（信中不含紀錄內容）。</p>`
              : decision === 'return'
                ? html`<p>不寄信；主持人用原連結開啟時會看到退回的草稿與原因。</p>`
                : html`<p>不寄信；核定後可分送給受邀單位。</p>`
          }`,
      confirm: (task, request) => d.run(task, request),
      showResult: (result) =>
        html`<p>會議紀錄已${d.verb}，目前為「${minutesStateNames[result.state]}」（第${result.version}版）。</p>
          ${
            result.queued !== undefined
              ? html`<p>已排入 ${result.queued} 封分送通知（受邀聯絡人共 ${result.recipients ?? 0} 位，已收過的不重寄）。</p>`
              : ''
          }
          <p>原因：${result.action.reason}</p>`,
      back,
      resultAt: doneAt('/minutes'),
      confirmLabel: `確認${d.verb}`,
    };
    mountAction(app, deps, action);
  }

  const chairContacts = async (a: ActionContext) => {
    const { view, occurrence } = await meetingOf(a);
    const unit = view.unit(occurrence.chairUnitId);
    return {
      unit,
      options: (unit?.contacts ?? []).map((c) => ({ value: c.id, label: contactLabel(c) })),
    };
  };

  mountAction(app, deps, {
    path: '/minutes/:seriesId/:slotKey/chair-link/issue',
    title: async (a) => `發給主持人紀錄連結：${(await meetingOf(a)).name}`,
    intro: async (a) =>
      html`<p>
        連結讓${(await chairContacts(a)).unit?.name.zh ?? '主持單位'}的聯絡人填寫並送出這場會議的紀錄。系統不會寄信，請把產生的連結交給主持人；連結等同密碼，請勿轉寄他人。
      </p>`,
    fields: async (a) => [
      { kind: 'select', name: 'contactId', label: '交給哪一位', required: true, options: (await chairContacts(a)).options },
    ],
    defaults: async (a) => ({ contactId: (await chairContacts(a)).options[0]?.value ?? '' }),
    request: (values, a) => {
      if (!deps.signingKey)
        throw new SecretariatInputError({
          code: 'invalid-input',
          field: 'contactId',
          message: '此環境沒有設定連結金鑰，無法產生主持人連結；請洽資訊人員',
        });
      const origin = new URL(a.c.req.url).origin;
      return {
        ...meetingRequest(values, a),
        contactId: (values.contactId ?? '').trim(),
        links: { signingKey: deps.signingKey, baseUrl: deps.countyBaseUrl ?? `${origin}/c/${deps.config.county.id}` },
      };
    },
    preview: async (_task, request) => {
      requireReason(request.reason);
      const { name, recipient } = await chairContactOf(deps, request);
      return { name, recipient };
    },
    showPreview: (p) =>
      html`<p>將產生 ${p.recipient} 填寫「${p.name}」紀錄的連結。</p>
        <h2>將通知</h2>
        <p>不寄信；連結只顯示在下一頁，請自行交給主持人。</p>`,
    // The result names the contact as the preview did: the unit, then the person.
    confirm: async (task, { links, ...request }) => {
      const issued = await issueChairMinutesLink({ ...task, links }, request);
      return { ...issued, recipient: (await chairContactOf(deps, request)).recipient };
    },
    showResult: (result) =>
      html`<p>已產生 ${result.recipient} 的紀錄連結，${recordedAt(result.expiresAt)} 前有效：</p>
        <p><label for="chair-link">主持人紀錄連結（請複製後交給主持人）</label></p>
        <p><textarea id="chair-link" class="link-output" rows="3" readonly>${result.url}</textarea></p>
        <p class="muted">這個連結不會再顯示；遺失時請再發一次，或停用後重發。</p>`,
    back,
    confirmLabel: '產生連結',
  });

  mountAction(app, deps, {
    path: '/minutes/:seriesId/:slotKey/chair-link/revoke',
    title: async (a) => `停用主持人紀錄連結：${(await meetingOf(a)).name}`,
    intro: () => html`<p>停用後，這位聯絡人手上所有的紀錄連結都會失效（包括其他場次的）。需要時可再發新的連結。</p>`,
    fields: async (a) => [
      { kind: 'select', name: 'contactId', label: '停用誰的連結', required: true, options: (await chairContacts(a)).options },
    ],
    request: (values, a) => ({ ...meetingRequest(values, a), contactId: (values.contactId ?? '').trim() }),
    preview: async (_task, request) => {
      requireReason(request.reason);
      return { recipient: (await chairContactOf(deps, request)).recipient };
    },
    showPreview: (p) =>
      html`<p>將停用 ${p.recipient} 目前持有的所有紀錄連結。</p>
        <h2>將通知</h2>
        <p>不寄信。</p>`,
    confirm: revokeChairMinutesLink,
    showResult: (result) => html`<p>已停用 ${result.contactName ?? ''} 的紀錄連結。</p>`,
    back,
    resultAt: doneAt('/minutes'),
    confirmLabel: '確認停用',
  });
  return app;
}

async function meetingOfRequest(deps: ConsoleSectionDependencies, request: { seriesId: string; occurrence: string }) {
  const view = await loadCountyView(deps.table, deps.config);
  const series = view.findSeries(request.seriesId);
  const occurrence = series ? await getOccurrence(deps.table, series.id, request.occurrence) : undefined;
  if (!series || !occurrence)
    throw new SecretariatInputError({
      code: 'no-such-meeting',
      field: 'occurrence',
      status: 404,
      message: '找不到這場會議；請從會議紀錄清單選擇',
    });
  return { view, series, occurrence, name: `${formalDate(occurrence.date)} ${series.name.zh}` };
}

/** Issue and revoke name one of the chair unit's contacts; anyone else is refused before the use case. */
async function chairContactOf(deps: ConsoleSectionDependencies, request: { seriesId: string; occurrence: string; contactId: string }) {
  const { view, occurrence, name } = await meetingOfRequest(deps, request);
  const contact = view.unit(occurrence.chairUnitId)?.contacts.find((c) => c.id === request.contactId);
  if (!contact) throw new SecretariatInputError({ code: 'not-in-chair-unit', field: 'contactId', message: '請從清單選擇主持單位的聯絡人' });
  // Named as the notices name them: 「社會局 兒少保護科 科長」, not the unit twice.
  return { name, contact, recipient: recipientName(view.unitName(occurrence.chairUnitId), contact.name) };
}
