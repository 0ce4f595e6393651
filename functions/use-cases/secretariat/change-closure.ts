// Offices closed at short notice (颱風停止上班), declared and withdrawn by the county's secretariat.
// A closure moves every meeting on that day, so it is checked completely before it is stored: a
// closure that is not a real date used to be saved and then stop every planning run.
//
// Both are county-wide tasks: the audit record (the closure before and after, and every meeting it
// moves) is written in the transaction that stores or withdraws the closure, and who was told is
// recorded after the re-planning.
import { randomUUID } from 'node:crypto';
import type { CountyConfig } from '../../core/series/county-config.ts';
import { checkClosure, OfficeCalendar, type Closure } from '../../core/calendar/office-calendar.ts';
import { Temporal, todayInTaipei } from '../../core/calendar/local-date.ts';
import type { SecretariatAction } from '../../core/audit/secretariat-action.ts';
import type { MeetingTable } from '../../adapters/dynamodb/meeting-table.ts';
import {
  putClosureIfNone,
  readOfficeCalendar,
  withdrawClosure,
  type ClosureRecord,
  type OfficeCalendarRead,
  type SkippedClosure,
} from '../../adapters/dynamodb/calendar-store.ts';
import { actionPuts } from '../../adapters/dynamodb/secretariat-action-store.ts';
import type { ReplanSummary } from './replan.ts';
import { withoutQueued, type PlanPreview } from './plan-preview.ts';
import { countyAction, loadCountyChange, previewCountyChange, replanAndRecord } from './county-change.ts';
import { requireReason } from './request-checks.ts';
import { SecretariatInputError } from './secretariat-input-error.ts';
import type { Actor } from './change-occurrence.ts';

/** Something the officer should know that did not stop the change. */
export type ClosureWarning = { code: 'invalid-closure-skipped'; closureId: string; date: string; message: string };

type Replanned = {
  /** Every series re-planned on the changed calendar. */
  runs: ReplanSummary[];
  /** Stored closures that planning left out because they are invalid. */
  warnings: ClosureWarning[];
  /** The audit record with who was told; absent when nothing changed (the same closure declared again). */
  action?: SecretariatAction;
};

export type DeclareClosureResult = Replanned & { closure: Closure };

export type RemoveClosureResult = Replanned & { removed: { id: string; date: string; reason?: string } };

export type DeclareClosureRequest = { date: string; reason: string; actor: Actor; now: Temporal.Instant };

/**
 * Declare a closure (停止上班) for one day.
 * 1. Validate: a real calendar date, today or later, and a one-line reason; each error names its
 *    field. Nothing is read or written before this passes.
 * 2. Load the office calendar and every series, and work out which meetings the closure moves.
 * 3. Write the closure with its audit record, only if none is in force that day (the same
 *    announcement twice is accepted and records nothing new, a different one is refused).
 * 4. Re-plan every series on the calendar with it, so the day's meetings are re-placed and their
 *    invitees told, and record who was told.
 * 5. Return the closure, the runs, the audit record and any stored closures that had to be skipped.
 */
export async function declareClosure(
  table: MeetingTable,
  config: CountyConfig,
  request: DeclareClosureRequest,
): Promise<DeclareClosureResult> {
  const closure = validClosure(request);
  const planned = await plannedDeclaration(table, config, closure, request);

  const recorded = { action: countyAction(planned.audit, [planned.own], planned.preview), preview: planned.preview };
  let written = true;
  if (!(await putClosureIfNone(table, closure, request.actor.id, request.now.toString(), actionPuts(table, recorded.action)))) {
    // One is in force that day already. The same announcement entered twice (or retried after a
    // failure) is what was asked for; a different one must not silently replace it.
    const current = (await readOfficeCalendar(table)).closures.find((c) => c.date === closure.date);
    if (current?.reason !== closure.reason) throw closureExists(closure.date, current);
    written = false;
  }
  return { closure, ...(await replanEverySeries(table, config, request.now, written ? recorded : undefined)) };
}

/** What declaring the closure would do, without writing anything: the meetings it moves and who would be told. */
export async function previewDeclareClosure(
  table: MeetingTable,
  config: CountyConfig,
  request: DeclareClosureRequest,
): Promise<PlanPreview> {
  const closure = validClosure(request);
  return withoutQueued(table, (await plannedDeclaration(table, config, closure, request)).preview);
}

function validClosure(request: DeclareClosureRequest): Closure {
  const check = checkClosure({ date: request.date, reason: request.reason });
  if (!check.ok) {
    const first = check.problems[0]!;
    throw new SecretariatInputError({
      code: first.code,
      field: first.field,
      message: first.message,
      problems: check.problems.map(({ field, message }) => ({ field, message })),
    });
  }
  const closure = check.closure;
  const today = todayInTaipei(request.now);
  if (Temporal.PlainDate.compare(Temporal.PlainDate.from(closure.date), today) < 0)
    throw new SecretariatInputError({
      code: 'date-in-past',
      field: 'date',
      message: `${closure.date} 已經過去；停止上班只能宣布今天（${today.toString()}）或以後`,
    });
  return closure;
}

