// 寄送失敗: the notices that could not be sent, or may not have arrived, in words a person
// understands (which meeting, who, why: listNoticeProblems, as the JSON API and the CLI list them),
// each with 重新寄送 through the console's form → preview → confirm (action-form.ts) and the retry
// task (tasks.ts retryFailedNotice). A notice whose outcome is unknown may have arrived: it is sent
// again only once the officer ticks that they checked with the person that it did not.
import { Hono } from 'hono';
import { html } from 'hono/html';
import { listNoticeProblems, type NoticeProblem } from '../../use-cases/secretariat/failed-notices.ts';
import { retryFailedNotice, type TaskContext } from '../../use-cases/secretariat/tasks.ts';
import { SecretariatInputError } from '../../use-cases/secretariat/secretariat-input-error.ts';
import { requireReason } from '../../use-cases/secretariat/request-checks.ts';
import { mountAction, type ActionContext } from './action-form.ts';
import { consolePage, type Markup } from './console-layout.ts';
import { dataTable, nothing, recordedAt } from './console-format.ts';
import type { ConsoleEnv, ConsoleSectionDependencies } from './console-session.ts';
import { doneAt, doneBanner } from './section-result.ts';

type RetryRequest = { noticeId: string; reason: string; confirmNotReceived: boolean };

export function failedNoticesRoutes(deps: ConsoleSectionDependencies): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  app.get('/failed-notices', async (c) => {
    const frame = c.get('console');
    const problems = [...(await listNoticeProblems(deps.table, deps.config))].reverse();
    return c.html(
      consolePage(frame, {
        title: '寄送失敗的通知',
        section: 'failed-notices',
        lede: problems.length ? `${problems.length} 則通知需要處理，最新的在前` : undefined,
        body: html`${await doneBanner(c, deps)}${
          problems.length === 0
            ? nothing('所有通知都已寄出。')
            : dataTable(
                '寄送失敗或不確定是否寄達的通知',
                ['會議', '通知', '收件人', '狀況', '原因', '處理'],
                problems.map((p) => [
                  meetingsOf(p),
                  p.kindText,
                  recipientName(p),
                  html`${p.statusText}<br /><span class="muted">試了 ${p.attempts} 次${p.at ? `，${recordedAt(p.at)}` : ''}</span>`,
                  p.why,
                  html`<a href="${frame.base}/failed-notices/${p.id}/retry" aria-label="重新寄送：${p.person.name}的${p.kindText}"
                    >重新寄送</a
                  >`,
                ]),
                { nowrap: [1, 5] },
              )
        }`,
      }),
    );
  });

  /**
   * The notice the form is about, as the list shows it. Once resent it is no longer on the list:
   * the confirmation's page and a second click still render, and the task itself says what is wrong.
   */
  const problemOf = async (a: ActionContext): Promise<NoticeProblem | undefined> =>
    (await listNoticeProblems(deps.table, deps.config)).find((p) => p.id === a.params.noticeId);

  mountAction(app, deps, {
    path: '/failed-notices/:noticeId/retry',
    title: async (a) => {
      const p = await problemOf(a);
      return p ? `重新寄送：${p.kindText}給 ${p.person.name}` : '重新寄送通知';
    },
    intro: async (a) => {
      const p = await problemOf(a);
      return p
        ? describeProblem(p)
        : html`<p class="alert">這則通知已不在寄送失敗的清單中：可能已重新寄送或已寄出。請回到清單重新整理。</p>`;
    },
    fields: async (a) =>
      (await problemOf(a))?.status === 'unknown'
        ? [
            {
              kind: 'checkbox',
              name: 'confirmNotReceived',
              label: '我已向收件人確認，他沒有收到這封通知',
              hint: '這封通知可能已經寄達；確認沒有收到才重寄，以免對方收到兩封',
            },
          ]
        : [],
    request: (values, a) => ({
      noticeId: a.params.noticeId ?? '',
      reason: values.reason ?? '',
      confirmNotReceived: values.confirmNotReceived === 'on',
    }),
    // The retry task has no preview of its own: what it would send is the notice as listed. An
    // unknown outcome without the confirmation is refused here already, next to its checkbox.
    preview: async (_task: TaskContext, request: RetryRequest) => {
      const problem = (await listNoticeProblems(deps.table, deps.config)).find((p) => p.id === request.noticeId);
      if (!problem)
        throw new SecretariatInputError({
          code: 'no-such-notice',
          field: 'noticeId',
          status: 404,
          message: '找不到這則通知；請重新整理寄送失敗的清單',
        });
      requireReason(request.reason);
      if (problem.status === 'unknown' && !request.confirmNotReceived)
        throw new SecretariatInputError({
          code: 'unknown-outcome-needs-confirmation',
          field: 'confirmNotReceived',
          message: '這則通知可能已經寄達；請先向收件人確認沒有收到，勾選後再重新寄送',
        });
      return problem;
    },
    showPreview: (problem) =>
      html`${describeProblem(problem)}
        <h2>將通知</h2>
        <p>${problem.kindText}重新排入寄送佇列，幾分鐘內寄給 ${recipientName(problem)}。</p>`,
    confirm: (task, request) => retryFailedNotice(task, request),
    showResult: (result) =>
      html`<p>已重新排入寄送：${result.notice.unitName} ${result.notice.name} 的通知，幾分鐘內寄出。</p>
        <p>原因：${result.action.reason}</p>`,
    back: (a) => ({ href: `${a.frame.base}/failed-notices`, label: '回到寄送失敗的通知' }),
    resultAt: doneAt('/failed-notices'),
    confirmLabel: '確認重新寄送',
  });
  return app;
}

/** The recipient as the notice names them: with their unit already (社會局 兒少保護科 科長); the unit added only when it is not. */
function recipientName(p: NoticeProblem): string {
  return p.person.name.startsWith(p.person.unitName) ? p.person.name : `${p.person.unitName} ${p.person.name}`;
}

function meetingsOf(p: NoticeProblem): string {
  return p.meetings.map((m) => `${m.dateText ?? m.slotKey} ${m.seriesName}`).join('、') || '（沒有對應的會議）';
}

function describeProblem(p: NoticeProblem): Markup {
  return html`<dl class="facts">
    <dt>會議</dt>
    <dd>${meetingsOf(p)}</dd>
    <dt>通知</dt>
    <dd>${p.kindText}</dd>
    <dt>收件人</dt>
    <dd>${recipientName(p)}</dd>
    <dt>狀況</dt>
    <dd>${p.statusText}（試了 ${p.attempts} 次）</dd>
    <dt>原因</dt>
    <dd>${p.why}</dd>
  </dl>`;
}
