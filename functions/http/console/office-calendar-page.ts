// 辦公日曆: which years of the DGPA office calendar are loaded (the bundled ones and any imported),
// and the county's closures (停止上班) in force.
import { Hono } from 'hono';
import { html } from 'hono/html';
import { Temporal, todayInTaipei } from '../../core/calendar/local-date.ts';
import { rocYear } from '../../core/calendar/roc-date.ts';
import { listClosures, readOfficeCalendar } from '../../adapters/dynamodb/calendar-store.ts';
import { consolePage } from './console-layout.ts';
import { dataTable, formalDate, nothing, recordedAt } from './console-format.ts';
import type { ConsoleEnv, ConsoleSectionDependencies } from './console-session.ts';

export function officeCalendarRoutes(deps: ConsoleSectionDependencies): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  app.get('/office-calendar', async (c) => {
    const frame = c.get('console');
    const thisYear = todayInTaipei(Temporal.Instant.fromEpochMilliseconds(deps.now().getTime())).year;
    const [{ calendar }, { closures, skipped }] = await Promise.all([readOfficeCalendar(deps.table), listClosures(deps.table)]);
    const years = calendar.loadedYears();
    const missing = [thisYear, thisYear + 1].filter((y) => !years.includes(y));
    return c.html(
      consolePage(frame, {
        title: '辦公日曆',
        section: 'office-calendar',
        body: html`<h2>已載入的年度</h2>
          <p>${yearRanges(years)}</p>
          ${
            missing.length
              ? html`<p class="alert">
                  尚未載入：${missing.map((y) => `${rocYear(y)}年`).join('、')}。這些年度的會議依週末規則暫排，日期可能變動。
                </p>`
              : ''
          }
          <h2>停止上班日（颱風等）</h2>
          ${
            closures.length === 0
              ? nothing('目前沒有登錄的停止上班日。')
              : dataTable(
                  '登錄的停止上班日',
                  ['日期', '原因', '登錄'],
                  closures.map((closure) => [
                    formalDate(closure.date),
                    closure.reason,
                    `${closure.declaredAt ? recordedAt(closure.declaredAt) : ''}${closure.declaredBy ? ` ${closure.declaredBy}` : ''}`,
                  ]),
                )
          }
          ${
            skipped.length
              ? html`<p class="alert bad">
                  有 ${skipped.length} 筆停止上班日的資料有誤，排程時已略過：${skipped.map((s) => s.date).join('、')}
                </p>`
              : ''
          }`,
      }),
    );
  });
  return app;
}

/** `106年至115年（2017–2026）、117年（2028）`: consecutive years as one range, so the list stays short. */
function yearRanges(years: readonly number[]): string {
  const ranges: Array<[number, number]> = [];
  for (const year of [...years].sort((a, b) => a - b)) {
    const last = ranges.at(-1);
    if (last && year === last[1] + 1) last[1] = year;
    else ranges.push([year, year]);
  }
  return ranges
    .map(([from, to]) => (from === to ? `${rocYear(from)}年（${from}）` : `${rocYear(from)}年至${rocYear(to)}年（${from}–${to}）`))
    .join('、');
}
