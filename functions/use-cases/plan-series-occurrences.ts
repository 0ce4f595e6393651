// Load → plan (pure) → apply → queue the notices now due, for one or every series of a county.
//
// Reads: each series' partition once (occurrences, overrides and minutes heads in one query), the
// roster and the planning-run record once per run, all at once, and the office calendar with them
// if the caller passes it still loading. A pass over a plan already applied finds nothing to change
// and nothing due (every meeting records what was queued for it), so it writes nothing at all.
//
// Writes: each meeting's change goes with the notices due for it and the record of them, in one
// transaction (adapters/dynamodb/planning-writes), many meetings to a transaction, the first of
// them carrying the run's record (the planning clock). A county's first plan is then its reads and
// one transaction of its ~80 items. Chair changes are stored on the meetings they change and told
// afterwards from that stored state (queue-chair-digests), so a run that dies between the two
// loses nothing.
//
// The clock: a run at a moment earlier than one already planned is refused before it writes
// anything (core/planning/planning-clock).
import { randomUUID } from 'node:crypto';
import type { CountyConfig, SeriesDefinition } from '../core/series/county-config.ts';
import type { WorkingDayCalendar } from '../core/planning/holiday-policy.ts';
import { planSeries, type ChangeSet } from '../core/planning/plan-series.ts';
import type { Occurrence } from '../core/planning/occurrence.ts';
import { assertPlanningClock, lastPlannedMoment, PlanningClockError } from '../core/planning/planning-clock.ts';
import { dueNotices, notYetQueued, type UntoldChairChange } from '../core/notices/due-notices.ts';
import { minutesReminders, type MinutesStatus } from '../core/notices/minutes-reminders.ts';
import { calendarKinds, noticeId, type Notice } from '../core/notices/notice.ts';
import { minutesDeadlineDay } from '../core/notices/minutes-deadline-day.ts';
import { todayInTaipei, type Temporal } from '../core/calendar/local-date.ts';
import { removedContacts, withRoster, type RosterChange } from '../core/series/roster.ts';
import type { MeetingTable } from '../adapters/dynamodb/meeting-table.ts';
import {
  createAction,
  recordQueuedAction,
  replaceAction,
  withQueuedRecord,
  type QueuedRecord,
} from '../adapters/dynamodb/occurrence-store.ts';
import { readSeriesPartition, type SeriesPartition } from '../adapters/dynamodb/series-partition.ts';
import { listRosterChanges } from '../adapters/dynamodb/roster-store.ts';
import { queueNoticePut } from '../adapters/dynamodb/outbox-store.ts';
import { advancePlanningRun, advancePlanningRunAction, lastPlanningRun } from '../adapters/dynamodb/planning-run-store.ts';
import { unitWriter, type WriteUnit } from '../adapters/dynamodb/planning-writes.ts';
import { queueChairDigests } from './queue-chair-digests.ts';

export type SeriesRunSummary = {
  seriesId: string;
  created: Occurrence[];
  updated: Occurrence[];
  /** Changes another run applied first (a concurrent planner): nothing lost, nothing doubled. */
  lostRaces: number;
  /** Chairs this run changed; the units hear of them in a digest built from the stored change. */
  chairChanges: ChangeSet['chairChanges'];
  /** Notices about this series' meetings queued by this run (digests are in the run's summary). */
  queued: Notice[];
};

export type PlanningRunSummary = {
  series: SeriesRunSummary[];
  /** Chair-change digests queued, one per person, across series. */
  chairDigests: Notice[];
  /** Minutes due and overdue notices queued (the daily run). */
  minutesReminders: Notice[];
};

export type PlanningOptions = {
  /** The daily run also follows up minutes that are due or late, from the partitions it read. */
  minutesFollowUp?: boolean;
  /** Transactions in flight at once. */
  concurrency?: number;
  /** Actions per transaction (DynamoDB allows 100). */
  maxActions?: number;
};

/** Plans one series, as the secretariat's changes do: the same run as planCounty, for one series. */
export async function planSeriesOccurrences(
  table: MeetingTable,
  config: CountyConfig,
  series: SeriesDefinition,
  calendar: WorkingDayCalendar,
  now: Temporal.Instant,
): Promise<SeriesRunSummary> {
  const run = await planCounty(table, config, [series], calendar, now);
  return run.series[0]!;
}

type UnitId = { seriesId: string; slotKey: string };

