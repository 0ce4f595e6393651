// The secretariat's single-step changes to one meeting: move, cancel (a typhoon day) and reinstate,
// change the venue, swap chairs, appoint an acting chair (代理主持), add an ad-hoc session. Each is
// stored as an override, which the planner lays over the cadence on every run, together with its
// audit record (who, when, why, each meeting before and after) in one transaction; who was told is
// recorded once the re-planning has queued the notices. The override keeps the audit record's id.
//
// Two officers may change the same meeting at the same moment. Overrides are written only at the
// version they were read at (override-store.ts), so the second write is refused rather than
// silently undoing the first. The refused change is then tried again on what is stored now, if the
// other change touched none of the fields it depends on (a move and a venue change of one meeting
// both stand); otherwise the officer is told that the meeting was just changed, and nothing of
// theirs is written.
import { randomUUID } from 'node:crypto';
import type { CountyConfig, SeriesDefinition } from '../../core/series/county-config.ts';
import type { Occurrence } from '../../core/planning/occurrence.ts';
import { adHocSlotPrefix, type OccurrenceOverride } from '../../core/planning/override.ts';
import { activeMonthsText, seriesGivesSlot } from '../../core/planning/series-gives-slot.ts';
import { rocFormalDate } from '../../core/calendar/roc-date.ts';
import type { WorkingDayCalendar } from '../../core/planning/holiday-policy.ts';
import { Temporal, todayInTaipei } from '../../core/calendar/local-date.ts';
import { assignChairs, ChairRotationError, swapChairs } from '../../core/rotation/chair-rotation.ts';
import { auditTime, type ActionChange, type SecretariatAction, type SecretariatTask } from '../../core/audit/secretariat-action.ts';
import type { MeetingTable } from '../../adapters/dynamodb/meeting-table.ts';
import { listOccurrences } from '../../adapters/dynamodb/occurrence-store.ts';
import { readOverrides, saveOverrides, type OverrideWrite, type VersionedOverride } from '../../adapters/dynamodb/override-store.ts';
import { listRosterChanges } from '../../adapters/dynamodb/roster-store.ts';
import { actionPuts, recordTold } from '../../adapters/dynamodb/secretariat-action-store.ts';
import { planUntilSettled, queuedBy, type ReplanSummary } from './replan.ts';
import { comparePlans, toldByChange, withoutQueued, type MeetingState, type PlanPreview, type PlanningWorld } from './plan-preview.ts';
import { findSeries, parseDate, parseTime, requireNotPast, requireReason } from './request-checks.ts';
import { seriesRotation } from './series-rotation.ts';
import type { RosterChange } from '../../core/series/roster.ts';
import { conflictError, pauseBeforeRetry, SecretariatInputError } from './secretariat-input-error.ts';

export { findSeries } from './request-checks.ts';

/**
 * Who makes a change: the sign-in's subject (or the CLI's --as), and the credential it came
 * through (a token's fingerprint, "cli", "console"), as the audit record keeps them; the name the
 * console's sign-in gave, where there is one, so the trail names the officer rather than an id.
 */
export type Actor = { id: string; via?: string; name?: string };

type Common = { seriesId: string; reason: string; actor: Actor; now: Temporal.Instant };

/** A meeting is named by its date (2026-03-25) or its slot (2026-03). */
export type OccurrenceChange =
  | (Common & { kind: 'move'; occurrence: string; date: string; start?: string; force?: boolean })
  | (Common & { kind: 'cancel'; occurrence: string })
  | (Common & { kind: 'reinstate'; occurrence: string })
  | (Common & { kind: 'venue'; occurrence: string; venueId: string })
  | (Common & { kind: 'swap-chairs'; occurrence: string; other: string })
  | (Common & { kind: 'acting-chair'; occurrence: string; unitId: string })
  | (Common & { kind: 'add-ad-hoc'; date: string; start?: string; durationMinutes?: number; force?: boolean });

