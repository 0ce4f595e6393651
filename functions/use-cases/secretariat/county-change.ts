// The steps every county-wide secretariat task shares (a closure, its removal, a calendar import, a
// contact): work out with the planner what the change does to every meeting it may touch, build the
// audit record from that, and after the change is stored re-plan, tell, and record who was told.
import type { CountyConfig, SeriesDefinition } from '../../core/series/county-config.ts';
import type { WorkingDayCalendar } from '../../core/planning/holiday-policy.ts';
import type { Temporal } from '../../core/calendar/local-date.ts';
import { auditTime, type ActionChange, type SecretariatAction, type SecretariatTask } from '../../core/audit/secretariat-action.ts';
import type { MeetingTable } from '../../adapters/dynamodb/meeting-table.ts';
import { recordTold } from '../../adapters/dynamodb/secretariat-action-store.ts';
import { comparePlans, readPlanning, toldByChange, type PlanPreview, type PlanningWorld, type StoredPlanning } from './plan-preview.ts';
import { planUntilSettled, queuedBy, type ReplanSummary } from './replan.ts';
import type { Actor } from './change-occurrence.ts';

export type CountyChange = {
  /** Everything stored that planning reads, and the worlds without and with the change. */
  stored: StoredPlanning;
  base: PlanningWorld;
  proposal: PlanningWorld;
};

/** The stored world for these series, and a world as stored to lay a change over. */
export async function loadCountyChange(
  table: MeetingTable,
  series: readonly SeriesDefinition[],
  calendar: WorkingDayCalendar,
): Promise<{ stored: StoredPlanning; base: PlanningWorld }> {
  const stored = await readPlanning(table, series);
  const base: PlanningWorld = {
    calendar,
    roster: stored.roster,
    overrides: (s) => stored.partitions.get(s.id)?.overrides ?? [],
  };
  return { stored, base };
}

export function previewCountyChange(
  config: CountyConfig,
  series: readonly SeriesDefinition[],
  change: CountyChange,
  now: Temporal.Instant,
): PlanPreview {
  return comparePlans(config, series, change.stored, change.base, change.proposal, now);
}

/** The audit record of a county-wide task: what it changes itself, then each meeting it moves. */
export function countyAction(
  request: { id: string; task: SecretariatTask; actor: Actor; reason: string; now: Temporal.Instant },
  own: ActionChange[],
  preview: PlanPreview,
): SecretariatAction {
  return {
    id: request.id,
    at: auditTime(request.now.epochMilliseconds),
    task: request.task,
    actor: { subject: request.actor.id, via: request.actor.via ?? 'unknown', ...(request.actor.name ? { name: request.actor.name } : {}) },
    reason: request.reason,
    scope: 'county',
    meetings: preview.meetings.map(({ seriesId, slotKey }) => ({ seriesId, slotKey })),
    changes: [
      ...own,
      ...preview.meetings.map((m): ActionChange => ({
        subject: 'meeting',
        ref: `${m.seriesId}/${m.slotKey}`,
        before: m.before,
        after: m.after,
      })),
    ],
  };
}

/**
 * Re-plans the series on the changed state, so the meetings move and their invitees are told, and
 * records who was. Without an action (nothing was changed, e.g. the same closure announced again)
 * it only re-plans.
 */
export async function replanAndRecord(
  table: MeetingTable,
  config: CountyConfig,
  series: readonly SeriesDefinition[],
  calendar: WorkingDayCalendar,
  now: Temporal.Instant,
  recorded?: { action: SecretariatAction; preview: PlanPreview },
): Promise<{ runs: ReplanSummary[]; action?: SecretariatAction }> {
  const runs: ReplanSummary[] = [];
  for (const definition of series) runs.push(await planUntilSettled(table, config, definition, calendar, now));
  if (!recorded) return { runs };
  const told = toldByChange(recorded.preview, queuedBy(runs));
  await recordTold(table, recorded.action, told);
  return { runs, action: { ...recorded.action, told } };
}