async function plannedDeclaration(table: MeetingTable, config: CountyConfig, closure: Closure, request: DeclareClosureRequest) {
  const loaded = await readOfficeCalendar(table);
  const { stored, base } = await loadCountyChange(table, config.series, loaded.calendar);
  const preview = previewCountyChange(
    config,
    config.series,
    { stored, base, proposal: { ...base, calendar: loaded.calendar.withClosures([closure]) } },
    request.now,
  );
  const current = loaded.closures.find((c) => c.date === closure.date);
  return {
    preview,
    own: {
      subject: 'closure' as const,
      ref: closure.date,
      before: current ? { date: current.date, reason: current.reason } : null,
      after: { ...closure },
    },
    audit: { id: randomUUID(), task: 'declare-closure' as const, actor: request.actor, reason: closure.reason, now: request.now },
  };
}

export type RemoveClosureRequest = { date: string; reason: string; actor: Actor; now: Temporal.Instant };

/**
 * Remove a closure (an announcement withdrawn, or one entered by mistake), valid or not.
 * 1. Load the closures in force, including stored ones that are invalid.
 * 2. Validate: a reason, and a date that names a closure in force as it is stored (so a bad one
 *    such as 2026-02-30 can be named and removed).
 * 3. Work out which meetings go back to their usual day.
 * 4. Withdraw it with its audit record, only if it is still in force; the item keeps who withdrew
 *    it, when and why.
 * 5. Re-plan every series, so meetings that day go back to their usual place and invitees are told,
 *    and record who was told.
 * 6. Return what was removed, the runs, the audit record and any invalid closures still stored.
 */
export async function removeClosure(
  table: MeetingTable,
  config: CountyConfig,
  request: RemoveClosureRequest,
): Promise<RemoveClosureResult> {
  const planned = await plannedRemoval(table, config, request);
  const recorded = { action: countyAction(planned.audit, [planned.own], planned.preview), preview: planned.preview };
  const withdrawn = await withdrawClosure(
    table,
    planned.target.id,
    { reason: planned.audit.reason, by: request.actor.id, at: request.now.toString() },
    actionPuts(table, recorded.action),
  );
  if (!withdrawn)
    throw new SecretariatInputError({
      code: 'conflict',
      field: 'date',
      status: 409,
      message: `${planned.date} 的停止上班剛被他人移除，請重新整理後再試`,
    });
  return {
    removed: { id: planned.target.id, date: planned.date, ...(planned.valid ? { reason: planned.valid.reason } : {}) },
    ...(await replanEverySeries(table, config, request.now, recorded)),
  };
}

/** What removing the closure would do, without writing anything. */
export async function previewRemoveClosure(table: MeetingTable, config: CountyConfig, request: RemoveClosureRequest): Promise<PlanPreview> {
  return withoutQueued(table, (await plannedRemoval(table, config, request)).preview);
}

async function plannedRemoval(table: MeetingTable, config: CountyConfig, request: RemoveClosureRequest) {
  const loaded = await readOfficeCalendar(table);

  const reason = requireReason(request.reason);
  const date = request.date.trim();
  const valid = loaded.closures.find((c) => c.date === date);
  const invalid = loaded.skippedClosures.find((s) => s.date === date || s.id.endsWith(`#${date}`));
  const target = valid ?? invalid;
  if (!target) {
    const inForce = [...loaded.closures.map((c) => c.date), ...loaded.skippedClosures.map((s) => s.date)];
    throw new SecretariatInputError({
      code: 'no-such-closure',
      field: 'date',
      status: 404,
      message: `「${date}」沒有停止上班的紀錄${inForce.length ? `；目前有：${inForce.join('、')}` : '；目前沒有任何停止上班'}`,
    });
  }
  const { stored, base } = await loadCountyChange(table, config.series, loaded.calendar);
  const preview = previewCountyChange(
    config,
    config.series,
    { stored, base, proposal: { ...base, calendar: calendarWithout(loaded, target.id) } },
    request.now,
  );
  return {
    date,
    target,
    valid,
    preview,
    own: { subject: 'closure' as const, ref: date, before: valid ? { date: valid.date, reason: valid.reason } : { date }, after: null },
    audit: { id: randomUUID(), task: 'remove-closure' as const, actor: request.actor, reason, now: request.now },
  };
}

/** The calendar as it will be once closure `id` is withdrawn (built again: closures only accumulate). */
function calendarWithout(loaded: OfficeCalendarRead, id: string): OfficeCalendar {
  return OfficeCalendar.from(
    loaded.years,
    loaded.closures.filter((c) => c.id !== id),
  );
}

async function replanEverySeries(
  table: MeetingTable,
  config: CountyConfig,
  now: Temporal.Instant,
  recorded?: { action: SecretariatAction; preview: PlanPreview },
): Promise<Replanned> {
  // Read again: the calendar now includes this change and any other officer's made meanwhile.
  const { calendar, skippedClosures } = await readOfficeCalendar(table);
  const { runs, action } = await replanAndRecord(table, config, config.series, calendar, now, recorded);
  return { runs, warnings: skippedClosures.map(closureWarning), ...(action ? { action } : {}) };
}

/** The zh-TW warning for a stored closure that planning leaves out. */
export function closureWarning(skipped: SkippedClosure): ClosureWarning {
  return {
    code: 'invalid-closure-skipped',
    closureId: skipped.id,
    date: skipped.date,
    message: `已略過一筆無效的停止上班紀錄「${skipped.date}」（${skipped.problems.map((p) => p.message).join('；')}），請將它移除`,
  };
}

function closureExists(date: string, current: ClosureRecord | undefined): SecretariatInputError {
  return new SecretariatInputError({
    code: 'closure-exists',
    field: 'date',
    status: 409,
    message: `${date} 已宣布停止上班${current ? `（原因：${current.reason}）` : ''}；要更改原因，請先移除再重新宣布`,
  });
}
