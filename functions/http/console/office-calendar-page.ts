// 辦公日曆: which years of the DGPA office calendar are loaded (the bundled ones and any imported),
// and the county's closures (停止上班) in force; and the three tasks on them, each through the
// console's form → preview → confirm (action-form.ts) and the same use cases as the JSON API and
// the CLI (tasks.ts):
//   /office-calendar/import            匯入辦公日曆 (the DGPA CSV, uploaded), then every series re-planned
//   /office-calendar/closures/declare  宣布停止上班
//   /office-calendar/closures/remove   移除停止上班 (withdrawn, or entered by mistake)
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { html } from 'hono/html';
import { Temporal, todayInTaipei } from '../../core/calendar/local-date.ts';
import { rocYear } from '../../core/calendar/roc-date.ts';
import { listClosures, readOfficeCalendar } from '../../adapters/dynamodb/calendar-store.ts';
import {
  declareOfficeClosure,
  importCalendarFile,
  previewDeclareOfficeClosure,
  previewImportCalendarFile,
  previewRemoveOfficeClosure,
  removeOfficeClosure,
} from '../../use-cases/secretariat/tasks.ts';
import { parseCalendarUpload } from '../../use-cases/secretariat/import-office-calendar.ts';
import { SecretariatInputError } from '../../use-cases/secretariat/secretariat-input-error.ts';
import { changeResultBody, mountAction, planPreviewBody, uploadedFile, type ActionContext } from './action-form.ts';
import { consolePage } from './console-layout.ts';
import { dataTable, formalDate, nothing, recordedAt } from './console-format.ts';
import type { ConsoleEnv, ConsoleSectionDependencies } from './console-session.ts';
import { doneAt, doneBanner } from './section-result.ts';

/** The largest calendar upload, as the JSON API takes: a year of DGPA rows is about 12 KB. */
export const maxCalendarUploadBytes = 256 * 1024;

