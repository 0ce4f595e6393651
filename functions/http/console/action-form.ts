// The one pattern of every console action (改期, 停開, 更換場地, 新增聯絡人, 移除停止上班 …): a form, a
// preview that writes nothing, and a confirmation that calls the use case. Every action of the
// console is a ConsoleAction mounted with mountAction(); a section module only says what its
// action asks for and which use case functions (functions/use-cases/secretariat/tasks.ts) do it.
//
//   GET  <path>          the form: the action's fields, then the required 「原因」, the CSRF field.
//   POST <path>/preview  request(values) and the use case's preview: the same validation as the
//                        change, nothing written. Shows what will change and who will be told (and
//                        flags a meeting less than three days away: notices are due three days
//                        ahead), with the typed values in hidden fields, a 「確認」 button and a
//                        「返回修改」 button.
//   POST <path>/confirm  request(values) and the use case itself; shows what was done, or (with
//                        resultAt) sends the browser to a page that does, so a reload posts nothing.
//   POST <path>          the form again with the posted values (「返回修改」 from the preview).
//
// The session middleware (console-session.ts) has already refused any POST without the session's
// CSRF token before these run. A refusal (SecretariatInputError) at preview or confirm re-renders
// the form with what was typed, 422 (409 for a conflict), an error summary at the top and each
// zh-TW message next to its field (aria-describedby, aria-invalid). Form fields are named as the
// use case names its request fields (`date`, `start`, `force`, `reason`, `venueId`, `contact.email`),
// so an error's `field` finds its input; an error about something the form has no field for (the
// meeting has taken place: `occurrence`) shows in the summary only. Never an internal id: labels
// and options show names, values carry ids.
//
// For the other sections: write `request` to turn the form's strings into the use case's request
// (an unchecked checkbox is absent; checked is "on"), `preview` and `confirm` to call the tasks
// with the TaskContext given (the signed-in officer, via "console"), and `showPreview` /
// `showResult` to render the data they return; planPreviewBody() and changeResultBody() below
// render the PlanPreview and the audit record every scheduling and roster task returns. A file
// field (the calendar CSV) is read at preview and carried to the confirmation as base64 in a
// hidden field; read it back with uploadedFile(values, name). The form's styles are in
// console-layout.ts (.field, .field-error, .actions …).
import { Hono, type Context } from 'hono';
import { html } from 'hono/html';
import type { CountyConfig } from '../../core/series/county-config.ts';
import { Temporal } from '../../core/calendar/local-date.ts';
import { taskLabels, type SecretariatAction, type ToldPerson } from '../../core/audit/secretariat-action.ts';
import { SecretariatInputError, type FieldProblem } from '../../use-cases/secretariat/secretariat-input-error.ts';
import { noticeDays, type MeetingState, type PlanPreview } from '../../use-cases/secretariat/plan-preview.ts';
import { noticeKindLabels } from '../../use-cases/secretariat/failed-notices.ts';
import type { TaskContext } from '../../use-cases/secretariat/tasks.ts';
import { consolePage, csrfField, type Markup } from './console-layout.ts';
import { clockTime, formalDate } from './console-format.ts';
import type { ConsoleEnv, ConsoleRequest, ConsoleSectionDependencies } from './console-session.ts';

/** What the form posted, by field name; files as base64 (see uploadedFile). */
export type FormValues = Record<string, string>;

type FieldCommon = {
  /** The use case's name for it, so its errors land here. */
  name: string;
  label: string;
  /** A line under the label: the format, what happens. */
  hint?: string;
  required?: boolean;
};

export type ActionField =
  | (FieldCommon & { kind: 'date' | 'time' | 'text' | 'email'; autocomplete?: string })
  | (FieldCommon & { kind: 'textarea' })
  | (FieldCommon & { kind: 'select'; options: ReadonlyArray<{ value: string; label: string }> })
  | (FieldCommon & { kind: 'checkbox' })
  | (FieldCommon & { kind: 'file'; accept?: string });

