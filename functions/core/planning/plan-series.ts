// Planning is a pure function: (series definition, office calendar, overrides, stored occurrences,
// now) → a change set. Handlers load the inputs, call this, and apply the result with conditional
// writes, so a run that repeats, races another run or dies halfway can only redo the same change.
//
// What planning never does, whatever its inputs:
// - create a meeting that starts before `now` (the moment the run plans for);
// - rewrite a meeting that has started: it has taken place, and is history;
// - cancel a meeting because the horizon shrank: a stored meeting beyond today's horizon stays,
//   and is still kept up to date (closures, rotation); only a slot the cadence no longer gives at
//   all is cancelled.
import type { SeriesDefinition } from '../series/county-config.ts';
import { Temporal, todayInTaipei } from '../calendar/local-date.ts';
import { hasStarted } from './has-started.ts';
import { assignChairs, type ChairPolicy, type RotationSlot } from '../rotation/chair-rotation.ts';
import { nominalSlots } from './cadence.ts';
import { placeOnWorkingDay, type WorkingDayCalendar } from './holiday-policy.ts';
import type { ChairChange, ChairChangeCause, Occurrence } from './occurrence.ts';
import { adHocSlotPrefix, type OccurrenceOverride } from './override.ts';

export type PlanInput = {
  series: SeriesDefinition;
  calendar: WorkingDayCalendar;
  overrides: readonly OccurrenceOverride[];
  stored: readonly Occurrence[];
  now: Temporal.Instant;
  horizonMonths: number;
  newUid: () => string;
};

export type PlannedChange =
  | { kind: 'create'; occurrence: Occurrence }
  /** calendarChange: time, place, chair or status changed, so SEQUENCE went up and invitees must be told. */
  | { kind: 'update'; before: Occurrence; after: Occurrence; calendarChange: boolean };

/** A chair this run changed, for the run's summary. Who is told comes from the stored ChairChange. */
export type ChairChangeNotice = { slotKey: string; date: string; from: string; to: string; cause: ChairChangeCause };

export type ChangeSet = { seriesId: string; changes: PlannedChange[]; chairChanges: ChairChangeNotice[] };

type DesiredOccurrence = Pick<
  Occurrence,
  | 'slotKey'
  | 'status'
  | 'date'
  | 'start'
  | 'durationMinutes'
  | 'venueId'
  | 'chairUnitId'
  | 'provisional'
  | 'needsDecision'
  | 'placementNote'
  | 'adHoc'
>;

/**
 * A slot of the rotation cancelled, or cancelled and then reinstated, and when: what moves later
 * chairs on (a cancellation) or back (a reinstatement). `newly` when this run applies it.
 */
type RotationEvent = { kind: 'cancellation' | 'reinstatement'; slotKey: string; date: string; at: string; newly: boolean };

/** Fields whose change a calendar must show: SEQUENCE goes up and an update is sent. */
const calendarFields = ['status', 'date', 'start', 'durationMinutes', 'venueId', 'chairUnitId'] as const;
/** Fields that only change how the plan is flagged to the secretariat. */
const flagFields = ['provisional', 'needsDecision', 'placementNote'] as const;

export function planSeries(input: PlanInput): ChangeSet {
  const { series, stored, now } = input;
  const today = todayInTaipei(now);
  const horizonEnd = today.add({ months: input.horizonMonths });
  const nowText = now.toString();
  const todayText = today.toString();
  const storedBySlot = new Map(stored.map((occurrence) => [occurrence.slotKey, occurrence]));
  const overrideBySlot = new Map(input.overrides.filter((o) => o.seriesId === series.id).map((o) => [o.slotKey, o]));

  const regular = regularSlots(input, today, horizonEnd, storedBySlot, overrideBySlot);
  const desired = [...regular.desired, ...adHocSlots(input, storedBySlot, overrideBySlot)];
  const desiredBySlot = new Map(desired.map((d) => [d.slotKey, d]));

  const changes: PlannedChange[] = [];
  const chairChanges: ChairChangeNotice[] = [];
  for (const want of desired) {
    const before = storedBySlot.get(want.slotKey);
    if (!before) {
      // Only a meeting still ahead of the run's moment is created: never one in the past.
      if (want.status === 'scheduled' && !hasStarted(want, now, todayText)) {
        changes.push({
          kind: 'create',
          occurrence: { ...want, seriesId: series.id, uid: input.newUid(), sequence: 0, createdAt: nowText, updatedAt: nowText },
        });
      }
      continue;
    }
    // A meeting that has started has taken place (or is taking place): never rewritten.
    if (hasStarted(before, now, todayText)) continue;
    const change = diff(before, want, nowText, overrideBySlot.get(want.slotKey));
    if (!change) continue;
    if (before.status === 'scheduled' && want.status === 'scheduled' && before.chairUnitId !== want.chairUnitId) {
      const cause = chairChangeCause(before, overrideBySlot.get(want.slotKey), want, regular.rotationEvents);
      recordChairChange(change.after, before, cause, nowText);
      chairChanges.push({ slotKey: want.slotKey, date: want.date, from: before.chairUnitId, to: want.chairUnitId, cause: cause.cause });
    }
    changes.push(change);
  }
  // A stored future occurrence whose slot the configuration no longer gives (say, a month taken out
  // of activeMonths) is cancelled, not silently left in people's calendars. Stored slots beyond the
  // horizon are among the desired ones, so a shorter horizon cancels nothing.
  for (const before of stored) {
    if (desiredBySlot.has(before.slotKey) || before.status === 'cancelled' || hasStarted(before, now, todayText)) continue;
    if (before.adHoc) continue;
    const after = {
      ...before,
      status: 'cancelled' as const,
      placementNote: '會議系列設定已變更，本場次取消',
      sequence: before.sequence + 1,
      updatedAt: nowText,
    };
    changes.push({ kind: 'update', before, after, calendarChange: true });
  }
  return { seriesId: series.id, changes, chairChanges };
}