export function officeCalendarRoutes(deps: ConsoleSectionDependencies): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  const thisYearOf = () => todayInTaipei(Temporal.Instant.fromEpochMilliseconds(deps.now().getTime())).year;

  app.get('/office-calendar', async (c) => {
    const frame = c.get('console');
    const thisYear = thisYearOf();
    const [{ calendar }, { closures, skipped }] = await Promise.all([readOfficeCalendar(deps.table), listClosures(deps.table)]);
    const years = calendar.loadedYears();
    const missing = [thisYear, thisYear + 1].filter((y) => !years.includes(y));
    const at = `${frame.base}/office-calendar`;
    return c.html(
      consolePage(frame, {
        title: '辦公日曆',
        section: 'office-calendar',
        body: html`${await doneBanner(c, deps)}
          <h2>已載入的年度</h2>
          <p>${yearRanges(years)}</p>
          ${
            missing.length
              ? html`<p class="alert">
                  尚未載入：${missing.map((y) => `${rocYear(y)}年`).join('、')}。這些年度的會議依週末規則暫排，日期可能變動。
                </p>`
              : ''
          }
          <p>
            <a class="button" href="${at}/import">匯入辦公日曆（CSV）</a>
          </p>
          <p class="muted">
            人事行政總處每年公布次年的「政府行政機關辦公日曆表」，下載 CSV 檔後在此匯入；匯入後會重新排定受影響的會議並通知與會者。
          </p>
          <h2>停止上班日（颱風等）</h2>
          ${
            closures.length === 0
              ? nothing('目前沒有登錄的停止上班日。')
              : dataTable(
                  '登錄的停止上班日',
                  ['日期', '原因', '登錄', '操作'],
                  closures.map((closure) => [
                    formalDate(closure.date),
                    closure.reason,
                    closure.declaredAt ? recordedAt(closure.declaredAt) : '',
                    html`<a href="${at}/closures/remove?date=${closure.date}" aria-label="移除 ${formalDate(closure.date)} 的停止上班"
                      >移除</a
                    >`,
                  ]),
                  { nowrap: [0] },
                )
          }
          <p><a class="button" href="${at}/closures/declare">宣布停止上班</a></p>
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

  const back = (a: ActionContext) => ({ href: `${a.frame.base}/office-calendar`, label: '回到辦公日曆' });

  // Refused on its declared size before anything else reads it; the form says so in words.
  const tooLarge = (c: Context<ConsoleEnv>) =>
    c.html(
      consolePage(c.get('console'), {
        title: '檔案過大，沒有匯入',
        body: html`<p class="alert bad" role="alert">
            上傳的檔案超過 ${maxCalendarUploadBytes / 1024} KB。人事行政總處的辦公日曆表 CSV 一年約 12
            KB，請確認選的是正確的檔案。沒有做任何變更。
          </p>
          <p><a class="button" href="${c.get('console').base}/office-calendar/import">重新選擇檔案</a></p>`,
      }),
      413,
    );
  app.use('/office-calendar/import', uploadLimit(maxCalendarUploadBytes + 16 * 1024, tooLarge));
  // The preview carries the file on to the confirmation as base64 (4/3 of its size) in a hidden field.
  app.use('/office-calendar/import/*', uploadLimit(Math.ceil((maxCalendarUploadBytes * 4) / 3) + 16 * 1024, tooLarge));

  mountAction(app, deps, {
    path: '/office-calendar/import',
    title: () => '匯入辦公日曆',
    intro: () =>
      html`<p>
        請上傳人事行政總處公布的「政府行政機關辦公日曆表」CSV
        檔（一個年度一個檔）。整個檔案會先檢查，有任何一行不對就不會匯入，並指出是第幾行、哪裡不對。
      </p>`,
    fields: () => [
      {
        kind: 'file',
        name: 'file',
        label: '辦公日曆檔（CSV）',
        required: true,
        accept: '.csv,.json,text/csv',
        hint: `人事行政總處的 CSV 檔（Big5 或 UTF-8 皆可），最大 ${maxCalendarUploadBytes / 1024} KB`,
      },
    ],
    request: (values) => {
      const file = uploadedFile(values, 'file');
      if (!file) throw new SecretariatInputError({ code: 'invalid-calendar-file', field: 'file', message: '請選擇要匯入的辦公日曆檔' });
      return { ...file, reason: values.reason ?? '' };
    },
    preview: async (task, upload) => {
      const preview = await previewImportCalendarFile(task, upload);
      return { preview, year: parseCalendarUpload({ ...upload, now: task.now }).year };
    },
    showPreview: ({ preview, year }, a) =>
      html`<p>
          將匯入 <strong>${rocYear(year.year)}年（${year.year}）</strong>的辦公日曆：平日放假 ${Object.keys(year.daysOff).length}
          天、週末補行上班 ${Object.keys(year.workdays).length} 天。
        </p>
        ${planPreviewBody(a.deps.config, preview)}`,
    confirm: importCalendarFile,
    showResult: (result, a) =>
      html`<p>${rocYear(result.year.year)}年（${result.year.year}）的辦公日曆已${result.replaced ? '更新' : '匯入'}。</p>
        ${changeResultBody(a.deps.config, result.action)}`,
    back,
    resultAt: doneAt('/office-calendar'),
    confirmLabel: '確認匯入',
  });

  mountAction(app, deps, {
    path: '/office-calendar/closures/declare',
    title: () => '宣布停止上班',
    intro: () => html`<p>例如縣府公告颱風停止上班。當天的會議會自動改到下一個可開會的日子，並通知所有與會者。</p>`,
    fields: () => [{ kind: 'date', name: 'date', label: '停止上班的日期', required: true, hint: '格式 YYYY-MM-DD，例如 2026-08-12' }],
    request: (values) => {
      const date = (values.date ?? '').trim();
      // A browser's date field sends nothing for a day it cannot hold (2026-02-30): say what is
      // missing rather than quote an empty date.
      if (!date)
        throw new SecretariatInputError({
          code: 'not-a-date',
          field: 'date',
          message: '請填寫停止上班的日期（實際存在的日期，格式 YYYY-MM-DD）',
          problems: [
            { field: 'date', message: '請填寫停止上班的日期（實際存在的日期，格式 YYYY-MM-DD）' },
            ...((values.reason ?? '').trim()
              ? []
              : [{ field: 'reason', message: '請填寫停止上班的原因（例如 颱風停止上班），與會者會看到' }]),
          ],
        });
      return { date, reason: values.reason ?? '' };
    },
    preview: previewDeclareOfficeClosure,
    showPreview: (preview, a) => planPreviewBody(a.deps.config, preview),
    confirm: declareOfficeClosure,
    showResult: (result, a) =>
      result.action
        ? changeResultBody(a.deps.config, result.action)
        : html`<p>${formalDate(result.closure.date)} 已經登錄為停止上班日，沒有重複登錄。</p>`,
    back,
    resultAt: doneAt('/office-calendar'),
    confirmLabel: '確認宣布',
  });

  mountAction(app, deps, {
    path: '/office-calendar/closures/remove',
    title: () => '移除停止上班日',
    intro: async () =>
      html`<p>公告撤回或登錄錯誤時使用。因這一天而改期的會議會回到原來的日子，並通知與會者。</p>
        ${(await listClosures(deps.table)).closures.length === 0 ? html`<p class="alert">目前沒有登錄的停止上班日可以移除。</p>` : ''}`,
    fields: async () => {
      const { closures } = await listClosures(deps.table);
      return [
        {
          kind: 'select',
          name: 'date',
          label: '要移除的停止上班日',
          required: true,
          options: closures.map((closure) => ({ value: closure.date, label: `${formalDate(closure.date)}（${closure.reason}）` })),
        },
      ];
    },
    defaults: (a) => ({ date: a.c.req.query('date') ?? '' }),
    request: (values) => {
      const date = (values.date ?? '').trim();
      if (!date) throw new SecretariatInputError({ code: 'invalid-input', field: 'date', message: '請選擇要移除的停止上班日' });
      return { date, reason: values.reason ?? '' };
    },
    preview: previewRemoveOfficeClosure,
    showPreview: (preview, a) => planPreviewBody(a.deps.config, preview),
    confirm: removeOfficeClosure,
    showResult: (result, a) =>
      result.action ? changeResultBody(a.deps.config, result.action) : html`<p>${formalDate(result.removed.date)} 的停止上班日已移除。</p>`,
    back,
    resultAt: doneAt('/office-calendar'),
    confirmLabel: '確認移除',
  });
  return app;
}

/**
 * Refuses a body larger than `maxBytes`: by its Content-Length, which browsers send with every
 * form, or else by what was posted. The session middleware has already read the body for the CSRF
 * token (Hono keeps it), so the stream cannot be limited here; this says in words what is too big.
 */
function uploadLimit(maxBytes: number, refuse: (c: Context<ConsoleEnv>) => Response | Promise<Response>): MiddlewareHandler<ConsoleEnv> {
  return async (c, next) => {
    if (c.req.method !== 'POST') return next();
    const declared = Number(c.req.header('content-length'));
    if (Number.isFinite(declared) && declared > 0) return declared > maxBytes ? refuse(c) : next();
    const posted = await c.req.parseBody();
    const size = Object.values(posted).reduce<number>(
      (total, value) => total + (typeof value === 'string' ? value.length : value instanceof File ? value.size : 0),
      0,
    );
    return size > maxBytes ? refuse(c) : next();
  };
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
