// The actions on one meeting, from its page: 改期, 停開, 恢復召開, 變更地點, 主持互換, 代理主持, and
// 新增臨時會議 for its series. Each is a ConsoleAction (action-form.ts): a form, a preview that
// writes nothing, a confirmation. Each calls the same task the JSON API and the command line call
// (use-cases/secretariat/tasks.ts), as the signed-in officer via "console"; this file only says
// what each form asks and turns its strings into the task's request.
import { Hono } from 'hono';
import { html } from 'hono/html';
import type { SeriesDefinition } from '../../core/series/county-config.ts';
import {
  addAdHocSession,
  appointActingChair,
  cancelMeeting,
  changeMeetingVenue,
  moveMeeting,
  previewAddAdHocSession,
  previewAppointActingChair,
  previewCancelMeeting,
  previewChangeMeetingVenue,
  previewMoveMeeting,
  previewReinstateMeeting,
  previewSwapMeetingChairs,
  reinstateMeeting,
  swapMeetingChairs,
  type TaskContext,
} from '../../use-cases/secretariat/tasks.ts';
import type { ChangeResult } from '../../use-cases/secretariat/change-occurrence.ts';
import type { PlanPreview } from '../../use-cases/secretariat/plan-preview.ts';
import { findSeries } from '../../use-cases/secretariat/request-checks.ts';
import { SecretariatInputError } from '../../use-cases/secretariat/secretariat-input-error.ts';
import { meetingChoices, type MeetingChoices } from '../../use-cases/console/meeting-choices.ts';
import { withWorkingDayNotice } from '../../use-cases/console/notice-window.ts';
import {
  changeResultBody,
  mountAction,
  planPreviewBody,
  type ActionContext,
  type ActionField,
  type ConsoleAction,
  type FormValues,
} from './action-form.ts';
import { clockTime, formalDate, tableDate } from './console-format.ts';
import { meetingPath } from './meeting-page.ts';
import type { ConsoleEnv, ConsoleSectionDependencies } from './console-session.ts';

/** Every meeting action takes the meeting from the URL and a reason; the rest is its own. */
type MeetingAction<R> = {
  /** After /meetings/:seriesId/:slotKey/. */
  name: string;
  /** 改期 */
  label: string;
  confirmLabel: string;
  fields: (meeting: MeetingChoices) => ActionField[];
  /** Said above the form when its choice has nothing to offer, instead of an empty list. */
  nothingToChoose?: (meeting: MeetingChoices) => string | undefined;
  defaults?: (meeting: MeetingChoices) => FormValues;
  request: (values: FormValues, meeting: { seriesId: string; occurrence: string; reason: string }) => R;
  preview: (task: TaskContext, request: R) => Promise<PlanPreview>;
  confirm: (task: TaskContext, request: R) => Promise<ChangeResult>;
};

const confirmDayOff: ActionField = {
  kind: 'checkbox',
  name: 'force',
  label: '我確認要在放假日（週末、國定假日或停止上班日）開會',
  hint: '新日期是放假日時才需要勾選；沒有勾選時，放假日會被拒絕。',
};

/** A value the form must have; said in zh-TW before the task sees an empty string. */
function required(values: FormValues, field: string, message: string): string {
  const value = (values[field] ?? '').trim();
  if (!value) throw new SecretariatInputError({ code: 'invalid-input', field, message });
  return value;
}

/** One action's spec, its request type checked against its task, then listed with the others. */
const action = <R>(spec: MeetingAction<R>) => spec as unknown as MeetingAction<unknown>;

