// The planner's clock only goes forward. A run "at" an earlier moment than one already planned
// (`--once --now` in the past, a replayed schedule) would see meetings that have taken place as
// still ahead: it would create them again, invite people to them and move their chairs. So a run
// is refused, before it writes anything, when its moment is earlier than
// - the last planning run stored for the county (the planning-run record), or
// - anything a planning run stored on the series' meetings (their createdAt, updatedAt, invitedAt
//   and chair change), which also covers data planned before the record existed.
import { rocFormalDate, rocClockTime } from '../calendar/roc-date.ts';
import { TAIPEI, Temporal } from '../calendar/local-date.ts';
import type { Occurrence } from './occurrence.ts';

export class PlanningClockError extends Error {
  constructor(
    readonly now: Temporal.Instant,
    readonly lastPlannedAt: Temporal.Instant,
  ) {
    super(
      `規劃時間 ${taipeiText(now)} 早於上次規劃的時間 ${taipeiText(lastPlannedAt)}：` +
        '在過去的時刻重新規劃，會把已舉行的會議當成尚未舉行，因此本次規劃未執行，也未寫入任何資料。' +
        '請改用現在或更晚的時間（--now）。' +
        ` (Planning at ${now.toString()} is earlier than the last planning run at ${lastPlannedAt.toString()}; nothing was written.)`,
    );
    this.name = 'PlanningClockError';
  }
}

/** The latest moment a planning run left on these meetings, if any. */
export function lastPlannedMoment(occurrences: readonly Occurrence[]): Temporal.Instant | undefined {
  let latest: Temporal.Instant | undefined;
  for (const o of occurrences) {
    for (const text of [o.createdAt, o.updatedAt, o.invitedAt, o.chairChange?.changedAt]) {
      if (!text) continue;
      const at = Temporal.Instant.from(text);
      if (!latest || Temporal.Instant.compare(at, latest) > 0) latest = at;
    }
  }
  return latest;
}

/** Throws PlanningClockError when `now` is earlier than any of the moments already planned. */
export function assertPlanningClock(now: Temporal.Instant, planned: ReadonlyArray<Temporal.Instant | undefined>): void {
  const latest = planned.reduce<Temporal.Instant | undefined>(
    (max, at) => (at && (!max || Temporal.Instant.compare(at, max) > 0) ? at : max),
    undefined,
  );
  if (latest && Temporal.Instant.compare(now, latest) < 0) throw new PlanningClockError(now, latest);
}

function taipeiText(instant: Temporal.Instant): string {
  const local = instant.toZonedDateTimeISO(TAIPEI);
  return `${rocFormalDate(local.toPlainDate())}${rocClockTime(local.toPlainTime())}`;
}
