// What a secretariat change will do before it is made: which meetings change and how, who will be
// told and by which notice, and whether it comes too late for the notice period. Worked out with
// the planner's own pure functions (planSeries, dueNotices) on what is stored, twice: as things
// stand, and with the change laid over them. The difference is the change's doing; a reminder that
// happens to be due anyway is not. Nothing is written.
//
// The same comparison names who a change told once it is made: the notices the re-planning
// queued that the world without the change would not have queued.
import type { CountyConfig, SeriesDefinition } from '../../core/series/county-config.ts';
import type { Occurrence } from '../../core/planning/occurrence.ts';
import type { OccurrenceOverride } from '../../core/planning/override.ts';
import type { WorkingDayCalendar } from '../../core/planning/holiday-policy.ts';
import { planSeries } from '../../core/planning/plan-series.ts';
import { dueNotices } from '../../core/notices/due-notices.ts';
import { noticeId, type Notice } from '../../core/notices/notice.ts';
import { removedContacts, withRoster, type RosterChange } from '../../core/series/roster.ts';
import { Temporal, todayInTaipei } from '../../core/calendar/local-date.ts';
import { toldBy, type MeetingRef, type ToldPerson } from '../../core/audit/secretariat-action.ts';
import type { MeetingTable } from '../../adapters/dynamodb/meeting-table.ts';
import { readSeriesPartition, type SeriesPartition } from '../../adapters/dynamodb/series-partition.ts';
import { listRosterChanges } from '../../adapters/dynamodb/roster-store.ts';
import { listOutbox } from '../../adapters/dynamodb/outbox-store.ts';

/** Notices are due at least this many days before a meeting; a change later than that is flagged. */
export const noticeDays = 3;

/** A meeting as people know it: what a calendar shows. */
export type MeetingState = {
  status: Occurrence['status'];
  date: string;
  start: string;
  venueId: string;
  chairUnitId: string;
};

export type MeetingOutcome = MeetingRef & {
  /** As stored now; null for a meeting the change creates. */
  before: MeetingState | null;
  after: MeetingState;
  /** The meeting is (or was) less than three days away: the notice period cannot be kept. */
  shortNotice: boolean;
  /** Nobody has been invited yet: the invitations go out at the usual lead time, with the change in them. */
  notInvitedYet: boolean;
};

export type PlanPreview = {
  meetings: MeetingOutcome[];
  /** Who will be told, by which notice, about which meeting (a chair-change digest once per meeting). */
  told: ToldPerson[];
  /** Any of the meetings is less than three days away. */
  shortNotice: boolean;
  /** The notices behind `told`, with their identities, to tell apart what a re-planning queued because of the change. */
  notices: Notice[];
};

/** The inputs of one planning of a county, as stored or with a change laid over them. */
export type PlanningWorld = {
  calendar: WorkingDayCalendar;
  roster: readonly RosterChange[];
  overrides: (series: SeriesDefinition, stored: readonly OccurrenceOverride[]) => readonly OccurrenceOverride[];
};

/** What is stored, read once: the series' partitions and the roster. */
export type StoredPlanning = { partitions: ReadonlyMap<string, SeriesPartition>; roster: RosterChange[] };

export async function readPlanning(table: MeetingTable, series: readonly SeriesDefinition[]): Promise<StoredPlanning> {
  const [roster, partitions] = await Promise.all([
    listRosterChanges(table),
    Promise.all(series.map((s) => readSeriesPartition(table, s.id))),
  ]);
  return { roster, partitions: new Map(partitions.map((p) => [p.seriesId, p])) };
}

type Outcome = {
  after: Map<string, Occurrence>;
  notices: Notice[];
  /** Chair changes untold after the planning: slot → the digest recipients. */
  untold: Map<string, { entryKey: string; notices: Notice[] }>;
};

/** Plans one series in `world` as the planning run would, and lists what would be due to be sent. */
function outcomeOf(
  config: CountyConfig,
  series: SeriesDefinition,
  partition: SeriesPartition,
  world: PlanningWorld,
  now: Temporal.Instant,
): Outcome {
  const changeSet = planSeries({
    series,
    calendar: world.calendar,
    overrides: world.overrides(series, partition.overrides),
    stored: partition.occurrences,
    now,
    horizonMonths: config.planningHorizonMonths,
    newUid: () => 'preview',
  });
  const after = new Map(partition.occurrences.map((o) => [o.slotKey, o]));
  for (const change of changeSet.changes) {
    const occurrence = change.kind === 'create' ? change.occurrence : change.after;
    after.set(occurrence.slotKey, occurrence);
  }
  const due = dueNotices(withRoster(config, world.roster), series, [...after.values()], now, removedContacts(world.roster));
  const untold = new Map<string, { entryKey: string; notices: Notice[] }>();
  for (const change of due.chairChanges) {
    const { entry } = change;
    untold.set(entry.slotKey, {
      entryKey: `${entry.fromUnitId}>${entry.toUnitId}`,
      notices: change.recipients.map((recipient) => ({
        seriesId: '',
        slotKey: todayInTaipei(now).toString(),
        kind: 'chair-change',
        variant: todayInTaipei(now).toString(),
        sequence: 0,
        recipient,
        dueAt: now.toString(),
        chairChanges: [entry],
      })),
    });
  }
  return { after, notices: due.occurrences.flatMap((o) => o.notices), untold };
}