function diff(
  before: Occurrence,
  want: DesiredOccurrence,
  nowText: string,
  override?: OccurrenceOverride,
): { kind: 'update'; before: Occurrence; after: Occurrence; calendarChange: boolean } | undefined {
  const calendarChange = calendarFields.some((field) => before[field] !== want[field]);
  const flagChange = flagFields.some((field) => (before[field] ?? undefined) !== (want[field] ?? undefined));
  if (!calendarChange && !flagChange) return undefined;
  const after: Occurrence = {
    ...before,
    ...want,
    sequence: calendarChange ? before.sequence + 1 : before.sequence,
    updatedAt: nowText,
  };
  if (want.placementNote === undefined) delete after.placementNote;
  if (calendarChange) {
    // The reason goes with the change it explains, in this same write: the update people receive
    // says why. Only a decision made since the meeting last changed explains this change; an older
    // one (a move months ago) does not explain a chair that moved because another meeting was
    // cancelled. A date the office calendar moved (a closure) is explained by the calendar's note.
    // A decision is applied once: the one whose reason the meeting already carries (by the
    // decision's time) explains no later change.
    const decided =
      override !== undefined && override.updatedAt !== before.changeDecidedAt && notBefore(override.updatedAt, before.updatedAt);
    const reason = decided ? override.reason : before.date !== want.date ? want.placementNote : undefined;
    if (reason) after.changeReason = reason;
    else delete after.changeReason;
    if (decided) after.changeDecidedAt = override.updatedAt;
    else delete after.changeDecidedAt;
  }
  return { kind: 'update', before, after, calendarChange };
}

/** Whether instant `a` is at or after `b`; false when either is not an instant (hand-written data). */
function notBefore(a: string, b: string): boolean {
  try {
    return Temporal.Instant.compare(Temporal.Instant.from(a), Temporal.Instant.from(b)) >= 0;
  } catch {
    return false;
  }
}

type Cause = Pick<ChairChange, 'cause' | 'cancelledDate' | 'reason'>;

/**
 * Why the chair moved, told truthfully: the secretariat's swap or acting chair on this very
 * meeting; else a cancellation or reinstatement of an earlier meeting that happened after this
 * meeting got its current chair (so it cannot be an old one the chair already reflects), the
 * latest of them when there are several; else the rotation itself.
 */
function chairChangeCause(
  before: Occurrence,
  override: OccurrenceOverride | undefined,
  want: DesiredOccurrence,
  rotationEvents: readonly RotationEvent[],
): Cause {
  if (override?.chairUnitId === want.chairUnitId) {
    return { cause: override.actingChair ? 'acting-chair' : 'swap', reason: override.reason };
  }
  const chairSince = before.chairChange?.changedAt ?? before.createdAt;
  const since = (e: RotationEvent) =>
    e.newly || Temporal.Instant.compare(Temporal.Instant.from(e.at), Temporal.Instant.from(chairSince)) > 0;
  const latest = (kind: RotationEvent['kind']) =>
    rotationEvents.filter((e) => e.kind === kind && e.slotKey < want.slotKey && since(e)).at(-1);
  const cancelled = latest('cancellation');
  const reinstated = latest('reinstatement');
  // Both since the chair was set: the later decision is the one this chair follows. One this run
  // applies is later than any stored.
  const event = cancelled && reinstated ? (laterEvent(reinstated, cancelled) ? reinstated : cancelled) : (cancelled ?? reinstated);
  if (event) return { cause: event.kind, cancelledDate: event.date };
  return { cause: 'rotation' };
}