export type ChangeResult = {
  /** The overrides as written. */
  overrides: OccurrenceOverride[];
  /** The re-planning that applied them: occurrences updated or created, notices queued. */
  run: ReplanSummary;
  /** The audit record, with who was told. */
  action: SecretariatAction;
};

const taskOf: Record<OccurrenceChange['kind'], SecretariatTask> = {
  move: 'move',
  cancel: 'cancel',
  reinstate: 'reinstate',
  venue: 'venue',
  'swap-chairs': 'swap-chairs',
  'acting-chair': 'acting-chair',
  'add-ad-hoc': 'add-session',
};

/** Tries of one change when other officers keep writing the same meeting; then it is a conflict. */
const MAX_ATTEMPTS = 3;

/**
 * Change one meeting (or two, for a chair swap), and tell everyone concerned.
 * 1. Load the series' stored meetings and overrides, with their versions, and the roster.
 * 2. Validate the whole request against them: series, meeting, date, time, venue, unit, reason,
 *    day off, rotation. Any error names its field, and nothing has been written.
 * 3. Work out with the planner what the change does to each meeting (the audit's before → after).
 * 4. Write the override(s) at the versions read and the audit record, in one transaction. If
 *    another officer wrote first, re-load; retry if their change left this one's fields alone, or
 *    refuse with a conflict.
 * 5. Re-plan the series, so the meetings change and their invitees are told in the same step, and
 *    record who was told.
 * 6. Return the overrides written, what the planning did and the audit record.
 */
export async function changeOccurrence(
  table: MeetingTable,
  config: CountyConfig,
  calendar: WorkingDayCalendar,
  change: OccurrenceChange,
): Promise<ChangeResult> {
  const series = findSeries(config, change.seriesId);
  const reason = requireReason(change.reason);
  const firstRead = await loadSeries(table, series.id);
  let writes = plannedWrites(config, series, calendar, change, reason, firstRead, firstRead);
  const id = randomUUID();
  let planned = auditedChange(config, series, calendar, change, reason, firstRead, writes, id);

  for (let attempt = 1; !(await saveOverrides(table, withAuditId(writes, id), actionPuts(table, planned.action))); attempt++) {
    await pauseBeforeRetry(attempt);
    const fresh = await loadSeries(table, series.id);
    // Validated again on what is stored now: the other change may have made this one impossible
    // (a meeting cancelled meanwhile is "already cancelled", not a vague conflict).
    const again = plannedWrites(config, series, calendar, change, reason, fresh, firstRead);
    if (attempt >= MAX_ATTEMPTS || writes.some((write) => changedMeanwhile(write, firstRead, fresh))) throw conflictError('occurrence');
    writes = again;
    planned = auditedChange(config, series, calendar, change, reason, fresh, writes, id);
  }

  const run = await planUntilSettled(table, config, series, calendar, change.now);
  const told = toldByChange(planned.preview, queuedBy([run]));
  await recordTold(table, planned.action, told);
  return { overrides: writes.map((w) => w.override), run, action: { ...planned.action, told } };
}

/**
 * What a change would do, without writing anything: the meetings it changes (before → after), who
 * would be told and how, and whether a meeting is less than three days away. The console's
 * confirmation step shows this; the same validation as the change, so a refusal comes here first.
 */
export async function previewOccurrenceChange(
  table: MeetingTable,
  config: CountyConfig,
  calendar: WorkingDayCalendar,
  change: OccurrenceChange,
): Promise<PlanPreview> {
  const series = findSeries(config, change.seriesId);
  const reason = requireReason(change.reason);
  const state = await loadSeries(table, series.id);
  const writes = plannedWrites(config, series, calendar, change, reason, state, state);
  return withoutQueued(table, previewOf(config, series, calendar, change.now, state, writes));
}

type SeriesState = { stored: Occurrence[]; overrides: VersionedOverride[]; roster: RosterChange[] };

async function loadSeries(table: MeetingTable, seriesId: string): Promise<SeriesState> {
  const [stored, overrides, roster] = await Promise.all([
    listOccurrences(table, seriesId),
    readOverrides(table, seriesId),
    listRosterChanges(table),
  ]);
  return { stored, overrides, roster };
}

