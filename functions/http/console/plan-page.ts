// 年度計畫: all series of one year in one list, provisional dates marked, cancelled meetings struck
// through, and the year's plan to download in the county's own columns (CSV, XLSX, PDF) through the
// document use case (downloadAnnualPlan: rendered, audited among the secretariat's reads), behind
// the console's session. Changes to a meeting are made on its own page.
import { Hono } from 'hono';
import { html } from 'hono/html';
import { Temporal, todayInTaipei } from '../../core/calendar/local-date.ts';
import { rocYear } from '../../core/calendar/roc-date.ts';
import { annualPlanView, type PlanViewMeeting } from '../../use-cases/console/annual-plan-view.ts';
import { downloadAnnualPlan } from '../../use-cases/documents/document-downloads.ts';
import { DocumentError } from '../../use-cases/documents/document-error.ts';
import { attachment } from '../content-disposition.ts';
import { consolePage } from './console-layout.ts';
import { clockTime, dataTable, nothing, tableDate, type Cell } from './console-format.ts';
import type { ConsoleEnv, ConsoleSectionDependencies } from './console-session.ts';
import { meetingPath } from './meeting-page.ts';

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
    // Series that meet as a case needs (視個案需求彈性召開): a session is added from here or a meeting's page.
    const adHocSeries = deps.config.series.filter((s) => s.allowAdHocSessions);
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
            adHocSeries.length
              ? html`<ul class="action-links">
                  ${adHocSeries.map(
                    (s) =>
                      html`<li>
                        <a class="button secondary-link" href="${frame.base}/series/${encodeURIComponent(s.id)}/sessions/new"
                          >新增臨時會議：${s.name.zh}</a
                        >
                      </li>`,
                  )}
                </ul>`
              : ''
          }
          ${
            deps.renderDocument
              ? html`<section aria-labelledby="downloads-heading">
                  <h2 id="downloads-heading">下載${roc}年度計畫表</h2>
                  <ul class="downloads">
                    ${planFormats.map(
                      (f) =>
                        html`<li>
                          <a href="${frame.base}/plan/download?year=${year}&amp;format=${f.format}" download
                            >${roc}年度計畫表（${f.label}）</a
                          >
                        </li>`,
                    )}
                  </ul>
                </section>`
              : ''
          }
          <h2>各會議日期</h2>
          ${
            plan.meetings.length === 0
              ? nothing('這一年沒有排定的會議。')
              : dataTable(
                  `${roc}年度各會議日期`,
                  ['日期', '時間', '會議', '主持', '地點', '備註'],
                  plan.meetings.map((m) => row(m, frame.base)),
                  {
                    nowrap: [0, 1],
                  },
                )
          }`,
      }),
    );
  });

  app.get('/plan/download', async (c) => {
    const frame = c.get('console');
    const year = Number(c.req.query('year'));
    const format = planFormats.find((f) => f.format === c.req.query('format'))?.format;
    const refuse = (message: string, status: 404 | 422 | 503) =>
      c.html(
        consolePage(frame, {
          title: '無法下載年度計畫表',
          section: 'plan',
          body: html`<p class="alert bad" role="alert">${message}</p>
            <p><a href="${frame.base}/plan">回到年度計畫</a></p>`,
        }),
        status,
      );
    if (!deps.renderDocument) return refuse('此環境沒有提供文件下載；請洽資訊人員。', 404);
    if (!format) return refuse('請選擇 CSV、XLSX 或 PDF 其中一種格式。', 422);
    try {
      const file = await downloadAnnualPlan(
        { table: deps.table, config: deps.config, render: deps.renderDocument },
        { year, format, actor: { kind: 'secretariat', subject: frame.officer.subject, via: 'console' }, now: deps.now() },
      );
      return c.body(Buffer.from(file.base64, 'base64'), 200, {
        'Content-Type': file.contentType,
        'Content-Disposition': attachment(file.filename, file.asciiFilename),
      });
    } catch (error) {
      if (!(error instanceof DocumentError)) throw error;
      return refuse(error.message, error.status === 404 ? 404 : error.status === 503 ? 503 : 422);
    }
  });
  return app;
}

/** The annual plan's downloads, in the order a county officer reaches for them. */
const planFormats = [
  { format: 'xlsx', label: 'Excel 試算表 XLSX' },
  { format: 'csv', label: 'CSV' },
  { format: 'pdf', label: 'PDF' },
] as const;

function row(m: PlanViewMeeting, base: string): Cell[] {
  const notes = [
    m.cancelled ? '已取消' : '',
    m.provisional ? '日期暫定（尚無該年辦公日曆）' : '',
    m.needsDecision ? '待決定日期' : '',
    m.adHoc ? '臨時會' : '',

    m.placementNote ?? '',
  ].filter(Boolean);
  const cell = (text: string) => (m.cancelled ? html`<s>${text}</s>` : html`${text}`);
  // A stored meeting has a page of its own; one the planner has not made yet has nothing to show.
  const name = m.planned ? cell(m.seriesName) : html`<a href="${base}${meetingPath(m.seriesId, m.slotKey)}">${cell(m.seriesName)}</a>`;
  return [cell(tableDate(m.date)), cell(clockTime(m.start)), name, m.chairUnitName, m.venueName, notes.join('；')];
}
