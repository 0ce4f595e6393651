// 年度計畫: all series of one year in one list, provisional dates marked, cancelled meetings struck
// through. Read only; changes to a meeting are made on its own page.
import { Hono } from 'hono';
import { html } from 'hono/html';
import { Temporal, todayInTaipei } from '../../core/calendar/local-date.ts';
import { rocYear } from '../../core/calendar/roc-date.ts';
import { annualPlanView, type PlanViewMeeting } from '../../use-cases/console/annual-plan-view.ts';
import { consolePage } from './console-layout.ts';
import { clockTime, dataTable, nothing, tableDate, type Cell } from './console-format.ts';
import type { ConsoleEnv, ConsoleSectionDependencies } from './console-session.ts';

export function planRoutes(deps: ConsoleSectionDependencies): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  app.get('/plan', async (c) => {
    const frame = c.get('console');
    const thisYear = todayInTaipei(Temporal.Instant.fromEpochMilliseconds(deps.now().getTime())).year;
    const asked = Number(c.req.query('year'));
    // Two years either way: the planner's horizon, and what a county plans ahead.
    const year = Number.isInteger(asked) && Math.abs(asked - thisYear) <= 2 ? asked : thisYear;
    const plan = await annualPlanView(deps, year);
    const roc = rocYear(year);
    return c.html(
      consolePage(frame, {
        title: `${roc}年度會議計畫`,
        section: 'plan',
        lede: `${plan.meetings.filter((m) => !m.cancelled).length} 場會議（${year} 年）`,
        body: html`<nav aria-label="年度" class="pager">
            ${year - 1 >= thisYear - 2 ? html`<a href="${frame.base}/plan?year=${year - 1}">← ${roc - 1}年</a>` : ''}
            ${year + 1 <= thisYear + 2 ? html`<a href="${frame.base}/plan?year=${year + 1}">${roc + 1}年 →</a>` : ''}
          </nav>
          ${
            plan.meetings.length === 0
              ? nothing('這一年沒有排定的會議。')
              : dataTable(`${roc}年度各會議日期`, ['日期', '時間', '會議', '主持', '地點', '備註'], plan.meetings.map(row), {
                  nowrap: [0, 1],
                })
          }`,
      }),
    );
  });
  return app;
}

function row(m: PlanViewMeeting): Cell[] {
  const notes = [
    m.cancelled ? '已取消' : '',
    m.provisional ? '日期暫定（尚無該年辦公日曆）' : '',
    m.needsDecision ? '待決定日期' : '',
    m.adHoc ? '臨時會' : '',

    m.placementNote ?? '',
  ].filter(Boolean);
  const cell = (text: string) => (m.cancelled ? html`<s>${text}</s>` : html`${text}`);
  return [cell(tableDate(m.date)), cell(clockTime(m.start)), cell(m.seriesName), m.chairUnitName, m.venueName, notes.join('；')];
}
