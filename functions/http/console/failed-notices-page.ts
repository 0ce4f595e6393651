// 寄送失敗: the notices that could not be sent, or may not have arrived, in words a person
// understands (which meeting, who, why). Resending is the retry task's (bin/cli.ts outbox --retry).
import { Hono } from 'hono';
import { html } from 'hono/html';
import { Temporal, todayInTaipei } from '../../core/calendar/local-date.ts';
import type { NoticeKind } from '../../core/notices/notice.ts';
import { failedNoticesView } from '../../use-cases/console/failed-notices-view.ts';
import { consolePage } from './console-layout.ts';
import { dataTable, nothing, tableDate } from './console-format.ts';
import type { ConsoleEnv, ConsoleSectionDependencies } from './console-session.ts';

export const noticeKindNames: Readonly<Record<NoticeKind, string>> = {
  invitation: '開會通知或異動',
  cancellation: '取消通知',
  reminder: '會前提醒',
  'chair-duty': '主持提醒',
  'chair-change': '主持異動',
  'minutes-due': '紀錄催繳',
  'minutes-overdue': '紀錄逾期',
  'minutes-distributed': '紀錄分送',
};

export function failedNoticesRoutes(deps: ConsoleSectionDependencies): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  app.get('/failed-notices', async (c) => {
    const frame = c.get('console');
    const rows = await failedNoticesView(deps);
    const thisYear = todayInTaipei(Temporal.Instant.fromEpochMilliseconds(deps.now().getTime())).year;
    return c.html(
      consolePage(frame, {
        title: '寄送失敗的通知',
        section: 'failed-notices',
        lede: rows.length ? `${rows.length} 則通知需要處理` : undefined,
        body:
          rows.length === 0
            ? nothing('所有通知都已寄出。')
            : dataTable(
                '寄送失敗或不確定是否寄達的通知',
                ['會議', '通知', '收件人', '狀況', '原因'],
                rows.map((r) => [
                  `${r.meetingDate ? `${tableDate(r.meetingDate, thisYear)} ` : ''}${r.seriesName}`,
                  noticeKindNames[r.kind],
                  r.recipientName,
                  `${r.status === 'failed' ? '寄送失敗' : '不確定是否寄達'}（試了 ${r.attempts} 次）`,
                  html`${r.reason}${r.detail ? html`<br /><span class="muted">${r.detail}</span>` : ''}`,
                ]),
              ),
      }),
    );
  });
  return app;
}
