// The secretariat's first page: upcoming meetings across every series, in zh-TW with ROC dates.
// It shows when, where and who chairs; never case details.
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { CountyConfig } from '../core/series/county-config.ts';
import type { Occurrence } from '../core/planning/occurrence.ts';
import { Temporal } from '../core/calendar/local-date.ts';
import { rocFormalDate, rocClockTime } from '../core/calendar/roc-date.ts';

export function upcomingPage(config: CountyConfig, occurrences: readonly Occurrence[]): HtmlEscapedString | Promise<HtmlEscapedString> {
  const seriesName = (id: string) => config.series.find((s) => s.id === id)?.name.zh ?? id;
  const unitName = (id: string) => config.units.find((u) => u.id === id)?.name.zh ?? id;
  const venueName = (id: string) => config.venues.find((v) => v.id === id)?.name.zh ?? id;
  const rows = occurrences.map((o) => {
    const flags = [
      o.status === 'cancelled' ? '已取消' : '',
      o.provisional ? '日期暫定（辦公日曆未公布）' : '',
      o.needsDecision ? '遇休假日，待承辦人決定' : '',
      o.adHoc ? '臨時加開' : '',
    ]
      .filter(Boolean)
      .join('；');
    return html`<tr class="${o.status}">
      <td>${rocFormalDate(Temporal.PlainDate.from(o.date))}<br />${rocClockTime(Temporal.PlainTime.from(o.start))}</td>
      <td>${seriesName(o.seriesId)}</td>
      <td>${unitName(o.chairUnitId)}</td>
      <td>${venueName(o.venueId)}</td>
      <td>${flags}${o.placementNote ? html`<br /><small>${o.placementNote}</small>` : ''}</td>
    </tr>`;
  });
  return html`<!doctype html>
    <html lang="zh-Hant-TW">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>近期會議｜${config.county.name.zh}社會安全網</title>
        <style>
          body {
            font-family: system-ui, sans-serif;
            margin: 1rem;
            line-height: 1.5;
          }
          table {
            border-collapse: collapse;
            width: 100%;
          }
          th,
          td {
            border-bottom: 1px solid #ccc;
            padding: 0.4rem;
            text-align: left;
            vertical-align: top;
          }
          tr.cancelled td {
            color: #888;
            text-decoration: line-through;
          }
        </style>
      </head>
      <body>
        <h1>${config.county.name.zh}社會安全網 近期會議</h1>
        <p>Upcoming Social Safety Net meetings. 本頁不含個案資料。</p>
        <table>
          <thead>
            <tr>
              <th>日期時間</th>
              <th>會議</th>
              <th>主持單位</th>
              <th>地點</th>
              <th>備註</th>
            </tr>
          </thead>
          <tbody>
            ${rows}
          </tbody>
        </table>
      </body>
    </html>`;
}
