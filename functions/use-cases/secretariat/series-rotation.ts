// A series' chair rotation as the core rotation functions take it: the policy, and every regular
// slot from the rotation's anchor on, with its status and any swap stored as an override. The
// secretariat's swap, preview and fairness report hand this to the core (swapChairs, previewChairs,
// assignChairs, fairnessReport), the code the property tests cover, instead of working chairs out
// themselves.
//
// The slots are walked as the planner walks them (plan-series.ts, regularSlots): the cadence's
// nominal slots from the anchor, a slot cancelled when its override or its stored occurrence says
// so, a slot never stored before today counted as held.
import type { SeriesDefinition } from '../../core/series/county-config.ts';
import type { Occurrence } from '../../core/planning/occurrence.ts';
import type { OccurrenceOverride } from '../../core/planning/override.ts';
import { nominalSlots, type NominalSlot } from '../../core/planning/cadence.ts';
import { Temporal } from '../../core/calendar/local-date.ts';
import type { ChairPolicy, RotationSlot } from '../../core/rotation/chair-rotation.ts';

export type SeriesRotation = {
  policy: ChairPolicy;
  /**
   * Regular slots from the anchor (rotating) or the first stored meeting (fixed) to `until`, in
   * slot order. Slots before the system kept meetings count as held, as in the planner.
   */
  slots: RotationSlot[];
  /** The nominal date of each slot, by slot key. */
  nominalDates: ReadonlyMap<string, Temporal.PlainDate>;
};

export function chairPolicyOf(series: SeriesDefinition): ChairPolicy {
  return series.chair.kind === 'fixed'
    ? { kind: 'fixed', unitId: series.chair.unitId }
    : { kind: 'rotating', roster: series.chair.roster, onCancel: series.chair.onCancel, startIndex: 0 };
}

export function seriesRotation(
  series: SeriesDefinition,
  stored: readonly Occurrence[],
  overrides: readonly OccurrenceOverride[],
  today: Temporal.PlainDate,
  until: Temporal.PlainDate,
): SeriesRotation {
  const storedBySlot = new Map(stored.map((o) => [o.slotKey, o]));
  const overrideBySlot = new Map(overrides.map((o) => [o.slotKey, o]));
  const anchor = series.chair.kind === 'rotating' ? series.chair.anchorSlot : undefined;
  // A fixed chair has no turns to count from; its slots start with the first meeting stored.
  const firstStored = stored
    .filter((o) => !o.adHoc)
    .map((o) => slotStartDate(o.slotKey))
    .sort((a, b) => Temporal.PlainDate.compare(a, b))[0];
  const from = anchor ? slotStartDate(anchor) : firstStored && Temporal.PlainDate.compare(firstStored, today) < 0 ? firstStored : today;
  // A week early, as the planner: a slot's nominal date may lie just before its first day.
  const nominal = nominalSlots(series.cadence, series.activeMonths, from.subtract({ days: 7 }), until).filter(
    (slot) => anchor === undefined || slot.slotKey >= anchor,
  );
  const slots = nominal.map((slot): RotationSlot => {
    const occurrence = storedBySlot.get(slot.slotKey);
    const override = overrideBySlot.get(slot.slotKey);
    const cancelled = override?.cancelled ?? occurrence?.status === 'cancelled';
    const status = cancelled ? 'cancelled' : occurrence || Temporal.PlainDate.compare(slot.nominalDate, today) >= 0 ? 'scheduled' : 'held';
    return { key: slot.slotKey, status, ...(override?.chairUnitId ? { chairOverride: override.chairUnitId } : {}) };
  });
  return { policy: chairPolicyOf(series), slots, nominalDates: new Map(nominal.map((s) => [s.slotKey, s.nominalDate])) };
}

/** The next `count` regular slots after `after`, for previewing chairs beyond what is planned. */
export function slotsAfter(series: SeriesDefinition, after: Temporal.PlainDate, count: number): NominalSlot[] {
  if (count <= 0) return [];
  // The sparsest cadence meets once a year; ten years is as far as a preview is worth looking.
  const to = after.add({ months: Math.min(count * 12, 120) });
  return nominalSlots(series.cadence, series.activeMonths, after.add({ days: 1 }), to).slice(0, count);
}

function slotStartDate(slotKey: string): Temporal.PlainDate {
  return Temporal.PlainDate.from(slotKey.length === 7 ? `${slotKey}-01` : slotKey);
}
