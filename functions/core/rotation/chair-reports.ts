// Read-only views over chair assignments: what an edit changed (so the affected chairs can be
// told), and how evenly the chair has been shared (the secretariat's yearly check).
import type { ChairAssignment } from './chair-rotation.ts';

export type ChairChange = { key: string; from: string; to: string };

/**
 * The slots whose chair differs between two assignments of the same series, in `after` order.
 * Only slots present in both are compared: a new slot is not a change, a removed one is told
 * by its cancellation. Cancelled slots in `after` are skipped because nobody will chair them.
 */
export function chairChanges(before: readonly ChairAssignment[], after: readonly ChairAssignment[]): ChairChange[] {
  const chairBefore = new Map(before.map((assignment) => [assignment.key, assignment.chairUnitId]));
  const changes: ChairChange[] = [];
  for (const { key, chairUnitId, cancelled } of after) {
    const from = chairBefore.get(key);
    if (cancelled || from === undefined || from === chairUnitId) continue;
    changes.push({ key, from, to: chairUnitId });
  }
  return changes;
}

/**
 * year -> unit -> number of meetings that unit chairs. Cancelled meetings are not counted, even
 * under lose-turn where they used up a turn: the report is about work actually done.
 * `slotYear` lets the caller decide what "year" means (Gregorian or ROC, plan year or date).
 * Units that chaired nothing in a year are absent rather than 0, since the report cannot know
 * the roster.
 */
export function fairnessReport(
  assignments: readonly ChairAssignment[],
  slotYear: (key: string) => number,
): Record<number, Record<string, number>> {
  const byYear = new Map<number, Map<string, number>>();
  for (const { key, chairUnitId, cancelled } of assignments) {
    if (cancelled) continue;
    const year = slotYear(key);
    const counts = byYear.get(year) ?? new Map<string, number>();
    counts.set(chairUnitId, (counts.get(chairUnitId) ?? 0) + 1);
    byYear.set(year, counts);
  }
  return Object.fromEntries([...byYear].map(([year, counts]) => [year, Object.fromEntries(counts)]));
}