function withAuditId(writes: ReadonlyArray<OverrideWrite & { patch: Patch }>, auditId: string): OverrideWrite[] {
  return writes.map(({ override, expectedVersion }) => ({ override, expectedVersion, auditId }));
}

function previewOf(
  config: CountyConfig,
  series: SeriesDefinition,
  calendar: WorkingDayCalendar,
  now: Temporal.Instant,
  state: SeriesState,
  writes: ReadonlyArray<OverrideWrite>,
): PlanPreview {
  const current = state.overrides.map((o) => o.override);
  const base: PlanningWorld = { calendar, roster: state.roster, overrides: () => current };
  const written = new Map(writes.map((w) => [w.override.slotKey, w.override]));
  const proposal: PlanningWorld = {
    ...base,
    overrides: () => [...current.filter((o) => !written.has(o.slotKey)), ...written.values()],
  };
  const stored = {
    roster: state.roster,
    partitions: new Map([[series.id, { seriesId: series.id, occurrences: state.stored, overrides: current, minutesHeads: [] }]]),
  };
  return comparePlans(config, [series], stored, base, proposal, now);
}

/** The audit record of a change about to be written, from what the planner says it will do. */
function auditedChange(
  config: CountyConfig,
  series: SeriesDefinition,
  calendar: WorkingDayCalendar,
  change: OccurrenceChange,
  reason: string,
  state: SeriesState,
  writes: ReadonlyArray<OverrideWrite>,
  id: string,
): { action: SecretariatAction; preview: PlanPreview } {
  const preview = previewOf(config, series, calendar, change.now, state, writes);
  const changes: ActionChange[] = preview.meetings.map((m) => ({
    subject: 'meeting',
    ref: `${m.seriesId}/${m.slotKey}`,
    before: m.before,
    after: m.after,
  }));
  // A change the calendar does not show (an acting chair that is the chair already by rotation,
  // a move to the date the meeting has) is still a decision: its override before and after.
  for (const write of writes) {
    const ref = `${series.id}/${write.override.slotKey}`;
    if (changes.some((c) => c.ref === ref)) continue;
    const before = state.overrides.find((o) => o.override.slotKey === write.override.slotKey)?.override;
    changes.push({ subject: 'meeting', ref, before: before ? decision(before) : null, after: decision(write.override) });
  }
  const slots = [...new Set([...writes.map((w) => w.override.slotKey), ...preview.meetings.map((m) => m.slotKey)])];
  return {
    preview,
    action: {
      id,
      at: auditTime(change.now.epochMilliseconds),
      task: taskOf[change.kind],
      actor: { subject: change.actor.id, via: change.actor.via ?? 'unknown', ...(change.actor.name ? { name: change.actor.name } : {}) },
      reason,
      scope: 'meeting',
      // The meetings whose history shows the change: those it writes first, then those it ripples to.
      meetings: slots.map((slotKey) => ({ seriesId: series.id, slotKey })),
      changes,
    },
  };
}

/** The decision an override holds, without its bookkeeping. */
function decision(override: OccurrenceOverride): Partial<MeetingState> & Record<string, unknown> {
  const { seriesId: _s, slotKey: _k, reason: _r, updatedBy: _b, updatedAt: _a, ...rest } = override;
  return rest;
}

/** The override fields a change sets, and those it was decided on (another change to them is a conflict). */
type Patch = {
  slotKey: string;
  set: Partial<OccurrenceOverride>;
  /** Fields to drop from the override, e.g. a swap that gives a slot back its own chair. */
  unset?: Array<'chairUnitId' | 'actingChair'>;
  dependsOn: Array<keyof OccurrenceOverride>;
  /** Only as a new override: an ad-hoc session is created once. */
  create?: boolean;
};