/** What each step of an action knows: the request, the signed-in officer, the route's params. */
export type ActionContext = {
  c: Context<ConsoleEnv>;
  frame: ConsoleRequest;
  params: Record<string, string>;
  deps: ConsoleSectionDependencies;
  task: TaskContext;
};

export type ConsoleAction<Request, Preview, Result> = {
  /** Below the console's base, with route params: `/meetings/:series/:slot/move`. */
  path: string;
  /** The page's h1, e.g. 改期：兒少保護會議 3/25(三); may read what it is about (a 404 is a SecretariatInputError). */
  title: (a: ActionContext) => string | Promise<string>;
  /** What the form is about, above the fields (the meeting as it stands). */
  intro?: (a: ActionContext) => Markup | Promise<Markup>;
  fields: (a: ActionContext) => ActionField[] | Promise<ActionField[]>;
  /** Values the empty form starts with. */
  defaults?: (a: ActionContext) => FormValues | Promise<FormValues>;
  /** The form's strings as the use case's request; may throw SecretariatInputError for a field. */
  request: (values: FormValues, a: ActionContext) => Request;
  preview: (task: TaskContext, request: Request) => Promise<Preview>;
  showPreview: (preview: Preview, a: ActionContext) => Markup;
  confirm: (task: TaskContext, request: Request) => Promise<Result>;
  showResult: (result: Result, a: ActionContext) => Markup;
  /** Where 取消 and the result page lead: the meeting's page, the section. */
  back: (a: ActionContext) => { href: string; label: string };
  /** The confirm button's words; 確認送出 if not given. */
  confirmLabel?: string;
  /**
   * Where to send the browser once it is done (303 See Other), so that reloading the page does
   * not post the change again; that page shows the result (the meeting page shows the audit
   * record named by ?done=). Without it the result is shown in place of the confirmation.
   */
  resultAt?: (result: Result, a: ActionContext) => string;
};

/** The reason every task takes; invitees and the record see it. */
const reasonField: ActionField = {
  kind: 'text',
  name: 'reason',
  label: '原因',
  hint: '一行文字（最多 200 字）；與會者收到的通知與稽核紀錄都會看到，請勿寫入個案資料',
  required: true,
};

/** Mounts one action's four routes on `app`. */
export function mountAction<Request, Preview, Result>(
  app: Hono<ConsoleEnv>,
  deps: ConsoleSectionDependencies,
  action: ConsoleAction<Request, Preview, Result>,
): void {
  const contextOf = (c: Context<ConsoleEnv>): ActionContext => {
    const frame = c.get('console');
    return {
      c,
      frame,
      params: c.req.param(),
      deps,
      task: {
        table: deps.table,
        config: deps.config,
        // The audit trail names the officer as the sign-in named them (never an e-mail address).
        actor: {
          id: frame.officer.subject,
          via: 'console',
          ...(frame.officer.displayName.includes('@') ? {} : { name: frame.officer.displayName.slice(0, 100) }),
        },
        now: Temporal.Instant.fromEpochMilliseconds(deps.now().getTime()),
      },
    };
  };

  const form = async (a: ActionContext, values: FormValues, problems: readonly FieldProblem[], status: 200 | 404 | 409 | 422) =>
    a.c.html(await formPage(action, a, values, problems), status);

  /** A refusal: the form again, with the messages; anything else is not ours to explain. */
  const refused = async (a: ActionContext, values: FormValues, error: unknown) => {
    if (!(error instanceof SecretariatInputError)) throw error;
    const problems = (error.problems.length > 0 ? error.problems : [{ field: '', message: error.message }]).map((p) => ({
      field: p.field,
      message: withRocDates(p.message),
    }));
    // A day off is refused at the date, and the way out is the confirmation box: point at it too.
    if (error.code === 'day-off-needs-confirmation') problems.push({ field: 'force', message: '確定要在這天開會，請勾選這一項後再送出' });
    return form(a, values, problems, error.code === 'conflict' || error.status === 409 ? 409 : 422);
  };

  app.get(action.path, async (c) => {
    const a = contextOf(c);
    try {
      return await form(a, (await action.defaults?.(a)) ?? {}, [], 200);
    } catch (error) {
      return notFound(a, error);
    }
  });

  app.post(action.path, async (c) => {
    const a = contextOf(c);
    return form(a, await postedValues(c), [], 200);
  });

  app.post(`${action.path}/preview`, async (c) => {
    const a = contextOf(c);
    const values = await postedValues(c);
    try {
      const preview = await action.preview(a.task, action.request(values, a));
      return c.html(await previewPage(action, a, values, action.showPreview(preview, a)));
    } catch (error) {
      return refused(a, values, error);
    }
  });

  app.post(`${action.path}/confirm`, async (c) => {
    const a = contextOf(c);
    const values = await postedValues(c);
    try {
      const result = await action.confirm(a.task, action.request(values, a));
      if (action.resultAt) return c.redirect(action.resultAt(result, a), 303);
      const back = action.back(a);
      return c.html(
        consolePage(a.frame, {
          title: `已完成：${await action.title(a)}`,
          body: html`<div class="ok" role="status">${action.showResult(result, a)}</div>
            <p><a class="button" href="${back.href}">${back.label}</a></p>`,
        }),
      );
    } catch (error) {
      return refused(a, values, error);
    }
  });
}

