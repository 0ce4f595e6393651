// The secretariat's three decisions on a meeting's minutes: approve them (核定), return them to
// the chair for correction (退回修正), distribute them (分送: a read link to every invited contact).
// The minutes use cases make the change (write-minutes.ts, distribute-minutes.ts: the lifecycle,
// the conditional write on the version, the minutes' own audit record); these add what every
// secretariat task has: a reason, errors in zh-TW naming the field, and the audit record of who
// decided, why, the state before and after, and who was told.
import { randomUUID } from 'node:crypto';
import type { CountyConfig } from '../../core/series/county-config.ts';
import type { Temporal } from '../../core/calendar/local-date.ts';
import { minutesStateNames, type MinutesState } from '../../core/minutes/minutes-lifecycle.ts';
import type { MinutesHead } from '../../core/minutes/minutes-record.ts';
import { auditTime, type SecretariatAction, type SecretariatTask, type ToldPerson } from '../../core/audit/secretariat-action.ts';
import type { MeetingTable } from '../../adapters/dynamodb/meeting-table.ts';
import { listOccurrences } from '../../adapters/dynamodb/occurrence-store.ts';
import { getMinutesHead } from '../../adapters/dynamodb/minutes-store.ts';
import { listOutbox } from '../../adapters/dynamodb/outbox-store.ts';
import { recordAction, recordTold } from '../../adapters/dynamodb/secretariat-action-store.ts';
import { changeMinutesState } from '../minutes/write-minutes.ts';
import { distributeMinutes } from '../minutes/distribute-minutes.ts';
import { MinutesError } from '../minutes/minutes-error.ts';
import type { MinutesContext, OccurrenceAccess } from '../minutes/minutes-context.ts';
import { findSeries, requireReason } from './request-checks.ts';
import { findMeeting, type Actor } from './change-occurrence.ts';
import { conflictError, SecretariatInputError } from './secretariat-input-error.ts';

export type MinutesDecision = 'approve' | 'return' | 'distribute';

export type MinutesDecisionRequest = {
  seriesId: string;
  /** The meeting's date (2026-03-25) or slot (2026-03). */
  occurrence: string;
  decision: MinutesDecision;
  reason: string;
  /** The minutes version the officer read; when given, a change made since is a conflict. */
  expectedVersion?: number;
  actor: Actor;
  now: Temporal.Instant;
};

export type MinutesDecisionResult = {
  state: MinutesState;
  version: number;
  /** For a distribution: the invited contacts, and how many notices this step queued (none twice). */
  recipients?: number;
  queued?: number;
  action: SecretariatAction;
};

const taskOf: Record<MinutesDecision, SecretariatTask> = {
  approve: 'approve-minutes',
  return: 'return-minutes',
  distribute: 'distribute-minutes',
};

const verbs: Record<MinutesDecision, string> = { approve: '核定', return: '退回', distribute: '分送' };

/**
 * Approve, return or distribute one meeting's minutes.
 * 1. Load the meeting and its minutes; validate the reason, the series, the meeting (not
 *    cancelled) and that the minutes are in a state the decision applies to (submitted to approve
 *    or return, approved to distribute; distributing again only queues what is missing).
 * 2. Write the new state at the version read, with the minutes' own audit record (one transaction,
 *    write-minutes.ts); another officer's change meanwhile is a conflict.
 * 3. Record the decision with its reason right after.
 * 4. A distribution queues a read-link notice to every contact invited now, and records who.
 * 5. Return the new state and version, and the audit record.
 */