/** Validates the change against `state` and returns the writes; throws before anything is written. */
function plannedWrites(
  config: CountyConfig,
  series: SeriesDefinition,
  calendar: WorkingDayCalendar,
  change: OccurrenceChange,
  reason: string,
  state: SeriesState,
  firstRead: SeriesState,
): Array<OverrideWrite & { patch: Patch }> {
  const patches = validatedPatches(config, series, calendar, change, state);
  return patches.map((patch) => {
    const current = state.overrides.find((o) => o.override.slotKey === patch.slotKey);
    const seen = firstRead.overrides.find((o) => o.override.slotKey === patch.slotKey);
    const base: OccurrenceOverride = current?.override ?? {
      seriesId: series.id,
      slotKey: patch.slotKey,
      reason,
      updatedBy: '',
      updatedAt: '',
    };
    const override: OccurrenceOverride = { ...base, ...patch.set };
    for (const field of patch.unset ?? []) delete override[field];
    // Merged onto another officer's change made meanwhile: the meeting's note keeps both reasons.
    const mergedOnto = current && current.version !== seen?.version ? current.override.reason : undefined;
    override.reason = mergedOnto && mergedOnto !== reason ? `${mergedOnto}；${reason}` : reason;
    override.updatedBy = change.actor.id;
    override.updatedAt = change.now.toString();
    return { override, expectedVersion: current?.version, patch };
  });
}

function changedMeanwhile(write: { patch: Patch }, before: SeriesState, after: SeriesState): boolean {
  const find = (state: SeriesState) => state.overrides.find((o) => o.override.slotKey === write.patch.slotKey)?.override;
  const [was, now] = [find(before), find(after)];
  if (write.patch.create) return now !== undefined;
  return write.patch.dependsOn.some((field) => JSON.stringify(was?.[field]) !== JSON.stringify(now?.[field]));
}

