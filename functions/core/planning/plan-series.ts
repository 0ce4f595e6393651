// Planning is a pure function: (series definition, office calendar, overrides, stored occurrences,
// now) → a change set. Handlers load the inputs, call this, and apply the result with conditional
// writes, so a run that repeats, races another run or dies halfway can only redo the same change.
import type { SeriesDefinition } from '../series/county-config.ts';
import { Temporal, todayInTaipei } from '../calendar/local-date.ts';
import { assignChairs, type ChairPolicy, type RotationSlot } from '../rotation/chair-rotation.ts';
import { nominalSlots } from './cadence.ts';
import { placeOnWorkingDay, type WorkingDayCalendar } from './holiday-policy.ts';
import type { Occurrence } from './occurrence.ts';
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

export type ChairChangeNotice = { slotKey: string; date: string; from: string; to: string };

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

/** Fields whose change a calendar must show: SEQUENCE goes up and an update is sent. */
const calendarFields = ['status', 'date', 'start', 'durationMinutes', 'venueId', 'chairUnitId'] as const;
/** Fields that only change how the plan is flagged to the secretariat. */
const flagFields = ['provisional', 'needsDecision', 'placementNote'] as const;

export function planSeries(input: PlanInput): ChangeSet {
  const { series, stored, now } = input;
  const today = todayInTaipei(now);
  const horizonEnd = today.add({ months: input.horizonMonths });
  const nowText = now.toString();
  const storedBySlot = new Map(stored.map((occurrence) => [occurrence.slotKey, occurrence]));
  const overrideBySlot = new Map(input.overrides.filter((o) => o.seriesId === series.id).map((o) => [o.slotKey, o]));

  const desired = [
    ...regularSlots(input, today, horizonEnd, storedBySlot, overrideBySlot),
    ...adHocSlots(input, storedBySlot, overrideBySlot),
  ];
  const desiredBySlot = new Map(desired.map((d) => [d.slotKey, d]));

  const changes: PlannedChange[] = [];
  const chairChanges: ChairChangeNotice[] = [];
  for (const want of desired) {
    const before = storedBySlot.get(want.slotKey);
    if (!before) {
      if (want.status === 'scheduled' && Temporal.PlainDate.compare(Temporal.PlainDate.from(want.date), today) >= 0) {
        changes.push({
          kind: 'create',
          occurrence: { ...want, seriesId: series.id, uid: input.newUid(), sequence: 0, createdAt: nowText, updatedAt: nowText },
        });
      }
      continue;
    }
    if (isFrozen(before, today)) continue;
    const change = diff(before, want, nowText);
    if (!change) continue;
    changes.push(change);
    if (before.status === 'scheduled' && want.status === 'scheduled' && before.chairUnitId !== want.chairUnitId) {
      chairChanges.push({ slotKey: want.slotKey, date: want.date, from: before.chairUnitId, to: want.chairUnitId });
    }
  }
  // A stored future occurrence whose slot the configuration no longer gives (say, a month taken out
  // of activeMonths) is cancelled, not silently left in people's calendars.
  for (const before of stored) {
    if (desiredBySlot.has(before.slotKey) || before.status === 'cancelled' || isFrozen(before, today)) continue;
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

/** Meetings in the past are history: the plan never rewrites them. */
function isFrozen(occurrence: Occurrence, today: Temporal.PlainDate): boolean {
  return Temporal.PlainDate.compare(Temporal.PlainDate.from(occurrence.date), today) < 0;
}

function diff(before: Occurrence, want: DesiredOccurrence, nowText: string): PlannedChange | undefined {
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
  return { kind: 'update', before, after, calendarChange };
}

function regularSlots(
  input: PlanInput,
  today: Temporal.PlainDate,
  horizonEnd: Temporal.PlainDate,
  storedBySlot: ReadonlyMap<string, Occurrence>,
  overrideBySlot: ReadonlyMap<string, OccurrenceOverride>,
): DesiredOccurrence[] {
  const { series } = input;
  // Chairs rotate from the anchor slot on, so the rotation needs every slot since then, including
  // meetings held before this system kept them (counted as held).
  const rotationStart = series.chair.kind === 'rotating' ? slotStartDate(series.chair.anchorSlot) : today;
  const firstSlotDate = Temporal.PlainDate.compare(rotationStart, today) < 0 ? rotationStart : today;
  // Start a week early: a slot whose nominal date just passed may have been placed later in its week.
  const slots = nominalSlots(series.cadence, series.activeMonths, firstSlotDate.subtract({ days: 7 }), horizonEnd);
  const rotation: RotationSlot[] = slots
    .filter((slot) => series.chair.kind !== 'rotating' || slot.slotKey >= series.chair.anchorSlot)
    .map((slot) => {
      const stored = storedBySlot.get(slot.slotKey);
      const override = overrideBySlot.get(slot.slotKey);
      const cancelled = override?.cancelled ?? stored?.status === 'cancelled';
      const status = cancelled ? 'cancelled' : stored || Temporal.PlainDate.compare(slot.nominalDate, today) >= 0 ? 'scheduled' : 'held';
      return { key: slot.slotKey, status, ...(override?.chairUnitId ? { chairOverride: override.chairUnitId } : {}) };
    });
  const chairs = new Map(assignChairs(chairPolicy(series), rotation).map((a) => [a.key, a.chairUnitId]));

  const desired: DesiredOccurrence[] = [];
  for (const slot of slots) {
    const stored = storedBySlot.get(slot.slotKey);
    const override = overrideBySlot.get(slot.slotKey);
    // Slots before today that were never stored are not recreated: they are in the past.
    if (!stored && Temporal.PlainDate.compare(slot.nominalDate, today.subtract({ days: 7 })) < 0) continue;
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
  return desired;
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
function fixedChair(series: SeriesDefinition): string {
  return series.chair.kind === 'fixed' ? series.chair.unitId : (series.chair.roster[0] ?? '');
}

function slotStartDate(slotKey: string): Temporal.PlainDate {
  return Temporal.PlainDate.from(slotKey.length === 7 ? `${slotKey}-01` : slotKey);
}