export async function decideMinutes(
  table: MeetingTable,
  config: CountyConfig,
  request: MinutesDecisionRequest,
): Promise<MinutesDecisionResult> {
  const reason = requireReason(request.reason);
  const series = findSeries(config, request.seriesId);
  const occurrence = findMeeting(series, await listOccurrences(table, series.id), request.occurrence);
  const context: MinutesContext = { table, config, now: () => new Date(request.now.epochMilliseconds) };
  const access: OccurrenceAccess = {
    actor: { kind: 'secretariat', subject: request.actor.id, via: request.actor.via ?? 'unknown' },
    series,
    occurrence,
  };
  const previous = await getMinutesHead(table, series.id, occurrence.slotKey);
  const meetingName = `${series.name.zh} ${occurrence.date}`;
  if (occurrence.status === 'cancelled')
    throw new SecretariatInputError({
      code: 'meeting-cancelled',
      field: 'occurrence',
      status: 409,
      message: `${meetingName} 的會議已停開，沒有會議紀錄`,
    });
  if (!previous)
    throw new SecretariatInputError({
      code: 'no-minutes',
      field: 'occurrence',
      status: 404,
      message: `${meetingName} 的會議還沒有人填寫紀錄`,
    });
  const allowedFrom: Record<MinutesDecision, MinutesState[]> = {
    approve: ['submitted'],
    return: ['submitted'],
    distribute: ['approved', 'distributed'],
  };
  if (!allowedFrom[request.decision].includes(previous.state))
    throw new SecretariatInputError({
      code: 'minutes-not-allowed-now',
      field: 'occurrence',
      status: 409,
      message:
        `${meetingName} 的會議紀錄目前為「${minutesStateNames[previous.state]}」，不能${verbs[request.decision]}` +
        (request.decision === 'distribute' ? '；須先核定' : '；須由主持人送出後才能核定或退回'),
    });

  const outboxBefore = request.decision === 'distribute' ? await distributedTo(table, series.id, occurrence.slotKey) : new Set<string>();
  let head: MinutesHead;
  let distribution: { recipients: number; queued: number } | undefined;
  try {
    if (request.decision === 'distribute') {
      const result = await distributeMinutes(context, access, request.expectedVersion);
      head = result.head;
      distribution = { recipients: result.recipients, queued: result.queued };
    } else head = await changeMinutesState(context, access, request.decision, request.expectedVersion);
  } catch (error) {
    throw minutesRefusal(error, meetingName);
  }

  const action: SecretariatAction = {
    id: randomUUID(),
    at: auditTime(request.now.epochMilliseconds),
    task: taskOf[request.decision],
    actor: { subject: request.actor.id, via: request.actor.via ?? 'unknown' },
    reason,
    scope: 'meeting',
    meetings: [{ seriesId: series.id, slotKey: occurrence.slotKey }],
    changes: [
      {
        subject: 'minutes',
        ref: `${series.id}/${occurrence.slotKey}`,
        before: { state: previous.state, version: previous.version },
        after: { state: head.state, version: head.version },
      },
    ],
  };
  await recordAction(table, action);
  let told: ToldPerson[] = [];
  if (request.decision === 'distribute') {
    const items = await listOutbox(table, series.id, occurrence.slotKey);
    told = items
      .filter((i) => i.kind === 'minutes-distributed' && !outboxBefore.has(i.sk))
      .map((i) => ({
        seriesId: series.id,
        slotKey: occurrence.slotKey,
        kind: i.kind,
        contactId: i.recipient.contactId,
        unitId: i.recipient.unitId,
        name: i.recipient.name,
      }));
    await recordTold(table, action, told);
  }
  return { state: head.state, version: head.version, ...(distribution ?? {}), action: { ...action, told } };
}

async function distributedTo(table: MeetingTable, seriesId: string, slotKey: string): Promise<Set<string>> {
  return new Set((await listOutbox(table, seriesId, slotKey)).filter((i) => i.kind === 'minutes-distributed').map((i) => i.sk));
}

/** The minutes use cases' refusals (worded for the chair's pages) in the secretariat's words. */
function minutesRefusal(error: unknown, meetingName: string): unknown {
  if (!(error instanceof MinutesError)) return error;
  switch (error.code) {
    case 'version-conflict':
      return conflictError('expectedVersion', `${meetingName} 的會議紀錄剛被他人修改，請重新整理後再試`);
    case 'not-allowed-now':
      return new SecretariatInputError({
        code: 'minutes-not-allowed-now',
        field: 'occurrence',
        status: 409,
        message: `${meetingName} 的會議紀錄目前的狀態不能這樣處理，請重新整理`,
      });
    case 'invalid-minutes':
      return new SecretariatInputError({
        code: 'minutes-incomplete',
        field: 'occurrence',
        message: `${meetingName} 的會議紀錄內容不完整：${error.problems.join('；')}`,
      });
    case 'not-found':
      return new SecretariatInputError({
        code: 'no-minutes',
        field: 'occurrence',
        status: 404,
        message: `${meetingName} 的會議還沒有人填寫紀錄`,
      });
    default:
      return new SecretariatInputError({
        code: 'minutes-not-allowed-now',
        field: 'occurrence',
        status: 409,
        message: `${meetingName} 的會議紀錄無法處理（${error.code}）`,
      });
  }
}
