// EventBridge Scheduler → plan one series (or all): create, move and cancel occurrences, queue the
// notices now due. The scheduled time, not the wall clock, is "now", so a retried or doubled
// invocation of the same schedule computes exactly the same plan.
import type { Context } from 'aws-lambda';
import { Temporal } from '../core/calendar/local-date.ts';
import { loadOfficeCalendar } from '../adapters/dynamodb/calendar-store.ts';
import { planSeriesOccurrences, type SeriesRunSummary } from '../use-cases/plan-series-occurrences.ts';
import { countyConfig, logger, meetingTable } from './runtime.ts';
import { queueMinutesReminders } from '../use-cases/queue-minutes-reminders.ts';

export type PlanMeetingsEvent = {
  /** One series, as each series' own schedule sends; omitted means every configured series. */
  seriesId?: string;
  /** ISO instant; Scheduler fills it from <aws.scheduler.scheduled-time>. */
  scheduledTime?: string;
};

export async function handler(event: PlanMeetingsEvent, context: Context): Promise<SeriesRunSummary[]> {
  logger.addContext(context);
  const config = countyConfig();
  const table = meetingTable();
  const now = event.scheduledTime ? Temporal.Instant.from(event.scheduledTime) : Temporal.Now.instant();
  const series = event.seriesId ? config.series.filter((s) => s.id === event.seriesId) : config.series;
  if (event.seriesId && series.length === 0) throw new Error(`unknown series "${event.seriesId}"`);

  const calendar = await loadOfficeCalendar(table);
  const summaries: SeriesRunSummary[] = [];
  for (const definition of series) {
    const summary = await planSeriesOccurrences(table, config, definition, calendar, now);
    logger.info('planned series', {
      seriesId: summary.seriesId,
      created: summary.created.length,
      updated: summary.updated.length,
      lostRaces: summary.lostRaces,
      chairChanges: summary.chairChanges.length,
      queued: summary.queued.length,
    });
    summaries.push(summary);
  }
  // The daily run (no series named) also follows up minutes that are due or late.
  if (!event.seriesId) {
    const reminders = await queueMinutesReminders(table, config, now);
    logger.info('queued minutes reminders', { queued: reminders.length });
  }
  return summaries;
}
