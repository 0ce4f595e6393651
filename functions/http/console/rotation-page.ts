// 輪值: the next 12 chairs of each series and how many meetings each unit chairs per year, from
// the chair report use case (the core rotation, as the planner walks it).
import { Hono } from 'hono';
import { html } from 'hono/html';
import { Temporal, todayInTaipei } from '../../core/calendar/local-date.ts';
import { rocYear } from '../../core/calendar/roc-date.ts';
import { loadOfficeCalendar } from '../../adapters/dynamodb/calendar-store.ts';
import { chairReport } from '../../use-cases/secretariat/chair-report.ts';
import { loadCountyView } from '../../use-cases/load-county-view.ts';
import { consolePage } from './console-layout.ts';
import { dataTable, tableDate } from './console-format.ts';
import type { ConsoleEnv, ConsoleSectionDependencies } from './console-session.ts';

const basisNames = { stored: '已排定', planned: '依排程', preview: '推估' } as const;

export function rotationRoutes(deps: ConsoleSectionDependencies): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  app.get('/rotation', async (c) => {
    const frame = c.get('console');
    const now = Temporal.Instant.fromEpochMilliseconds(deps.now().getTime());
    const thisYear = todayInTaipei(now).year;
    const [view, calendar] = await Promise.all([loadCountyView(deps.table, deps.config), loadOfficeCalendar(deps.table)]);
    const reports = await Promise.all(
      view.series.map(async (series) => ({
        series,
        report: await chairReport(deps.table, view.config, calendar, { seriesId: series.id, count: 12, now }),
      })),
    );
    return c.html(
      consolePage(frame, {
        title: '主持輪值',
        section: 'rotation',
        lede: '各會議接下來 12 次的主持單位，以及各單位每年主持的場數。「推估」表示假設之前的會議都如期召開。',
        body: html`${reports.map(
          ({ series, report }) =>
            html`<section aria-labelledby="rotation-${series.id}">
              <h2 id="rotation-${series.id}">${series.name.zh}</h2>
              ${dataTable(
                `${series.name.zh}：接下來的主持單位`,
                ['日期', '主持單位', '依據'],
                report.upcoming.map((u) => [tableDate(u.date, thisYear), view.unitName(u.chairUnitId), basisNames[u.basis]]),
                { nowrap: [0] },
              )}
              ${dataTable(
                `${series.name.zh}：各單位每年主持場數`,
                ['單位', ...report.perYear.map((y) => `${rocYear(y.year)}年`)],
                (report.perYear[0]?.counts ?? []).map(({ unitId }) => [
                  view.unitName(unitId),
                  ...report.perYear.map((y) => y.counts.find((c) => c.unitId === unitId)?.meetings ?? 0),
                ]),
              )}
            </section>`,
        )}`,
      }),
    );
  });
  return app;
}