const stateOf = (o: Occurrence): MeetingState => ({
  status: o.status,
  date: o.date,
  start: o.start,
  venueId: o.venueId,
  chairUnitId: o.chairUnitId,
});

const sameState = (a: MeetingState, b: MeetingState) =>
  a.status === b.status && a.date === b.date && a.start === b.start && a.venueId === b.venueId && a.chairUnitId === b.chairUnitId;

/** A notice's identity within its meeting: what the outbox keys it by. */
export const noticeKey = (n: Pick<Notice, 'seriesId' | 'slotKey' | 'kind' | 'variant' | 'sequence' | 'recipient'>) =>
  `${n.seriesId}#${n.slotKey}#${noticeId(n)}`;

/**
 * The change's doing: each meeting whose calendar entry it changes, and each notice it makes due.
 * `base` is the world as stored, `proposal` the world with the change.
 */
export function comparePlans(
  config: CountyConfig,
  series: readonly SeriesDefinition[],
  stored: StoredPlanning,
  base: PlanningWorld,
  proposal: PlanningWorld,
  now: Temporal.Instant,
): PlanPreview {
  const today = todayInTaipei(now);
  const meetings: MeetingOutcome[] = [];
  const notices: Notice[] = [];
  for (const definition of series) {
    const partition = stored.partitions.get(definition.id) ?? { seriesId: definition.id, occurrences: [], overrides: [], minutesHeads: [] };
    const without = outcomeOf(config, definition, partition, base, now);
    const withChange = outcomeOf(config, definition, partition, proposal, now);
    const storedBySlot = new Map(partition.occurrences.map((o) => [o.slotKey, o]));
    for (const [slotKey, occurrence] of withChange.after) {
      const other = without.after.get(slotKey);
      const after = stateOf(occurrence);
      if (other && sameState(stateOf(other), after)) continue;
      if (!other && !storedBySlot.has(slotKey) && occurrence.status === 'cancelled') continue;
      const known = storedBySlot.get(slotKey);
      const before = known ? stateOf(known) : null;
      const nearest = [after.date, ...(before ? [before.date] : [])].sort()[0]!;
      meetings.push({
        seriesId: definition.id,
        slotKey,
        before,
        after,
        shortNotice: Temporal.PlainDate.from(nearest).since(today).days < noticeDays,
        notInvitedYet: known?.invitedSequence === undefined,
      });
    }
    const anyway = new Set(without.notices.map(noticeKey));
    notices.push(...withChange.notices.filter((n) => !anyway.has(noticeKey(n))));
    for (const [slotKey, change] of withChange.untold) {
      if (without.untold.get(slotKey)?.entryKey === change.entryKey) continue;
      notices.push(...change.notices);
    }
  }
  meetings.sort((a, b) => a.after.date.localeCompare(b.after.date) || a.seriesId.localeCompare(b.seriesId));
  return { meetings, told: toldBy(notices), shortNotice: meetings.some((m) => m.shortNotice), notices };
}

/**
 * Who a change told, from what its re-planning queued: the notices the world without the change
 * would not have queued (preview.notices), matched by identity; a chair-change digest by the
 * meetings it lists.
 */
export function toldByChange(preview: PlanPreview, queued: readonly Notice[]): ToldPerson[] {
  const expected = new Set(preview.notices.filter((n) => n.kind !== 'chair-change').map(noticeKey));
  const digestFor = new Set(
    preview.notices.filter((n) => n.kind === 'chair-change').map((n) => `${n.recipient.contactId}#${n.chairChanges![0]!.slotKey}`),
  );
  const changed = new Set(preview.meetings.map((m) => `${m.seriesId}#${m.slotKey}`));
  const told: Notice[] = [];
  for (const notice of queued) {
    if (notice.kind === 'chair-change') {
      const entries = (notice.chairChanges ?? []).filter(
        (e) => digestFor.has(`${notice.recipient.contactId}#${e.slotKey}`) || changed.has(`${e.seriesId}#${e.slotKey}`),
      );
      if (entries.length > 0) told.push({ ...notice, chairChanges: entries });
    } else if (expected.has(noticeKey(notice))) told.push(notice);
  }
  return toldBy(told);
}

/**
 * The preview without notices the outbox holds already: a notice is queued once for good (its
 * identity is its key), so one sent before, e.g. the invitation a removed contact got before they
 * were removed, is not sent again when the same notice falls due once more. Reads the outbox of
 * each meeting the preview would tell about.
 */
export async function withoutQueued(table: MeetingTable, preview: PlanPreview): Promise<PlanPreview> {
  const meetings = new Map<string, { seriesId: string; slotKey: string }>();
  for (const n of preview.notices) if (n.seriesId) meetings.set(`${n.seriesId}#${n.slotKey}`, { seriesId: n.seriesId, slotKey: n.slotKey });
  const queued = new Set<string>();
  for (const { seriesId, slotKey } of meetings.values())
    for (const item of await listOutbox(table, seriesId, slotKey)) queued.add(`${seriesId}#${slotKey}#${item.sk}`);
  const notices = preview.notices.filter((n) => !n.seriesId || !queued.has(noticeKey(n)));
  return { ...preview, notices, told: toldBy(notices) };
}
