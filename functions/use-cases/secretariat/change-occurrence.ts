// The secretariat's single-step changes to one meeting: move, cancel (a typhoon day), change the
// venue, swap chairs, add an ad-hoc session. Each is stored as an override, which the planner lays
// over the cadence on every run.
//
// Two officers may change the same meeting at the same moment. Overrides are written only at the
// version they were read at (override-store.ts), so the second write is refused rather than
// silently undoing the first. The refused change is then tried again on what is stored now, if the
// other change touched none of the fields it depends on (a move and a venue change of one meeting
// both stand); otherwise the officer is told that the meeting was just changed, and nothing of
// theirs is written.
import type { CountyConfig, SeriesDefinition } from '../../core/series/county-config.ts';
import type { Occurrence } from '../../core/planning/occurrence.ts';
import { adHocSlotPrefix, type OccurrenceOverride } from '../../core/planning/override.ts';
import type { WorkingDayCalendar } from '../../core/planning/holiday-policy.ts';
import { Temporal, todayInTaipei } from '../../core/calendar/local-date.ts';
import { ChairRotationError, swapChairs } from '../../core/rotation/chair-rotation.ts';
import type { MeetingTable } from '../../adapters/dynamodb/meeting-table.ts';
import { listOccurrences } from '../../adapters/dynamodb/occurrence-store.ts';
import { readOverrides, saveOverrides, type OverrideWrite, type VersionedOverride } from '../../adapters/dynamodb/override-store.ts';
import type { SeriesRunSummary } from '../plan-series-occurrences.ts';
import { planUntilSettled } from './replan.ts';
import { findSeries, parseDate, parseTime, requireNotPast, requireReason } from './request-checks.ts';
import { seriesRotation } from './series-rotation.ts';
import { conflictError, pauseBeforeRetry, SecretariatInputError } from './secretariat-input-error.ts';

export { findSeries } from './request-checks.ts';

export type Actor = { id: string };

type Common = { seriesId: string; reason: string; actor: Actor; now: Temporal.Instant };

/** A meeting is named by its date (2026-03-25) or its slot (2026-03). */
export type OccurrenceChange =
  | (Common & { kind: 'move'; occurrence: string; date: string; start?: string; force?: boolean })
  | (Common & { kind: 'cancel'; occurrence: string })
  | (Common & { kind: 'venue'; occurrence: string; venueId: string })
  | (Common & { kind: 'swap-chairs'; occurrence: string; other: string })
  | (Common & { kind: 'add-ad-hoc'; date: string; start?: string; durationMinutes?: number; force?: boolean });

export type ChangeResult = {
  /** The overrides as written. */
  overrides: OccurrenceOverride[];
  /** The re-planning that applied them: occurrences updated or created, notices queued. */
  run: SeriesRunSummary;
};

/** Tries of one change when other officers keep writing the same meeting; then it is a conflict. */
const MAX_ATTEMPTS = 3;

/**
 * Change one meeting (or two, for a chair swap), and tell everyone concerned.
 * 1. Load the series' stored meetings and overrides, with their versions.
 * 2. Validate the whole request against them: series, meeting, date, time, venue, reason, day off,
 *    rotation. Any error names its field, and nothing has been written.
 * 3. Write the override(s) at the versions read, both of a swap in one transaction. If another
 *    officer wrote first, re-load; retry if their change left this one's fields alone, or refuse
 *    with a conflict.
 * 4. Re-plan the series, so the meetings change and their invitees are told in the same step.
 * 5. Return the overrides written and what the planning did.
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

  for (let attempt = 1; !(await saveOverrides(table, writes)); attempt++) {
    await pauseBeforeRetry(attempt);
    const fresh = await loadSeries(table, series.id);
    // Validated again on what is stored now: the other change may have made this one impossible
    // (a meeting cancelled meanwhile is "already cancelled", not a vague conflict).
    const again = plannedWrites(config, series, calendar, change, reason, fresh, firstRead);
    if (attempt >= MAX_ATTEMPTS || writes.some((write) => changedMeanwhile(write, firstRead, fresh))) throw conflictError('occurrence');
    writes = again;
  }

  const run = await planUntilSettled(table, config, series, calendar, change.now);
  return { overrides: writes.map((w) => w.override), run };
}

type SeriesState = { stored: Occurrence[]; overrides: VersionedOverride[] };

async function loadSeries(table: MeetingTable, seriesId: string): Promise<SeriesState> {
  const [stored, overrides] = await Promise.all([listOccurrences(table, seriesId), readOverrides(table, seriesId)]);
  return { stored, overrides };
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
    case 'venue': {
      const occurrence = findUpcoming(series, state.stored, change.occurrence, today, 'occurrence');
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

/** An occurrence named by its current date (2026-03-25) or its slot key (2026-03), not yet held. */
function findUpcoming(
  series: SeriesDefinition,
  stored: readonly Occurrence[],
  name: string,
  today: Temporal.PlainDate,
  field: string,
): Occurrence {
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
  const occurrence = matches[0]!;
  if (Temporal.PlainDate.compare(Temporal.PlainDate.from(occurrence.date), today) < 0)
    throw new SecretariatInputError({
      code: 'meeting-taken-place',
      field,
      status: 409,
      message: `${series.name.zh} ${occurrence.date} 的會議已經開過，不能再修改`,
    });
  return occurrence;
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