/** A page whose subject does not exist (an unknown meeting in the URL): said in words, 404. */
function notFound(a: ActionContext, error: unknown) {
  if (!(error instanceof SecretariatInputError)) throw error;
  return a.c.html(
    consolePage(a.frame, {
      title: '找不到這個項目',
      body: html`<p>${withRocDates(error.message)}</p>
        <p><a href="${a.frame.base}/">回到總覽</a></p>`,
    }),
    404,
  );
}

/**
 * A use case's message with its dates as the secretariat writes them: 115年3月28日（星期六）, not
 * 2026-03-28 (the command line and the API keep the ISO form). What the officer typed, quoted in
 * 「」, stays as typed: 「2026-02-30」 is not a date to rewrite.
 */
export function withRocDates(message: string): string {
  return message.replace(/(「?)(\d{4}-\d{2}-\d{2})(」?)/g, (whole, open: string, date: string, close: string) => {
    if (open || close) return whole;
    try {
      return formalDate(Temporal.PlainDate.from(date, { overflow: 'reject' }).toString());
    } catch {
      return whole;
    }
  });
}

/** The posted form as strings, without the CSRF token; a file becomes base64 and its name. */
async function postedValues(c: Context<ConsoleEnv>): Promise<FormValues> {
  const body = await c.req.parseBody();
  const values: FormValues = {};
  for (const [name, value] of Object.entries(body)) if (name !== '_csrf' && typeof value === 'string') values[name] = value;
  // Files after the strings: a file chosen now wins over the one carried from the preview.
  for (const [name, value] of Object.entries(body)) {
    if (value instanceof File && value.size > 0) {
      values[name] = Buffer.from(await value.arrayBuffer()).toString('base64');
      values[`${name}.fileName`] = value.name;
    }
  }
  // The file chosen at the preview, carried back into the form: used unless another was chosen.
  for (const name of Object.keys(values).filter((n) => n.endsWith('.carried'))) {
    const field = name.slice(0, -'.carried'.length);
    if (values[field] === undefined) values[field] = values[name]!;
    delete values[name];
  }
  return values;
}

/** A file field's upload, carried from the form through the preview to the confirmation. */
export function uploadedFile(values: FormValues, name: string): { fileName: string; bytes: Uint8Array } | undefined {
  const data = values[name];
  if (!data) return undefined;
  return { fileName: values[`${name}.fileName`] ?? 'upload', bytes: new Uint8Array(Buffer.from(data, 'base64')) };
}