function validatedPatches(
  config: CountyConfig,
  series: SeriesDefinition,
  calendar: WorkingDayCalendar,
  change: OccurrenceChange,
  state: SeriesState,
): Patch[] {
  const today = todayInTaipei(change.now);
  const overrideOf = (slotKey: string) => state.overrides.find((o) => o.override.slotKey === slotKey)?.override;
  const isCancelled = (o: Occurrence) => o.status === 'cancelled' || overrideOf(o.slotKey)?.cancelled === true;

  switch (change.kind) {
    case 'move': {
      const occurrence = findUpcoming(series, state.stored, change.occurrence, today, 'occurrence');
      requireGivenBySeries(series, occurrence, 'occurrence', '改期');
      const date = parseDate(change.date, 'date');
      requireNotPast(date, today, 'date');
      const start = change.start === undefined ? undefined : parseTime(change.start, 'start');
      requireWorkingDay(calendar, date, change.force, 'date');
      return [
        {
          slotKey: occurrence.slotKey,
          set: { date: date.toString(), forced: change.force === true, ...(start ? { start } : {}) },
          dependsOn: ['date', 'start', 'forced', 'cancelled'],
        },
      ];
    }
    case 'cancel': {
      const occurrence = findUpcoming(series, state.stored, change.occurrence, today, 'occurrence');
      if (isCancelled(occurrence))
        throw new SecretariatInputError({
          code: 'already-cancelled',
          field: 'occurrence',
          status: 409,
          message: `${series.name.zh} ${occurrence.date} 的會議已經停開`,
        });
      return [{ slotKey: occurrence.slotKey, set: { cancelled: true }, dependsOn: ['cancelled'] }];
    }
    case 'reinstate': {
      const occurrence = findUpcoming(series, state.stored, change.occurrence, today, 'occurrence');
      if (!isCancelled(occurrence))
        throw new SecretariatInputError({
          code: 'not-cancelled',
          field: 'occurrence',
          status: 409,
          message: `${series.name.zh} ${occurrence.date} 的會議沒有停開，不需要恢復`,
        });
      // Only what the secretariat cancelled: a meeting the series no longer has (its months changed
      // in the configuration) comes back only with the configuration.
      if (overrideOf(occurrence.slotKey)?.cancelled !== true)
        throw new SecretariatInputError({
          code: 'not-reinstatable',
          field: 'occurrence',
          status: 409,
          message: `${series.name.zh} ${occurrence.date} 的會議是因會議系列設定變更而取消，不是幕僚停開的，無法在此恢復`,
        });
      return [{ slotKey: occurrence.slotKey, set: { cancelled: false }, dependsOn: ['cancelled'] }];
    }
    case 'acting-chair':
      return actingChairPatches(config, series, state, change, today, isCancelled);
    case 'venue': {
      const occurrence = findUpcoming(series, state.stored, change.occurrence, today, 'occurrence');
      requireGivenBySeries(series, occurrence, 'occurrence', '更換場地');
      if (!config.venues.some((v) => v.id === change.venueId))
        throw new SecretariatInputError({
          code: 'unknown-venue',
          field: 'venueId',
          status: 404,
          message: `沒有場地「${change.venueId}」；已設定的場地：${config.venues.map((v) => `${v.id}（${v.name.zh}）`).join('、')}`,
        });
      return [{ slotKey: occurrence.slotKey, set: { venueId: change.venueId }, dependsOn: ['venueId', 'cancelled'] }];
    }
    case 'swap-chairs':
      return swapPatches(series, state, change, today, isCancelled);
    case 'add-ad-hoc': {
      if (!series.allowAdHocSessions)
        throw new SecretariatInputError({
          code: 'ad-hoc-not-allowed',
          field: 'seriesId',
          message: `${series.name.zh}不開放加開臨時會議（設定檔中 allowAdHocSessions 為 false）`,
        });
      const date = parseDate(change.date, 'date');
      requireNotPast(date, today, 'date');
      const start = change.start === undefined ? series.start : parseTime(change.start, 'start');
      requireWorkingDay(calendar, date, change.force, 'date');
      const slotKey = `${adHocSlotPrefix}${date.toString()}-${start.replace(':', '')}`;
      if (state.stored.some((o) => o.slotKey === slotKey) || overrideOf(slotKey))
        throw new SecretariatInputError({
          code: 'ad-hoc-exists',
          field: 'date',
          status: 409,
          message: `${series.name.zh}在 ${date.toString()} ${start} 已有一場臨時會議`,
        });
      return [
        {
          slotKey,
          set: {
            adHoc: { date: date.toString(), start, ...(change.durationMinutes ? { durationMinutes: change.durationMinutes } : {}) },
            forced: change.force === true,
          },
          dependsOn: ['adHoc'],
          create: true,
        },
      ];
    }
  }
}