/** Whether `a` was decided after `b`: one this run applies counts as now. */
function laterEvent(a: RotationEvent, b: RotationEvent): boolean {
  if (a.newly !== b.newly) return a.newly;
  return Temporal.Instant.compare(Temporal.Instant.from(a.at), Temporal.Instant.from(b.at)) > 0;
}

/**
 * Stores on the changed occurrence who chaired it before and why that changed. A change nobody was
 * told of yet keeps its first "from" (what people last heard); a change back to that unit before
 * anyone was told leaves nothing to tell.
 */
function recordChairChange(after: Occurrence, before: Occurrence, cause: Cause, nowText: string): void {
  const untold = before.chairChange && before.chairChange.toldIn === undefined ? before.chairChange : undefined;
  const fromUnitId = untold?.fromUnitId ?? before.chairUnitId;
  if (fromUnitId === after.chairUnitId) {
    delete after.chairChange;
    return;
  }
  after.chairChange = { fromUnitId, ...cause, changedAt: nowText };
  if (after.chairChange.reason === undefined) delete after.chairChange.reason;
  if (after.chairChange.cancelledDate === undefined) delete after.chairChange.cancelledDate;
}

function regularSlots(
  input: PlanInput,
  today: Temporal.PlainDate,
  horizonEnd: Temporal.PlainDate,
  storedBySlot: ReadonlyMap<string, Occurrence>,
  overrideBySlot: ReadonlyMap<string, OccurrenceOverride>,
): { desired: DesiredOccurrence[]; rotationEvents: RotationEvent[] } {
  const { series, now } = input;
  // Chairs rotate from the anchor slot on, so the rotation needs every slot since then, including
  // meetings held before this system kept them (counted as held).
  const rotationStart = series.chair.kind === 'rotating' ? slotStartDate(series.chair.anchorSlot) : today;
  const firstSlotDate = Temporal.PlainDate.compare(rotationStart, today) < 0 ? rotationStart : today;
  // Up to the horizon, and on to the last stored slot: a meeting planned under a longer horizon
  // stays planned (and its chair and date stay right) when the horizon is shortened.
  const lastStored = [...storedBySlot.values()]
    .filter((o) => !o.adHoc)
    .map((o) => slotEndDate(o.slotKey))
    .reduce((latest, d) => (Temporal.PlainDate.compare(d, latest) > 0 ? d : latest), horizonEnd);
  // Start a week early: a slot whose nominal date just passed may have been placed later in its week.
  const slots = nominalSlots(series.cadence, series.activeMonths, firstSlotDate.subtract({ days: 7 }), lastStored);
  const rotationEvents: RotationEvent[] = [];
  const rotation: RotationSlot[] = slots
    .filter((slot) => series.chair.kind !== 'rotating' || slot.slotKey >= series.chair.anchorSlot)
    .map((slot) => {
      const stored = storedBySlot.get(slot.slotKey);
      const override = overrideBySlot.get(slot.slotKey);
      const cancelled = override?.cancelled ?? stored?.status === 'cancelled';
      if (cancelled) {
        rotationEvents.push({
          kind: 'cancellation',
          slotKey: slot.slotKey,
          date: override?.date ?? stored?.date ?? slot.nominalDate.toString(),
          // When it was cancelled: the secretariat's override, else the stored meeting's last change.
          at: (override?.cancelled && override.updatedAt) || stored?.updatedAt || now.toString(),
          newly: stored?.status === 'scheduled',
        });
      } else if (override?.cancelled === false) {
        // Reinstated by the secretariat (a cancel taken back): the later chairs move back, and
        // that, not the rotation's configuration, is why.
        rotationEvents.push({
          kind: 'reinstatement',
          slotKey: slot.slotKey,
          date: override.date ?? stored?.date ?? slot.nominalDate.toString(),
          at: override.updatedAt || now.toString(),
          newly: stored?.status === 'cancelled',
        });
      }
      const status = cancelled ? 'cancelled' : stored || Temporal.PlainDate.compare(slot.nominalDate, today) >= 0 ? 'scheduled' : 'held';
      return { key: slot.slotKey, status, ...(override?.chairUnitId ? { chairOverride: override.chairUnitId } : {}) };
    });
  const chairs = new Map([
    ...chairsBeforeAnchor(series, slots),
    ...assignChairs(chairPolicy(series), rotation).map((a): [string, string] => [a.key, a.chairUnitId]),
  ]);

  const desired: DesiredOccurrence[] = [];
  for (const slot of slots) {
    const stored = storedBySlot.get(slot.slotKey);
    const override = overrideBySlot.get(slot.slotKey);
    // Slots before today that were never stored are not recreated: they are in the past. Slots
    // beyond the horizon are planned only if already stored.
    if (!stored && Temporal.PlainDate.compare(slot.nominalDate, today.subtract({ days: 7 })) < 0) continue;
    // Nothing before the series goes live.
    if (!stored && beforeGoLive(series, slot)) continue;
    if (!stored && Temporal.PlainDate.compare(slot.nominalDate, horizonEnd) > 0) continue;
    const chairUnitId = chairs.get(slot.slotKey) ?? fixedChair(series);
    const placed = override?.date
      ? {
          date: Temporal.PlainDate.from(override.date),
          needsDecision: false,
          provisional: input.calendar.isProvisional(Temporal.PlainDate.from(override.date)),
          reason: override.reason,
        }
      : placeOnWorkingDay(slot.nominalDate, series.holidayPolicy, input.calendar, today);
    const want: DesiredOccurrence = {
      slotKey: slot.slotKey,
      status: override?.cancelled ? 'cancelled' : 'scheduled',
      date: placed.date.toString(),
      start: override?.start ?? series.start,
      durationMinutes: series.durationMinutes,
      venueId: override?.venueId ?? series.venueId,
      chairUnitId,
      provisional: placed.provisional,
      needsDecision: placed.needsDecision,
      adHoc: false,
    };
    // The person's reason for an override says more than the holiday rule's.
    const note = override?.reason ?? placed.reason;
    if (note) want.placementNote = note;
    desired.push(want);
  }
  return { desired, rotationEvents };
}