const fieldId = (name: string) => `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;

async function formPage<R, P, S>(
  action: ConsoleAction<R, P, S>,
  a: ActionContext,
  values: FormValues,
  problems: readonly FieldProblem[],
): Promise<Markup> {
  const fields = [...(await action.fields(a)), reasonField];
  const names = new Set(fields.map((f) => f.name));
  const byField = new Map<string, string[]>();
  for (const p of problems) if (names.has(p.field)) byField.set(p.field, [...(byField.get(p.field) ?? []), p.message]);
  const multipart = fields.some((f) => f.kind === 'file');
  const back = action.back(a);
  const title = await action.title(a);
  return consolePage(a.frame, {
    title,
    body: html`${problems.length > 0 ? errorSummary(problems, names) : ''} ${action.intro ? await action.intro(a) : ''}
      <form
        method="post"
        action="${a.frame.base}${pathOf(action, a)}/preview"
        class="action-form"
        novalidate
        ${multipart ? html`enctype="multipart/form-data"` : ''}
      >
        ${csrfField(a.frame.officer)} ${fields.map((f) => fieldMarkup(f, values, byField.get(f.name) ?? []))}
        <div class="actions">
          <button type="submit" class="primary">預覽變更</button>
          <a href="${back.href}">不變更，${back.label}</a>
        </div>
        <p class="muted">預覽時不會做任何變更，確認後才會寫入並通知相關人員。</p>
      </form>`,
  });
}

/** The action's path with this request's params filled in. */
function pathOf<R, P, S>(action: ConsoleAction<R, P, S>, a: ActionContext): string {
  return action.path.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => encodeURIComponent(a.params[name] ?? ''));
}

function errorSummary(problems: readonly FieldProblem[], names: ReadonlySet<string>): Markup {
  return html`<div class="alert bad error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
    <h2 id="error-summary-title">無法送出，沒有做任何變更</h2>
    <ul>
      ${problems.map((p) =>
        names.has(p.field) ? html`<li><a href="#${fieldId(p.field)}">${p.message}</a></li>` : html`<li>${p.message}</li>`,
      )}
    </ul>
  </div>`;
}

function fieldMarkup(field: ActionField, values: FormValues, errors: readonly string[]): Markup {
  const id = fieldId(field.name);
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [field.hint ? hintId : '', errors.length ? errorId : ''].filter(Boolean).join(' ');
  const value = values[field.name] ?? '';
  const aria = html`${describedBy ? html`aria-describedby="${describedBy}"` : ''} ${errors.length ? html`aria-invalid="true"` : ''}
  ${field.required ? html`required aria-required="true"` : ''}`;
  const hint = field.hint ? html`<p class="hint" id="${hintId}">${field.hint}</p>` : '';
  const error = errors.length ? html`<p class="field-error" id="${errorId}">${errors.join('；')}</p>` : '';
  const label = html`<label for="${id}">${field.label}${field.required ? html`<span class="required">（必填）</span>` : ''}</label>`;

  switch (field.kind) {
    case 'checkbox':
      return html`<div class="field check${errors.length ? ' invalid' : ''}">
        ${error}
        <input type="checkbox" id="${id}" name="${field.name}" value="on" ${value ? html`checked` : ''} ${aria} />
        ${label} ${hint}
      </div>`;
    case 'select':
      return html`<div class="field${errors.length ? ' invalid' : ''}">
        ${label} ${hint} ${error}
        <select id="${id}" name="${field.name}" ${aria}>
          <option value="" ${value ? '' : html`selected`}>請選擇</option>
          ${field.options.map((o) => html`<option value="${o.value}" ${o.value === value ? html`selected` : ''}>${o.label}</option>`)}
        </select>
      </div>`;
    case 'textarea':
      return html`<div class="field${errors.length ? ' invalid' : ''}">
        ${label} ${hint} ${error}
        <textarea id="${id}" name="${field.name}" rows="4" ${aria}>${value}</textarea>
      </div>`;
    case 'file': {
      const carried = values[`${field.name}.fileName`];
      return html`<div class="field${errors.length ? ' invalid' : ''}">
        ${label} ${hint} ${error}
        <input type="file" id="${id}" name="${field.name}" ${field.accept ? html`accept="${field.accept}"` : ''} ${aria} />
        ${
          carried
            ? html`<p class="hint">已選擇的檔案：${carried}（不重新選擇就沿用這個檔案）</p>
                <input type="hidden" name="${field.name}.carried" value="${value}" />
                <input type="hidden" name="${field.name}.fileName" value="${carried}" />`
            : ''
        }
      </div>`;
    }
    default:
      return html`<div class="field${errors.length ? ' invalid' : ''}">
        ${label} ${hint} ${error}
        <input
          type="${field.kind}"
          id="${id}"
          name="${field.name}"
          value="${value}"
          ${field.autocomplete ? html`autocomplete="${field.autocomplete}"` : html`autocomplete="off"`}
          ${aria}
        />
      </div>`;
  }
}

async function previewPage<R, P, S>(action: ConsoleAction<R, P, S>, a: ActionContext, values: FormValues, body: Markup): Promise<Markup> {
  const back = action.back(a);
  const carried = Object.entries(values).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}" />`);
  const path = `${a.frame.base}${pathOf(action, a)}`;
  return consolePage(a.frame, {
    title: `預覽：${await action.title(a)}`,
    lede: '尚未做任何變更。請確認以下內容，按「確認」後才會寫入並通知相關人員。',
    body: html`${body}
      <h2>原因</h2>
      <p class="reason">${values.reason ?? ''}</p>
      <div class="actions">
        <form method="post" action="${path}/confirm">
          ${csrfField(a.frame.officer)} ${carried}
          <button type="submit" class="primary">${action.confirmLabel ?? '確認送出'}</button>
        </form>
        <form method="post" action="${path}">
          ${csrfField(a.frame.officer)} ${carried}
          <button type="submit" class="secondary">返回修改</button>
        </form>
        <a href="${back.href}">不變更，${back.label}</a>
      </div>`,
  });
}

