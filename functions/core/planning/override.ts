// What a person decided about one occurrence, kept apart from the occurrence itself so the plan can
// always be recomputed: the planner applies overrides on top of the cadence every run.

export type OccurrenceOverride = {
  seriesId: string;
  slotKey: string;
  /** Moved to this local date (YYYY-MM-DD). */
  date?: string;
  /** Moved to this local start time (HH:MM). */
  start?: string;
  /** The secretariat put it on a day off on purpose. */
  forced?: boolean;
  venueId?: string;
  cancelled?: boolean;
  /** From a chair swap, or an acting chair (actingChair) for this one meeting. */
  chairUnitId?: string;
  /** chairUnitId names a unit chairing in place of the rotation's (代理主持), not half of a swap. */
  actingChair?: boolean;
  /** An extra session the cadence does not give (the placement panel's 視個案需求彈性召開). */
  adHoc?: { date: string; start: string; durationMinutes?: number };
  reason: string;
  updatedBy: string;
  updatedAt: string;
};

export const adHocSlotPrefix = 'adhoc-';