function adHocSlots(
  input: PlanInput,
  storedBySlot: ReadonlyMap<string, Occurrence>,
  overrideBySlot: ReadonlyMap<string, OccurrenceOverride>,
): DesiredOccurrence[] {
  const desired: DesiredOccurrence[] = [];
  for (const [slotKey, override] of overrideBySlot) {
    if (!slotKey.startsWith(adHocSlotPrefix) || !override.adHoc) continue;
    const date = Temporal.PlainDate.from(override.date ?? override.adHoc.date);
    const stored = storedBySlot.get(slotKey);
    desired.push({
      slotKey,
      status: override.cancelled ? 'cancelled' : 'scheduled',
      date: date.toString(),
      start: override.start ?? override.adHoc.start,
      durationMinutes: override.adHoc.durationMinutes ?? input.series.durationMinutes,
      venueId: override.venueId ?? input.series.venueId,
      chairUnitId: override.chairUnitId ?? stored?.chairUnitId ?? fixedChair(input.series),
      provisional: input.calendar.isProvisional(date),
      needsDecision: !input.calendar.isWorkingDay(date) && !override.forced,
      placementNote: override.reason,
      adHoc: true,
    });
  }
  return desired;
}

function chairPolicy(series: SeriesDefinition): ChairPolicy {
  return series.chair.kind === 'fixed'
    ? { kind: 'fixed', unitId: series.chair.unitId }
    : { kind: 'rotating', roster: series.chair.roster, onCancel: series.chair.onCancel, startIndex: 0 };
}

/** The chair of a slot outside the rotation (ad-hoc sessions): the fixed chair, or the roster's first. */
function beforeGoLive(series: SeriesDefinition, slot: { nominalDate: Temporal.PlainDate }): boolean {
  return series.startsOn !== undefined && Temporal.PlainDate.compare(slot.nominalDate, Temporal.PlainDate.from(series.startsOn)) < 0;
}

/**
 * A slot before the rotation's anchor (a meeting planned before the rotation starts) takes the turn
 * the rotation would have given it, counted back from the anchor: the unit before the first chairs
 * the meeting just before the anchor, so no unit chairs twice in a row because of where it starts.
 */
function chairsBeforeAnchor(series: SeriesDefinition, slots: readonly { slotKey: string }[]): Map<string, string> {
  const chairs = new Map<string, string>();
  if (series.chair.kind !== 'rotating') return chairs;
  const { roster, anchorSlot } = series.chair;
  const before = slots.filter((slot) => slot.slotKey < anchorSlot);
  before.forEach((slot, index) => {
    const stepsBack = before.length - index;
    chairs.set(slot.slotKey, roster[((-stepsBack % roster.length) + roster.length) % roster.length]!);
  });
  return chairs;
}

function fixedChair(series: SeriesDefinition): string {
  return series.chair.kind === 'fixed' ? series.chair.unitId : (series.chair.roster[0] ?? '');
}

function slotStartDate(slotKey: string): Temporal.PlainDate {
  return Temporal.PlainDate.from(slotKey.length === 7 ? `${slotKey}-01` : slotKey);
}

/** The last day a slot's nominal date can fall on: the end of its month, or its own date. */
function slotEndDate(slotKey: string): Temporal.PlainDate {
  const start = slotStartDate(slotKey);
  return slotKey.length === 7 ? start.add({ months: 1 }).subtract({ days: 1 }) : start;
}