/** What the run means to do for one series, before it writes anything. */
type SeriesPlan = {
  series: SeriesDefinition;
  changeSet: ChangeSet;
  units: Array<WriteUnit<UnitId, Notice> & { occurrence: Occurrence; change?: 'created' | 'updated' }>;
  /** Chair changes stored (or about to be) and not told yet. */
  untold: UntoldChairChange[];
};

export async function planCounty(
  table: MeetingTable,
  config: CountyConfig,
  seriesList: readonly SeriesDefinition[],
  /** The office calendar, or its load still under way: it is read beside the run's own reads. */
  officeCalendar: WorkingDayCalendar | Promise<WorkingDayCalendar>,
  now: Temporal.Instant,
  options: PlanningOptions = {},
): Promise<PlanningRunSummary> {
  // Every read at once. Nothing is written before the clock check has seen them all.
  const [lastRun, roster, partitions, calendar] = await Promise.all([
    lastPlanningRun(table),
    listRosterChanges(table),
    Promise.all(seriesList.map((series) => readSeriesPartition(table, series.id))),
    officeCalendar,
  ]);
  assertPlanningClock(now, [lastRun, ...partitions.map((p) => lastPlannedMoment(p.occurrences))]);

  // The run is recorded with its first write, in the same transaction: a run that dies halfway still
  // moved the clock on, and one the clock refuses writes nothing. A run with nothing to write records
  // nothing, so a steady-state pass writes nothing at all.
  const refused = async (): Promise<never> => {
    throw new PlanningClockError(now, (await lastPlanningRun(table)) ?? now);
  };
  let recordedWithUnits = false;
  const recordRun = async () => {
    if (!recordedWithUnits && !(await advancePlanningRun(table, now))) await refused();
    recordedWithUnits = true;
  };
  // Each series' units are written while the next series is being planned.
  const writer = unitWriter<UnitId, Notice>(table, {
    firstAction: { action: advancePlanningRunAction(table, now), refused },
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    ...(options.maxActions ? { maxActions: options.maxActions } : {}),
  });
  const current = withRoster(config, roster);
  const plans: SeriesPlan[] = [];
  for (const [i, series] of seriesList.entries()) {
    const plan = planOne(table, config, current, roster, series, partitions[i]!, calendar, now, options);
    plans.push(plan);
    for (const unit of plan.units) await writer.add(unit);
    if (plan.units.length > 0) recordedWithUnits = true;
    // Let the answers of transactions in flight in, so that the next one goes out while planning goes on.
    await new Promise((resolve) => setImmediate(resolve));
  }
  const outcomes = await writer.finish();
  const outcomeOf = new Map(outcomes.map((o) => [`${o.id.seriesId}#${o.id.slotKey}`, o]));

  // Only changes now stored can be told: a unit that lost its race is planned again next run.
  const stored = (change: UntoldChairChange) => {
    const outcome = outcomeOf.get(`${change.occurrence.seriesId}#${change.occurrence.slotKey}`);
    return !outcome || outcome.written;
  };
  const toTell = plans.flatMap((p) => p.untold).filter(stored);
  if (toTell.length > 0) await recordRun();
  const digests = await queueChairDigests(table, toTell, now);

  const minutesKinds = new Set<Notice['kind']>(['minutes-due', 'minutes-overdue']);
  const series = plans.map((plan): SeriesRunSummary => {
    const summary: SeriesRunSummary = {
      seriesId: plan.series.id,
      created: [],
      updated: [],
      lostRaces: 0,
      chairChanges: plan.changeSet.chairChanges,
      queued: [],
    };
    for (const unit of plan.units) {
      const outcome = outcomeOf.get(`${unit.id.seriesId}#${unit.id.slotKey}`);
      if (!outcome?.written) {
        summary.lostRaces += 1;
        continue;
      }
      if (unit.change === 'created') summary.created.push(unit.occurrence);
      if (unit.change === 'updated') summary.updated.push(unit.occurrence);
      summary.queued.push(...outcome.queued.filter((n) => !minutesKinds.has(n.kind)));
    }
    return summary;
  });
  return {
    series,
    chairDigests: digests,
    minutesReminders: outcomes.flatMap((o) => o.queued.filter((n) => minutesKinds.has(n.kind))),
  };
}

