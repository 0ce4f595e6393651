// 稽核紀錄: who read or changed what. Without a meeting chosen: the secretariat's reads that span
// meetings (lists of action items, overdue reports), newest first. With a meeting chosen (from the
// past and coming year's meetings): that meeting's whole trail, minutes reads and writes included.
import { Hono } from 'hono';
import { html } from 'hono/html';
import { actorLabel, type AuditRecord } from '../../core/minutes/minutes-record.ts';
import { minutesStateNames } from '../../core/minutes/minutes-lifecycle.ts';
import { listAudit, listViewsAudit } from '../../adapters/dynamodb/minutes-store.ts';
import { listOccurrences } from '../../adapters/dynamodb/occurrence-store.ts';
import { loadCountyView } from '../../use-cases/load-county-view.ts';
import { consolePage } from './console-layout.ts';
import { dataTable, nothing, recordedAt, tableDate } from './console-format.ts';
import type { ConsoleEnv, ConsoleSectionDependencies } from './console-session.ts';

const actionNames: Record<string, string> = {
  read: '閱讀紀錄',
  save: '儲存草稿',
  submit: '送出紀錄',
  approve: '核定紀錄',
  return: '退回紀錄',
  distribute: '分送紀錄',
  'follow-up': '更新追蹤',
  'list-action-items': '查閱待辦事項清單',
  'list-overdue': '查閱逾期清單',
  'issue-link': '發給紀錄連結',
  'issue-notice': '發開會通知單',
  'download-document': '下載文件',
};

/** Shown newest first, at most this many. */
const shown = 200;

export function auditRoutes(deps: ConsoleSectionDependencies): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  app.get('/audit', async (c) => {
    const frame = c.get('console');
    const view = await loadCountyView(deps.table, deps.config);
    const year = deps.now().getUTCFullYear();
    const meetings = (await Promise.all(view.series.map((s) => listOccurrences(deps.table, s.id))))
      .flat()
      .filter((o) => Math.abs(Number(o.date.slice(0, 4)) - year) <= 1)
      .sort((a, b) => b.date.localeCompare(a.date));
    const chosen = meetings.find((o) => `${o.seriesId}/${o.slotKey}` === c.req.query('meeting'));
    const records = chosen ? await listAudit(deps.table, chosen.seriesId, chosen.slotKey) : await listViewsAudit(deps.table);
    const newest = [...records].sort((a, b) => b.at.localeCompare(a.at)).slice(0, shown);
    const seriesName = (id: string | undefined) => (id ? (view.findSeries(id)?.name.zh ?? id) : '');
    const describe = (r: AuditRecord) =>
      [
        r.state ? minutesStateNames[r.state] : '',
        r.version ? `第${r.version}版` : '',
        r.count !== undefined ? `${r.count} 筆` : '',
        r.document ?? '',
      ]
        .filter(Boolean)
        .join('，');
    return c.html(
      consolePage(frame, {
        title: '稽核紀錄',
        section: 'audit',
        body: html`<form method="get" action="${frame.base}/audit" class="filter">
            <label for="meeting">會議</label>
            <select id="meeting" name="meeting">
              <option value="">幕僚跨會議查閱紀錄</option>
              ${meetings.map(
                (o) =>
                  html`<option value="${o.seriesId}/${o.slotKey}" ${chosen === o ? 'selected' : ''}>
                    ${tableDate(o.date, year)} ${seriesName(o.seriesId)}
                  </option>`,
              )}
            </select>
            <button type="submit" class="primary">顯示</button>
          </form>
          <h2>${chosen ? `${tableDate(chosen.date, year)} ${seriesName(chosen.seriesId)}` : '幕僚跨會議查閱紀錄'}</h2>
          ${
            newest.length === 0
              ? nothing('沒有紀錄。')
              : dataTable(
                  '稽核紀錄（最新在前）',
                  ['時間', '人員', '動作', '會議', '內容'],
                  newest.map((r) => [
                    recordedAt(r.at),
                    actorLabel(r.actor),
                    actionNames[r.action] ?? r.action,
                    `${seriesName(r.seriesId)}${r.slotKey ? ` ${r.slotKey}` : ''}`,
                    describe(r),
                  ]),
                  { nowrap: [0] },
                )
          }`,
      }),
    );
  });
  return app;
}
