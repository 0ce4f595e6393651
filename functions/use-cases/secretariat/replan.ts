// After a secretariat change the series is planned at once, so every invitee is told in the same
// step. A planning run that loses a race (the cron, or another officer's change, wrote the same
// meeting first) leaves our change stored but not yet applied; planning again on what is now
// stored applies it, so the officer does not wait for the next scheduled run.
import type { CountyConfig, SeriesDefinition } from '../../core/series/county-config.ts';
import type { WorkingDayCalendar } from '../../core/planning/holiday-policy.ts';
import type { Notice } from '../../core/notices/notice.ts';
import type { Temporal } from '../../core/calendar/local-date.ts';
import type { MeetingTable } from '../../adapters/dynamodb/meeting-table.ts';
import { planCounty, type SeriesRunSummary } from '../plan-series-occurrences.ts';

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
  for (let run = 0; run < MAX_RUNS; run++) {
    const county = await planCounty(table, config, [series], calendar, now);
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
  return total!;
}

/** Every notice the runs queued, the digests included: what a secretariat change may have told. */
export function queuedBy(runs: readonly ReplanSummary[]): Notice[] {
  return runs.flatMap((run) => [...run.queued, ...run.chairDigests]);
}