/** The core's swapChairs decides the chairs; this only finds the meetings and refuses what it cannot swap. */
function swapPatches(
  series: SeriesDefinition,
  state: SeriesState,
  change: Extract<OccurrenceChange, { kind: 'swap-chairs' }>,
  today: Temporal.PlainDate,
  isCancelled: (o: Occurrence) => boolean,
): Patch[] {
  if (series.chair.kind !== 'rotating')
    throw new SecretariatInputError({
      code: 'fixed-chair',
      field: 'seriesId',
      message: `${series.name.zh}由固定單位主持，沒有可互換的主持`,
    });
  const a = findUpcoming(series, state.stored, change.occurrence, today, 'occurrence');
  const b = findUpcoming(series, state.stored, change.other, today, 'other');
  requireGivenBySeries(series, a, 'occurrence', '互換主持');
  requireGivenBySeries(series, b, 'other', '互換主持');
  if (a.slotKey === b.slotKey)
    throw new SecretariatInputError({ code: 'swap-with-itself', field: 'other', message: '一場會議不能與自己互換主持' });
  for (const [occurrence, field] of [
    [a, 'occurrence'],
    [b, 'other'],
  ] as const) {
    if (isCancelled(occurrence))
      throw new SecretariatInputError({
        code: 'cancelled-has-no-chair',
        field,
        status: 409,
        message: `${occurrence.date} 的會議已停開，沒有主持可互換`,
      });
    if (occurrence.adHoc)
      throw new SecretariatInputError({
        code: 'not-in-rotation',
        field,
        message: `${occurrence.date} 是臨時會議，不在輪流主持的順序中，不能互換主持`,
      });
  }

  const latest = [...state.stored.map((o) => o.date), a.date, b.date].sort().at(-1)!;
  const rotation = seriesRotation(
    series,
    state.stored,
    state.overrides.map((o) => o.override),
    today,
    Temporal.PlainDate.from(latest).add({ months: 1 }),
  );
  let swapped;
  try {
    swapped = swapChairs(rotation.slots, rotation.policy, a.slotKey, b.slotKey);
  } catch (error) {
    if (!(error instanceof ChairRotationError)) throw error;
    throw new SecretariatInputError({ code: 'not-in-rotation', field: 'occurrence', message: `無法互換主持：${error.message}` });
  }
  return [a, b].map((occurrence): Patch => {
    const chair = swapped.find((slot) => slot.key === occurrence.slotKey)?.chairOverride;
    // No override where the swap gives a slot its own turn back: swapping back leaves no trace.
    // Either way the chair is no longer an acting chair (代理主持) but half of a swap.
    return chair
      ? { slotKey: occurrence.slotKey, set: { chairUnitId: chair }, unset: ['actingChair'], dependsOn: ['chairUnitId', 'cancelled'] }
      : { slotKey: occurrence.slotKey, set: {}, unset: ['chairUnitId', 'actingChair'], dependsOn: ['chairUnitId', 'cancelled'] };
  });
}

/**
 * Another invited unit chairs one meeting (代理主持) in place of the one whose turn it is; the
 * rotation goes on as if that unit had chaired. Naming the unit whose turn it is gives the meeting
 * back to the rotation.
 */
function actingChairPatches(
  config: CountyConfig,
  series: SeriesDefinition,
  state: SeriesState,
  change: Extract<OccurrenceChange, { kind: 'acting-chair' }>,
  today: Temporal.PlainDate,
  isCancelled: (o: Occurrence) => boolean,
): Patch[] {
  const occurrence = findUpcoming(series, state.stored, change.occurrence, today, 'occurrence');
  requireGivenBySeries(series, occurrence, 'occurrence', '指定代理主持');
  const unit = config.units.find((u) => u.id === change.unitId);
  if (!unit)
    throw new SecretariatInputError({
      code: 'unknown-unit',
      field: 'unitId',
      status: 404,
      message: `沒有單位「${change.unitId}」；${series.name.zh}邀請的單位：${series.invitedUnitIds.join('、')}`,
    });
  if (!series.invitedUnitIds.includes(unit.id))
    throw new SecretariatInputError({
      code: 'unit-not-invited',
      field: 'unitId',
      message: `${unit.name.zh}不是${series.name.zh}邀請的單位，不能主持；請先在設定檔中邀請該單位`,
    });
  if (isCancelled(occurrence))
    throw new SecretariatInputError({
      code: 'cancelled-has-no-chair',
      field: 'occurrence',
      status: 409,
      message: `${occurrence.date} 的會議已停開，沒有主持可代理`,
    });
  if (occurrence.chairUnitId === unit.id)
    throw new SecretariatInputError({
      code: 'same-chair',
      field: 'unitId',
      message: `${unit.name.zh}已是 ${occurrence.date} 會議的主持單位`,
    });
  const dependsOn: Patch['dependsOn'] = ['chairUnitId', 'actingChair', 'cancelled'];
  if (occurrence.adHoc) return [{ slotKey: occurrence.slotKey, set: { chairUnitId: unit.id, actingChair: true }, dependsOn }];
  if (series.chair.kind !== 'rotating')
    throw new SecretariatInputError({
      code: 'fixed-chair',
      field: 'seriesId',
      message: `${series.name.zh}由固定單位主持，設定檔指定的主持單位不能由他人代理；請改設定檔`,
    });
  // The unit whose turn it is, as the rotation gives it without any mark on this meeting.
  const latest = [...state.stored.map((o) => o.date), occurrence.date].sort().at(-1)!;
  const rotation = seriesRotation(
    series,
    state.stored,
    state.overrides.map((o) => o.override).filter((o) => o.slotKey !== occurrence.slotKey),
    today,
    Temporal.PlainDate.from(latest).add({ months: 1 }),
  );
  const turn = assignChairs(rotation.policy, rotation.slots).find((a) => a.key === occurrence.slotKey)?.chairUnitId;
  if (turn === unit.id) return [{ slotKey: occurrence.slotKey, set: {}, unset: ['chairUnitId', 'actingChair'], dependsOn }];
  return [{ slotKey: occurrence.slotKey, set: { chairUnitId: unit.id, actingChair: true }, dependsOn }];
}

