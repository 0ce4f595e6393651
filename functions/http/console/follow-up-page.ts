// 待辦與追蹤: the open action items of approved minutes and the owed outcome follow-up forms,
// across series, by due date, overdue ones marked. Action items are minutes content: listing them
// is audited (listActionItems), as in the JSON API.
import { Hono } from 'hono';
import { html } from 'hono/html';
import { Temporal, todayInTaipei } from '../../core/calendar/local-date.ts';
import { itemOverdue } from '../../core/minutes/minutes-deadline.ts';
import { placementTypeNames } from '../../core/minutes/placement-type.ts';
import { queryOwedFollowUpForms } from '../../adapters/dynamodb/minutes-store.ts';
import { loadCountyView } from '../../use-cases/load-county-view.ts';
import { listActionItems } from '../../use-cases/minutes/minutes-views.ts';
import { consolePage } from './console-layout.ts';
import { dataTable, nothing, tableDate } from './console-format.ts';
import type { ConsoleEnv, ConsoleSectionDependencies } from './console-session.ts';

export function followUpRoutes(deps: ConsoleSectionDependencies): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  app.get('/follow-up', async (c) => {
    const frame = c.get('console');
    const today = todayInTaipei(Temporal.Instant.fromEpochMilliseconds(deps.now().getTime())).toString();
    const thisYear = Number(today.slice(0, 4));
    const actor = { kind: 'secretariat' as const, subject: frame.officer.subject, via: 'console' };
    const [items, forms, view] = await Promise.all([
      listActionItems(deps, actor, 'open'),
      queryOwedFollowUpForms(deps.table),
      loadCountyView(deps.table, deps.config),
    ]);
    const seriesName = (id: string) => view.findSeries(id)?.name.zh ?? id;
    const due = (date: string) => html`${tableDate(date, thisYear)}${itemOverdue(date, today) ? html`<span class="tag">逾期</span>` : ''}`;
    return c.html(
      consolePage(frame, {
        title: '待辦與追蹤',
        section: 'follow-up',
        lede: `${items.length} 項決議待辦、${forms.length} 份安置成效追蹤表未完成`,
        body: html`<h2>決議待辦事項</h2>
          ${
            items.length === 0
              ? nothing('沒有未完成的決議待辦事項。')
              : dataTable(
                  '未完成的決議待辦事項',
                  ['期限', '事項', '負責單位', '會議'],
                  items.map((i) => [
                    due(i.dueDate),
                    i.description,
                    view.unitName(i.ownerUnitId),
                    `${tableDate(i.meetingDate, thisYear)} ${seriesName(i.seriesId)}`,
                  ]),
                )
          }
          <h2>安置成效追蹤表</h2>
          ${
            forms.length === 0
              ? nothing('沒有待繳的追蹤表。')
              : dataTable(
                  '待繳的安置成效追蹤表',
                  ['期限', '安置類型', '份數', '負責單位', '會議'],
                  forms.map((f) => [
                    due(f.dueDate),
                    placementTypeNames[f.placementType].zh,
                    f.formsOwed,
                    f.ownerUnitId ? view.unitName(f.ownerUnitId) : '未指定',
                    `${tableDate(f.meetingDate, thisYear)} ${seriesName(f.seriesId)}`,
                  ]),
                )
          }`,
      }),
    );
  });
  return app;
}
