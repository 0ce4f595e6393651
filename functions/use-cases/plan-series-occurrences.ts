// Load → plan (pure) → apply with conditional writes → queue the notices now due.
import { randomUUID } from 'node:crypto';
import type { CountyConfig, SeriesDefinition } from '../core/series/county-config.ts';
import type { WorkingDayCalendar } from '../core/planning/holiday-policy.ts';
import { planSeries, type ChangeSet } from '../core/planning/plan-series.ts';
import type { Occurrence } from '../core/planning/occurrence.ts';
import { dueNotices } from '../core/notices/due-notices.ts';
import type { Notice } from '../core/notices/notice.ts';
import type { Temporal } from '../core/calendar/local-date.ts';
import { writeIf, type MeetingTable } from '../adapters/dynamodb/meeting-table.ts';
import { createOccurrence, listOccurrences, markInvited, replaceOccurrence } from '../adapters/dynamodb/occurrence-store.ts';
import { listOverrides } from '../adapters/dynamodb/override-store.ts';
import { listRosterChanges } from '../adapters/dynamodb/roster-store.ts';
import { removedContacts, withRoster } from '../core/series/roster.ts';
import { queueNotice } from '../adapters/dynamodb/outbox-store.ts';

export type SeriesRunSummary = {
  seriesId: string;
  created: Occurrence[];
  updated: Occurrence[];
  /** Changes another run applied first (a concurrent planner): nothing lost, nothing doubled. */
  lostRaces: number;
  chairChanges: ChangeSet['chairChanges'];
  queued: Notice[];
};

export async function planSeriesOccurrences(
  table: MeetingTable,
  config: CountyConfig,
  series: SeriesDefinition,
  calendar: WorkingDayCalendar,
  now: Temporal.Instant,
): Promise<SeriesRunSummary> {
  const [stored, overrides, roster] = await Promise.all([
    listOccurrences(table, series.id),
    listOverrides(table, series.id),
    listRosterChanges(table),
  ]);
  const changeSet = planSeries({
    series,
    calendar,
    overrides,
    stored,
    now,
    horizonMonths: config.planningHorizonMonths,
    newUid: () => `${randomUUID()}@safetynet-meetings`,
  });

  const summary: SeriesRunSummary = {
    seriesId: series.id,
    created: [],
    updated: [],
    lostRaces: 0,
    chairChanges: changeSet.chairChanges,
    queued: [],
  };
  const current = new Map(stored.map((o) => [o.slotKey, o]));
  for (const change of changeSet.changes) {
    if (change.kind === 'create') {
      if (await createOccurrence(table, change.occurrence)) {
        summary.created.push(change.occurrence);
        current.set(change.occurrence.slotKey, change.occurrence);
      } else summary.lostRaces += 1;
    } else if (await replaceOccurrence(table, change.before.sequence, change.after)) {
      summary.updated.push(change.after);
      current.set(change.after.slotKey, change.after);
    } else summary.lostRaces += 1;
  }
  // A lost race means our view is stale: notices are computed from what is stored now.
  const occurrences = summary.lostRaces > 0 ? await listOccurrences(table, series.id) : [...current.values()];
  const due = dueNotices(withRoster(config, roster), series, occurrences, changeSet.chairChanges, now, removedContacts(roster));
  for (const notice of due.notices) {
    if (await queueNotice(table, notice)) summary.queued.push(notice);
  }
  for (const { occurrence, contactIds } of due.invited) {
    // Refused when it changed since we read it: the next run queues the notices for its new sequence.
    await writeIf(() => markInvited(table, occurrence, contactIds, now.toString()));
  }
  return summary;
}
