// EventBridge Scheduler → plan one series (or all): create, move and cancel occurrences, queue the
// notices now due. The scheduled time, not the wall clock, is "now", so a retried or doubled
// invocation of the same schedule computes exactly the same plan.
import type { Context } from 'aws-lambda';
import { Temporal } from '../core/calendar/local-date.ts';
import { loadOfficeCalendar } from '../adapters/dynamodb/calendar-store.ts';
import { planCounty, type SeriesRunSummary } from '../use-cases/plan-series-occurrences.ts';
import { queueFollowUpReminders } from '../use-cases/minutes/queue-follow-up-reminders.ts';
import { countyTable, logger, servedCounties } from './runtime.ts';
import type { CountyConfig } from '../core/series/county-config.ts';

export type PlanMeetingsEvent = {
  /** The county, as each series' own schedule sends; omitted means every county served. */
  countyId?: string;
  /** One series of that county; omitted means every series of the county. */
  seriesId?: string;
  /** ISO instant; Scheduler fills it from <aws.scheduler.scheduled-time>. */
  scheduledTime?: string;
};

export async function handler(event: PlanMeetingsEvent, context: Context): Promise<SeriesRunSummary[]> {
  logger.addContext(context);
  if (event.seriesId && !event.countyId) throw new Error('a seriesId needs its countyId');
  const counties = event.countyId ? [servedCounties().get(event.countyId)] : servedCounties().all();
  if (counties[0] === undefined) throw new Error(`unknown county "${event.countyId}"`);
  const now = event.scheduledTime ? Temporal.Instant.from(event.scheduledTime) : Temporal.Now.instant();
  const summaries: SeriesRunSummary[] = [];
  for (const config of counties as CountyConfig[]) {
    const table = countyTable(config.county.id);
    const series = event.seriesId ? config.series.filter((s) => s.id === event.seriesId) : config.series;
    if (event.seriesId && series.length === 0) throw new Error(`unknown series "${event.seriesId}"`);

    // The office calendar is read beside the run's own reads, not before them: one round trip less.
    const calendar = loadOfficeCalendar(table);
    // The daily run (no series named) also follows up minutes that are due or late, from the same
    // reads. A `now` earlier than a run already made is refused here, before anything is written.
    const run = await planCounty(table, config, series, calendar, now, { minutesFollowUp: !event.seriesId });
    for (const summary of run.series) {
      logger.info('planned series', {
        countyId: config.county.id,
        seriesId: summary.seriesId,
        created: summary.created.length,
        updated: summary.updated.length,
        lostRaces: summary.lostRaces,
        chairChanges: summary.chairChanges.length,
        queued: summary.queued.length,
      });
      summaries.push(summary);
    }
    // The daily run also reminds units of the follow-up forms (成效追蹤表) they owe, after the plan,
    // which a refused clock would have stopped before anything was written.
    const followUpReminders = event.seriesId ? [] : await queueFollowUpReminders(table, config, calendar, now);
    logger.info('queued digests and minutes reminders', {
      countyId: config.county.id,
      chairDigests: run.chairDigests.length,
      minutesReminders: run.minutesReminders.length,
      followUpReminders: followUpReminders.length,
    });
  }
  return summaries;
}
