// After a secretariat change the series is planned at once, so every invitee is told in the same
// step. A planning run that loses a race (the cron, or another officer's change, wrote the same
// meeting first) leaves our change stored but not yet applied; planning again on what is now
// stored applies it, so the officer does not wait for the next scheduled run.
import type { CountyConfig, SeriesDefinition } from '../../core/series/county-config.ts';
import type { WorkingDayCalendar } from '../../core/planning/holiday-policy.ts';
import type { Temporal } from '../../core/calendar/local-date.ts';
import type { MeetingTable } from '../../adapters/dynamodb/meeting-table.ts';
import { planSeriesOccurrences, type SeriesRunSummary } from '../plan-series-occurrences.ts';

/** Enough for two officers and the cron at once; beyond it the next scheduled run finishes the job. */
const MAX_RUNS = 4;

/** Plans the series until a run loses no race (or MAX_RUNS), and sums up what all the runs did. */
export async function planUntilSettled(
  table: MeetingTable,
  config: CountyConfig,
  series: SeriesDefinition,
  calendar: WorkingDayCalendar,
  now: Temporal.Instant,
): Promise<SeriesRunSummary> {
  let total: SeriesRunSummary | undefined;
  for (let run = 0; run < MAX_RUNS; run++) {
    const summary = await planSeriesOccurrences(table, config, series, calendar, now);
    total = total
      ? {
          ...summary,
          created: [...total.created, ...summary.created],
          updated: [...total.updated, ...summary.updated],
          chairChanges: [...total.chairChanges, ...summary.chairChanges],
          queued: [...total.queued, ...summary.queued],
        }
      : summary;
    if (summary.lostRaces === 0) break;
  }
  return total!;
}
