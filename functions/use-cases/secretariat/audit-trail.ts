// The secretariat's audit trail (稽核紀錄): every task, who did it, when, why, what it changed
// and who was told, filterable by meeting, person and action. Read only.
import type { CountyConfig } from '../../core/series/county-config.ts';
import {
  concernsMeeting,
  concernsPerson,
  secretariatTasks,
  taskLabels,
  type SecretariatAction,
  type SecretariatTask,
} from '../../core/audit/secretariat-action.ts';
import type { MeetingTable } from '../../adapters/dynamodb/meeting-table.ts';
import { listActions, listMeetingActions } from '../../adapters/dynamodb/secretariat-action-store.ts';
import { findSeries } from './request-checks.ts';
import { SecretariatInputError } from './secretariat-input-error.ts';

export type AuditQuery = {
  /** One meeting: its series and slot. */
  meeting?: { seriesId: string; slotKey: string };
  /** Who did it (their sign-in subject), or a contact the task told or changed. */
  person?: string;
  action?: string;
  /** ISO instant: only what happened since. */
  since?: string;
};

export type AuditEntry = SecretariatAction & { taskText: string };

/**
 * The audit trail, oldest first.
 * 1. Validate the filters: a configured series, a known action.
 * 2. Load one meeting's trail (one query), or the county's (one index query).
 * 3. Keep what concerns the person and the action asked for.
 */
export async function auditTrail(table: MeetingTable, config: CountyConfig, query: AuditQuery): Promise<AuditEntry[]> {
  if (query.meeting) findSeries(config, query.meeting.seriesId, 'meeting');
  if (query.action !== undefined && !secretariatTasks.includes(query.action as SecretariatTask))
    throw new SecretariatInputError({
      code: 'invalid-input',
      field: 'action',
      message: `沒有「${query.action}」這種操作；可篩選：${secretariatTasks.map((t) => `${t}（${taskLabels[t]}）`).join('、')}`,
    });
  const actions = query.meeting ? await listMeetingActions(table, query.meeting) : await listActions(table, query.since);
  return actions
    .filter((a) => !query.meeting || concernsMeeting(a, query.meeting))
    .filter((a) => !query.since || a.at >= query.since)
    .filter((a) => !query.person || concernsPerson(a, query.person))
    .filter((a) => !query.action || a.task === query.action)
    .map((a) => ({ ...a, taskText: taskLabels[a.task] }));
}
