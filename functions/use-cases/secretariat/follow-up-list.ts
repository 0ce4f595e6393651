// What the secretariat follows up after meetings (待辦與追蹤): the open action items of every
// series and the outcome follow-up forms (成效追蹤表) still owed, each with its meeting and whether
// it is overdue. Both are minutes content, so listing them is audited like any read of minutes.
import type { CountyConfig } from '../../core/series/county-config.ts';
import { Temporal, todayInTaipei } from '../../core/calendar/local-date.ts';
import { itemOverdue } from '../../core/minutes/minutes-deadline.ts';
import { placementTypeNames } from '../../core/minutes/placement-type.ts';
import type { ActionItemRecord, FollowUpFormRecord } from '../../core/minutes/minutes-record.ts';
import type { MeetingTable } from '../../adapters/dynamodb/meeting-table.ts';
import { queryOpenActionItems, queryOwedFollowUpForms, recordAudit } from '../../adapters/dynamodb/minutes-store.ts';
import { listRosterChanges } from '../../adapters/dynamodb/roster-store.ts';
import { countyView } from '../../core/series/county-view.ts';
import { auditTime } from '../../core/audit/secretariat-action.ts';
import type { Actor } from './change-occurrence.ts';

export type FollowUpList = {
  actionItems: Array<ActionItemRecord & { seriesName: string; ownerUnitName: string; overdue: boolean }>;
  followUpForms: Array<FollowUpFormRecord & { seriesName: string; placementTypeName: string; overdue: boolean }>;
  overdue: { actionItems: number; followUpForms: number };
};

/**
 * Open action items and owed follow-up forms across every series, by due date.
 * 1. Load both lists (one index query each) and the roster.
 * 2. Record the read (it shows minutes content).
 * 3. Return them with the series and unit names and what is overdue.
 */
export async function followUpList(
  table: MeetingTable,
  config: CountyConfig,
  request: { actor: Actor; now: Temporal.Instant },
): Promise<FollowUpList> {
  const [items, forms, roster] = await Promise.all([queryOpenActionItems(table), queryOwedFollowUpForms(table), listRosterChanges(table)]);
  const view = countyView(config, roster);
  const today = todayInTaipei(request.now).toString();
  await recordAudit(table, {
    at: auditTime(request.now.epochMilliseconds),
    actor: { kind: 'secretariat', subject: request.actor.id, via: request.actor.via ?? 'unknown' },
    action: 'list-action-items',
    count: items.length + forms.length,
  });
  const seriesName = (id: string) => view.findSeries(id)?.name.zh ?? id;
  const actionItems = items.map((item) => ({
    ...item,
    seriesName: seriesName(item.seriesId),
    ownerUnitName: view.unitName(item.ownerUnitId),
    overdue: itemOverdue(item.dueDate, today),
  }));
  const followUpForms = forms.map((form) => ({
    ...form,
    seriesName: seriesName(form.seriesId),
    placementTypeName: placementTypeNames[form.placementType].zh,
    overdue: itemOverdue(form.dueDate, today),
  }));
  return {
    actionItems,
    followUpForms,
    overdue: { actionItems: actionItems.filter((i) => i.overdue).length, followUpForms: followUpForms.filter((f) => f.overdue).length },
  };
}
