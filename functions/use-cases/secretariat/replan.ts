// After a secretariat change the series is planned at once, so every invitee is told in the same
// step. A planning run that loses a race (the cron, or another officer's change, wrote the same
// meeting first) leaves our change stored but not yet applied; planning again on what is now
// stored applies it, so the officer does not wait for the next scheduled run.
//
// Another officer's change made at the same moment re-plans too, at its own moment. When that is a
// little later than ours and its run was first, the planning clock refuses ours (a run may not
// plan before one already planned). Our change is stored, but that run may have read before it
// was: so we plan again at the moment already planned, which is not in the past, rather than fail
// the officer's request (a 500 for a change that was in fact saved) or leave the change unapplied.
import type { CountyConfig, SeriesDefinition } from '../../core/series/county-config.ts';
import type { WorkingDayCalendar } from '../../core/planning/holiday-policy.ts';
import type { Notice } from '../../core/notices/notice.ts';
import { Temporal } from '../../core/calendar/local-date.ts';
import type { MeetingTable } from '../../adapters/dynamodb/meeting-table.ts';
import { planCounty, type SeriesRunSummary } from '../plan-series-occurrences.ts';
import { PlanningClockError } from '../../core/planning/planning-clock.ts';

/** Enough for two officers and the cron at once; beyond it the next scheduled run finishes the job. */
const MAX_RUNS = 4;

/** A series' planning, with the chair-change digests it queued (they tell of its meetings too). */
export type ReplanSummary = SeriesRunSummary & { chairDigests: Notice[] };

/** Plans the series until a run loses no race (or MAX_RUNS), and sums up what all the runs did. */
export async function planUntilSettled(
  table: MeetingTable,
  config: CountyConfig,
  series: SeriesDefinition,
  calendar: WorkingDayCalendar,
  now: Temporal.Instant,
): Promise<ReplanSummary> {
  let total: ReplanSummary | undefined;
  let at = now;
  for (let run = 0; run < MAX_RUNS; run++) {
    let county;
    try {
      county = await planCounty(table, config, [series], calendar, at);
    } catch (error) {
      // Overtaken by a run at a later moment (see above): nothing of this run was written.
      if (!(error instanceof PlanningClockError) || Temporal.Instant.compare(error.lastPlannedAt, at) <= 0) throw error;
      at = error.lastPlannedAt;
      continue;
    }
    const summary = { ...county.series[0]!, chairDigests: county.chairDigests };
    total = total
      ? {
          ...summary,
          created: [...total.created, ...summary.created],
          updated: [...total.updated, ...summary.updated],
          chairChanges: [...total.chairChanges, ...summary.chairChanges],
          queued: [...total.queued, ...summary.queued],
          chairDigests: [...total.chairDigests, ...summary.chairDigests],
        }
      : summary;
    if (summary.lostRaces === 0) break;
  }
  // Overtaken on every run: the change is stored, and the runs that overtook it or the next
  // scheduled one apply it.
  return total ?? { seriesId: series.id, created: [], updated: [], lostRaces: 0, chairChanges: [], queued: [], chairDigests: [] };
}

/** Every notice the runs queued, the digests included: what a secretariat change may have told. */
export function queuedBy(runs: readonly ReplanSummary[]): Notice[] {
  return runs.flatMap((run) => [...run.queued, ...run.chairDigests]);
}
