// 會議紀錄: the state of every meeting's minutes over the past year, overdue ones marked. States
// and dates only: reading minutes themselves is audited, on the meeting's page.
import { Hono } from 'hono';
import { html } from 'hono/html';
import { Temporal, todayInTaipei } from '../../core/calendar/local-date.ts';
import { minutesStateNames } from '../../core/minutes/minutes-lifecycle.ts';
import { loadCountyView } from '../../use-cases/load-county-view.ts';
import { minutesStatus } from '../../use-cases/minutes/minutes-views.ts';
import { consolePage } from './console-layout.ts';
import { dataTable, nothing, tableDate } from './console-format.ts';
import type { ConsoleEnv, ConsoleSectionDependencies } from './console-session.ts';

export function minutesListRoutes(deps: ConsoleSectionDependencies): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  app.get('/minutes', async (c) => {
    const frame = c.get('console');
    const [rows, view] = await Promise.all([minutesStatus(deps), loadCountyView(deps.table, deps.config)]);
    const newestFirst = [...rows].reverse();
    const thisYear = todayInTaipei(Temporal.Instant.fromEpochMilliseconds(deps.now().getTime())).year;
    return c.html(
      consolePage(frame, {
        title: '會議紀錄',
        section: 'minutes',
        lede: `過去一年已召開的 ${rows.length} 場會議；${rows.filter((r) => r.overdue).length} 場紀錄逾期`,
        body:
          newestFirst.length === 0
            ? nothing('過去一年沒有已召開的會議。')
            : dataTable(
                '各場會議的紀錄狀態',
                ['會議日期', '會議', '主持單位', '紀錄狀態', '應送出日期'],
                newestFirst.map((r) => [
                  tableDate(r.date, thisYear),
                  view.findSeries(r.seriesId)?.name.zh ?? r.seriesId,
                  view.unitName(r.chairUnitId),
                  `${minutesStateNames[r.state]}${r.version > 0 ? `（第${r.version}版）` : ''}`,
                  html`${tableDate(r.dueDate, thisYear)}${r.overdue ? html`<span class="tag">逾期</span>` : ''}`,
                ]),
                { nowrap: [0] },
              ),
      }),
    );
  });
  return app;
}