const meetingActions: Array<MeetingAction<unknown>> = [
  action({
    name: 'move',
    label: '改期',
    confirmLabel: '確認改期',
    fields: (m) => [
      { kind: 'date', name: 'date', label: '新的日期', hint: `目前是 ${formalDate(m.date)}；請選擇新的日期`, required: true },
      { kind: 'time', name: 'start', label: '開始時間', hint: `不變則保留${clockTime(m.start)}` },
      confirmDayOff,
    ],
    defaults: (m) => ({ start: m.start }),
    request: (values, meeting) => ({
      ...meeting,
      date: required(values, 'date', '請選擇新的日期'),
      ...(values.start?.trim() ? { start: values.start.trim() } : {}),
      force: values.force === 'on',
    }),
    preview: previewMoveMeeting,
    confirm: moveMeeting,
  }),
  action({
    name: 'cancel',
    label: '停開（取消）',
    confirmLabel: '確認停開',
    fields: () => [],
    request: (_, meeting) => meeting,
    preview: previewCancelMeeting,
    confirm: cancelMeeting,
  }),
  action({
    name: 'reinstate',
    label: '恢復召開',
    confirmLabel: '確認恢復召開',
    fields: () => [],
    request: (_, meeting) => meeting,
    preview: previewReinstateMeeting,
    confirm: reinstateMeeting,
  }),
  action({
    name: 'venue',
    label: '變更地點',
    confirmLabel: '確認變更地點',
    fields: (m) => [
      { kind: 'select', name: 'venueId', label: '新的地點', hint: `目前在 ${m.venueName}`, options: m.venues, required: true },
    ],
    request: (values, meeting) => ({ ...meeting, venueId: required(values, 'venueId', '請選擇新的地點') }),
    preview: previewChangeMeetingVenue,
    confirm: changeMeetingVenue,
  }),
  action({
    name: 'swap',
    label: '主持互換',
    confirmLabel: '確認互換主持',
    fields: (m) => [
      {
        kind: 'select',
        name: 'other',
        label: '與哪一場會議互換主持',
        hint: `這場由 ${m.chairUnitName} 主持；互換後由對方那場的主持單位主持這場，反之亦然`,
        options: m.swapWith.map((o) => ({ value: o.value, label: `${tableDate(o.date)}（主持：${o.label}）` })),
        required: true,
      },
    ],
    request: (values, meeting) => ({ ...meeting, other: required(values, 'other', '請選擇要互換主持的會議') }),
    nothingToChoose: (m) => (m.swapWith.length === 0 ? '這個系列沒有其他尚未舉行、未停開的例行會議可以互換主持。' : undefined),
    preview: previewSwapMeetingChairs,
    confirm: swapMeetingChairs,
  }),
  action({
    name: 'acting-chair',
    label: '代理主持',
    confirmLabel: '確認代理主持',
    fields: (m) => [
      {
        kind: 'select',
        name: 'unitId',
        label: '由哪個單位代理主持',
        hint: `輪值是 ${m.chairUnitName}；代理只限這一場，之後的輪值順序不變`,
        options: m.actingChairs,
        required: true,
      },
    ],
    request: (values, meeting) => ({ ...meeting, unitId: required(values, 'unitId', '請選擇代理主持的單位') }),
    nothingToChoose: (m) => (m.actingChairs.length === 0 ? '這個系列沒有其他受邀單位可以代理主持。' : undefined),
    preview: previewAppointActingChair,
    confirm: appointActingChair,
  }),
];

/** The path segment of each action after /meetings/:seriesId/:slotKey/ (console-parts.ts lists them for the gateway). */
export const meetingActionNames = (): string[] => meetingActions.map((action) => action.name);

function meetingAction<R>(deps: ConsoleSectionDependencies, spec: MeetingAction<R>): ConsoleAction<R, PlanPreview, ChangeResult> {
  const meetingOf = (a: ActionContext) => meetingChoices(deps, a.params.seriesId ?? '', a.params.slotKey ?? '');
  const pageOf = (a: ActionContext) => `${a.frame.base}${meetingPath(a.params.seriesId ?? '', a.params.slotKey ?? '')}`;
  return {
    path: `/meetings/:seriesId/:slotKey/${spec.name}`,
    title: async (a) => {
      const m = await meetingOf(a);
      return `${spec.label}：${m.seriesName} ${tableDate(m.date)}`;
    },
    intro: async (a) => {
      const m = await meetingOf(a);
      return html`<p class="meeting-now">
          目前：${formalDate(m.date)}${clockTime(m.start)}，${m.venueName}，主持：${m.chairUnitName}${m.status === 'cancelled' ? '（已停開）' : ''}
        </p>
        ${spec.nothingToChoose?.(m) ? html`<p class="alert">${spec.nothingToChoose(m)}</p>` : ''}`;
    },
    fields: async (a) => spec.fields(await meetingOf(a)),
    defaults: async (a) => spec.defaults?.(await meetingOf(a)) ?? {},
    request: (values, a) =>
      spec.request(values, { seriesId: a.params.seriesId ?? '', occurrence: a.params.slotKey ?? '', reason: values.reason ?? '' }),
    preview: async (task, request) => withWorkingDayNotice(task.table, await spec.preview(task, request), task.now),
    showPreview: (preview) => planPreviewBody(deps.config, preview),
    confirm: spec.confirm,
    showResult: (result) => changeResultBody(deps.config, result.action),
    back: (a) => ({ href: pageOf(a), label: '回到這場會議' }),
    confirmLabel: spec.confirmLabel,
    resultAt: (result, a) => `${pageOf(a)}?done=${encodeURIComponent(result.action.id)}`,
  };
}