/** An occurrence named by its current date (2026-03-25) or its slot key (2026-03), not yet held. */
function findUpcoming(
  series: SeriesDefinition,
  stored: readonly Occurrence[],
  name: string,
  today: Temporal.PlainDate,
  field: string,
): Occurrence {
  const occurrence = findMeeting(series, stored, name, field);
  if (Temporal.PlainDate.compare(Temporal.PlainDate.from(occurrence.date), today) < 0)
    throw new SecretariatInputError({
      code: 'meeting-taken-place',
      field,
      status: 409,
      message: `${series.name.zh} ${occurrence.date} 的會議已經開過，不能再修改`,
    });
  return occurrence;
}

/** An occurrence named by its current date (2026-03-25) or its slot key (2026-03), held or not. */
export function findMeeting(series: SeriesDefinition, stored: readonly Occurrence[], name: string, field = 'occurrence'): Occurrence {
  const matches = stored.filter((o) => o.date === name || o.slotKey === name);
  if (matches.length === 0)
    throw new SecretariatInputError({
      code: 'no-such-meeting',
      field,
      status: 404,
      message: `${series.name.zh}沒有「${name}」這場會議；請以會議日期（如 2026-03-25）或月份（如 2026-03）指定`,
    });
  if (matches.length > 1)
    throw new SecretariatInputError({
      code: 'ambiguous-meeting',
      field,
      message: `「${name}」符合 ${matches.length} 場會議，請以月份指定：${matches.map((m) => m.slotKey).join('、')}`,
    });
  return matches[0]!;
}

/**
 * Refuses a change that keeps a meeting the series no longer gives (its month was taken out of the
 * configuration after it was planned): the next planning run cancels it whatever is decided here,
 * so a preview would show nothing and the change would be undone. Said plainly instead, with what
 * to do: an ad-hoc session where the series allows them, else the configuration.
 */
function requireGivenBySeries(series: SeriesDefinition, occurrence: Occurrence, field: string, verb: string): void {
  if (occurrence.adHoc || seriesGivesSlot(series, occurrence.slotKey)) return;
  const when = series.activeMonths ? `（目前設定為每年${activeMonthsText(series.activeMonths)}開會）` : '';
  const instead = series.allowAdHocSessions
    ? '如這天仍要開會，請改用「加開臨時會議」'
    : '如仍要開這場會議，請洽系統管理人員修改會議系列的設定';
  throw new SecretariatInputError({
    code: 'not-in-series',
    field,
    status: 409,
    message: `${series.name.zh} ${rocFormalDate(Temporal.PlainDate.from(occurrence.date))} 的會議已不在會議系列的設定中${when}，下次排程時即會取消，不能${verb}；${instead}`,
  });
}

function requireWorkingDay(calendar: WorkingDayCalendar, date: Temporal.PlainDate, force: boolean | undefined, field: string): void {
  if (force || calendar.isWorkingDay(date)) return;
  const label = calendar.dayStatus(date).label;
  throw new SecretariatInputError({
    code: 'day-off-needs-confirmation',
    field,
    message: `${date.toString()} 是放假日${label ? `（${label}）` : ''}；確定要在這天開會，請確認後再送出`,
  });
}