// ---- What the scheduling and roster tasks return, in words -------------------------------------

type Names = { series(id: string): string; unit(id: string): string; venue(id: string): string };

function namesOf(config: CountyConfig): Names {
  return {
    series: (id) => config.series.find((s) => s.id === id)?.name.zh ?? '（已移除的會議系列）',
    unit: (id) => config.units.find((u) => u.id === id)?.name.zh ?? '（已移除的單位）',
    venue: (id) => config.venues.find((v) => v.id === id)?.name.zh ?? '（已移除的場地）',
  };
}

/** One meeting as a person reads it: 115年3月25日（星期三）下午2時，地點，主持. */
function meetingWords(names: Names, state: MeetingState): string {
  return `${formalDate(state.date)}${clockTime(state.start)}，${names.venue(state.venueId)}，主持：${names.unit(state.chairUnitId)}`;
}

/** Before → after of one meeting, each part that changed on its own line. */
function meetingChange(names: Names, before: MeetingState | null, after: MeetingState): Markup {
  if (!before) return html`<p>新增：${meetingWords(names, after)}</p>`;
  if (after.status === 'cancelled' && before.status !== 'cancelled') return html`<p>停開：<s>${meetingWords(names, before)}</s></p>`;
  if (before.status === 'cancelled' && after.status !== 'cancelled') return html`<p>恢復召開：${meetingWords(names, after)}</p>`;
  const lines: Markup[] = [];
  if (before.date !== after.date || before.start !== after.start)
    lines.push(
      html`<li>
        日期時間：${formalDate(before.date)}${clockTime(before.start)} → <strong>${formalDate(after.date)}${clockTime(after.start)}</strong>
      </li>`,
    );
  if (before.venueId !== after.venueId)
    lines.push(html`<li>地點：${names.venue(before.venueId)} → <strong>${names.venue(after.venueId)}</strong></li>`);
  if (before.chairUnitId !== after.chairUnitId)
    lines.push(html`<li>主持：${names.unit(before.chairUnitId)} → <strong>${names.unit(after.chairUnitId)}</strong></li>`);
  return lines.length
    ? html`<ul>
        ${lines}
      </ul>`
    : html`<p>日期、時間、地點與主持都不變（${meetingWords(names, after)}）</p>`;
}