type SessionRequest = Parameters<typeof addAdHocSession>[1];

/** 新增臨時會議 (視個案需求彈性召開) for a series that allows them; from the plan or a meeting page. */
function adHocSessionAction(deps: ConsoleSectionDependencies): ConsoleAction<SessionRequest, PlanPreview, ChangeResult> {
  const seriesOf = (a: ActionContext): SeriesDefinition => findSeries(deps.config, a.params.seriesId ?? '');
  return {
    path: '/series/:seriesId/sessions/new',
    title: (a) => `新增臨時會議：${seriesOf(a).name.zh}`,
    intro: (a) => {
      const series = seriesOf(a);
      return series.allowAdHocSessions
        ? html`<p>臨時會議依個案需要加開，邀請與這個系列相同的單位；確認後會依一般的提前天數寄出開會通知（日期較近時立即寄出）。</p>`
        : html`<p class="alert">這個會議系列不開放加開臨時會議。</p>`;
    },
    fields: (a) => [
      { kind: 'date', name: 'date', label: '日期', required: true },
      {
        kind: 'time',
        name: 'start',
        label: '開始時間',
        hint: `空白則為${clockTime(seriesOf(a).start)}`,
      },
      confirmDayOff,
    ],
    defaults: (a) => ({ start: seriesOf(a).start }),
    request: (values, a) => ({
      seriesId: a.params.seriesId ?? '',
      date: required(values, 'date', '請選擇臨時會議的日期'),
      ...(values.start?.trim() ? { start: values.start.trim() } : {}),
      force: values.force === 'on',
      reason: values.reason ?? '',
    }),
    preview: async (task, request) => withWorkingDayNotice(task.table, await previewAddAdHocSession(task, request), task.now),
    showPreview: (preview) => planPreviewBody(deps.config, preview),
    confirm: addAdHocSession,
    showResult: (result, a) => {
      const slotKey = result.overrides[0]?.slotKey;
      return html`${changeResultBody(deps.config, result.action)}
      ${slotKey ? html`<p><a href="${a.frame.base}${meetingPath(a.params.seriesId ?? '', slotKey)}">前往這場臨時會議</a></p>` : ''}`;
    },
    back: (a) => ({ href: `${a.frame.base}/plan`, label: '回到年度計畫' }),
    confirmLabel: '確認新增臨時會議',
    // The new session's own page, which shows what was done.
    resultAt: (result, a) => {
      const slotKey = result.overrides[0]?.slotKey ?? '';
      return `${a.frame.base}${meetingPath(a.params.seriesId ?? '', slotKey)}?done=${encodeURIComponent(result.action.id)}`;
    },
  };
}

/**
 * The actions on a meeting, /meetings/:seriesId/:slotKey/<name> with its preview and confirmation,
 * and a series' new session, /series/:seriesId/sessions/new…; the meeting's page they start from and
 * return to is meeting-page.ts, in another function in AWS.
 */
export function meetingActionRoutes(deps: ConsoleSectionDependencies): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  for (const spec of meetingActions) mountAction(app, deps, meetingAction(deps, spec));
  mountAction(app, deps, adHocSessionAction(deps));
  return app;
}