function planOne(
  table: MeetingTable,
  config: CountyConfig,
  current: CountyConfig,
  roster: readonly RosterChange[],
  series: SeriesDefinition,
  partition: SeriesPartition,
  calendar: WorkingDayCalendar,
  now: Temporal.Instant,
  options: PlanningOptions,
): SeriesPlan {
  const changeSet = planSeries({
    series,
    calendar,
    overrides: partition.overrides,
    stored: partition.occurrences,
    now,
    horizonMonths: config.planningHorizonMonths,
    newUid: () => `${randomUUID()}@safetynet-meetings`,
  });
  const after = new Map(partition.occurrences.map((o) => [o.slotKey, o]));
  const changed = new Map<string, { occurrence: Occurrence; before?: Occurrence }>();
  for (const change of changeSet.changes) {
    const occurrence = change.kind === 'create' ? change.occurrence : change.after;
    after.set(occurrence.slotKey, occurrence);
    changed.set(occurrence.slotKey, change.kind === 'create' ? { occurrence } : { occurrence, before: change.before });
  }

  const due = dueNotices(current, series, [...after.values()], now, removedContacts(roster));
  const noticesBySlot = new Map<string, { notices: Notice[]; invitedContactIds?: string[]; uninvited?: Record<string, number> }>(
    due.occurrences.map((d) => [
      d.occurrence.slotKey,
      {
        notices: d.notices,
        ...(d.invitedContactIds ? { invitedContactIds: d.invitedContactIds } : {}),
        ...(d.uninvited ? { uninvited: d.uninvited } : {}),
      },
    ]),
  );
  if (options.minutesFollowUp) {
    for (const [slotKey, notices] of minutesFollowUp(current, series, [...after.values()], partition, calendar, now)) {
      const entry = noticesBySlot.get(slotKey) ?? { notices: [] };
      entry.notices.push(...notices);
      noticesBySlot.set(slotKey, entry);
    }
  }

  const units: SeriesPlan['units'] = [];
  const at = now.toString();
  for (const slotKey of new Set([...changed.keys(), ...noticesBySlot.keys()])) {
    const { notices = [], invitedContactIds, uninvited } = noticesBySlot.get(slotKey) ?? {};
    const record: QueuedRecord = {
      ...(invitedContactIds ? { invitedContactIds } : {}),
      ...(uninvited ? { uninvited } : {}),
      // Invitations and cancellations are recorded by invitedSequence; the rest by their identity.
      noticeIds: notices.filter((n) => !calendarKinds.has(n.kind)).map(noticeId),
      at,
    };
    const write = changed.get(slotKey);
    const unchanged = after.get(slotKey)!;
    const occurrence = withQueuedRecord(write?.occurrence ?? unchanged, record);
    const anchor = !write
      ? recordQueuedAction(table, unchanged, record)
      : write.before
        ? replaceAction(table, write.before.sequence, occurrence)
        : createAction(table, occurrence);
    units.push({
      id: { seriesId: series.id, slotKey },
      anchor,
      notices: notices.map((notice) => ({ action: { Put: queueNoticePut(table, notice) }, notice })),
      occurrence,
      ...(write ? { change: write.before ? ('updated' as const) : ('created' as const) } : {}),
    });
  }
  return { series, changeSet, units, untold: due.chairChanges };
}

/**
 * The daily minutes follow-up of one series, from the partition already read: for each meeting
 * held and still without submitted minutes, the due or overdue notice to its chair, unless queued.
 */
function minutesFollowUp(
  current: CountyConfig,
  series: SeriesDefinition,
  occurrences: readonly Occurrence[],
  partition: SeriesPartition,
  calendar: WorkingDayCalendar,
  now: Temporal.Instant,
): Map<string, Notice[]> {
  const today = todayInTaipei(now).toString();
  const heads = new Map(partition.minutesHeads.map((h) => [h.slotKey, h]));
  const held = occurrences.filter((o) => o.status === 'scheduled' && o.date <= today);
  const rows: MinutesStatus[] = held.map((o) => ({
    seriesId: o.seriesId,
    slotKey: o.slotKey,
    date: o.date,
    chairUnitId: o.chairUnitId,
    state: heads.get(o.slotKey)?.state ?? 'none',
    // The deadline the notices state (a working day), so "overdue" is never sent before it.
    dueDate: minutesDeadlineDay(o.date, series, calendar),
  }));
  const bySlot = new Map<string, Notice[]>();
  const occurrenceOf = new Map(held.map((o) => [o.slotKey, o]));
  for (const notice of minutesReminders(current, rows, now)) {
    if (notYetQueued(occurrenceOf.get(notice.slotKey)!, [notice]).length === 0) continue;
    bySlot.set(notice.slotKey, [...(bySlot.get(notice.slotKey) ?? []), notice]);
  }
  return bySlot;
}