/** One meeting before → after in words, for a meeting's change history. */
export function meetingChangeMarkup(config: CountyConfig, before: MeetingState | null, after: MeetingState): Markup {
  return meetingChange(namesOf(config), before, after);
}

/** Who is told, by notice: 開會通知 3 人：社會局 王小明、警察局 …; one line per kind. */
function toldList(told: readonly ToldPerson[], none = '不會寄出任何通知。'): Markup {
  const byKind = new Map<string, Map<string, string>>();
  for (const person of told) {
    const label = noticeKindLabels[person.kind];
    const people = byKind.get(label) ?? new Map<string, string>();
    // A recipient's name is already written with their unit (社會局 兒少保護科 科長).
    people.set(`${person.unitId}#${person.contactId}`, person.name);
    byKind.set(label, people);
  }
  if (byKind.size === 0) return html`<p>${none}</p>`;
  return html`<ul class="told">
    ${[...byKind].map(
      ([label, people]) =>
        html`<li>
          <strong>${label}</strong> ${people.size} 人：
          <ul class="told-people">
            ${[...people.values()].map((name) => html`<li>${name}</li>`)}
          </ul>
        </li>`,
    )}
  </ul>`;
}

/**
 * The three-day flag: said first, in words, because the officer must phone people instead. A
 * preview flagged by the planner (less than three days) or by withWorkingDayNotice
 * (use-cases/console/notice-window.ts: less than three working days) is less than three working
 * days away either way.
 */
export function shortNoticeWarning(): Markup {
  return html`<div class="alert bad short-notice" role="note">
    <h2>距離會議已不到 ${noticeDays} 個工作天</h2>
    <p>開會通知應在會前 ${noticeDays} 天送達；這項變更的通知可能來不及讓與會者看到，請另以電話通知受影響的單位。</p>
  </div>`;
}

/** A PlanPreview in words: the three-day flag, each meeting before → after, who will be told. */
export function planPreviewBody(config: CountyConfig, preview: PlanPreview): Markup {
  const names = namesOf(config);
  return html`${preview.shortNotice ? shortNoticeWarning() : ''}
    <h2>會議的變更</h2>
    ${
      preview.meetings.length === 0
        ? html`<p>沒有會議的日期、時間、地點或主持會因此改變。</p>`
        : html`<ul class="changes">
            ${preview.meetings.map(
              (m) =>
                html`<li>
                  <strong>${names.series(m.seriesId)}</strong>
                  ${meetingChange(names, m.before, m.after)}
                  ${m.notInvitedYet && m.after.status === 'scheduled' ? html`<p class="muted">尚未寄出開會通知：屆時寄出的通知即為新的內容。</p>` : ''}
                </li>`,
            )}
          </ul>`
    }
    <h2>將通知</h2>
    ${toldList(preview.told)}`;
}

/** What a task did, from its audit record: the task, each meeting before → after, who was told. */
export function changeResultBody(config: CountyConfig, action: SecretariatAction): Markup {
  const names = namesOf(config);
  const meetings = action.changes.filter(
    (c): c is typeof c & { after: MeetingState } => c.subject === 'meeting' && !!c.after && 'status' in (c.after as object),
  );
  return html`<h2>${taskLabels[action.task]}</h2>
    <p>原因：${action.reason}</p>
    ${meetings.map((c) => {
      const [seriesId = ''] = c.ref.split('/');
      return html`<div><strong>${names.series(seriesId)}</strong> ${meetingChange(names, c.before as MeetingState | null, c.after)}</div>`;
    })}
    <h3>已排入通知</h3>
    ${toldList(action.told ?? [], '沒有排入任何通知。')}`;
}
