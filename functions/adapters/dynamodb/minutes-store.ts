// Minutes in the one table (keys.ts). Under the series' partition (keys.series): the head of each meeting's
// minutes (sk MINUTES#slot, the current state and version), every version ever saved
// (MINVER#slot#000001 …), and a projection of each action item (ACTION#slot#01) and follow-up form
// (FOLLOWUP#slot#type) so open ones are found across series through the sparse gsi1 (the county's
// ACTION#open and FOLLOWUP#owed, sorted by due date). Audit records sit in their own partitions
// and are only ever put, never updated or deleted: this module exports no way to do either.
//
// Every write is one transaction: the head, conditional on the version the writer started from;
// the new version item; the audit record; and the projections. Two saves from the same version
// race on the head's condition, one wins and the other is cancelled whole, so nothing is lost
// silently and nothing is half-written.
import { randomUUID } from 'node:crypto';
import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { MinutesEvent } from '../../core/minutes/minutes-lifecycle.ts';
import type { ActionItemRecord, AuditRecord, FollowUpFormRecord, MinutesHead, MinutesVersion } from '../../core/minutes/minutes-record.ts';
import { keys, withoutKeys as stripKeys } from './keys.ts';
import { queryEverything, queryPartition, type MeetingTable } from './meeting-table.ts';

export type MinutesWrite = {
  /** The head the writer started from; undefined when these are the first minutes of the meeting. */
  previous: MinutesHead | undefined;
  next: MinutesHead;
  event: MinutesEvent;
  audit: AuditRecord;
};

export type WriteOutcome = 'written' | 'conflict';

export async function getMinutesHead(table: MeetingTable, seriesId: string, slotKey: string): Promise<MinutesHead | undefined> {
  const { Item } = await table.client.send(
    new GetCommand({
      TableName: table.tableName,
      Key: { pk: keys.series(table.county, seriesId), sk: keys.minutesHead(slotKey) },
      ConsistentRead: true,
    }),
  );
  return Item ? (stripKeys(Item) as MinutesHead) : undefined;
}

export async function listMinutesHeads(table: MeetingTable, seriesId: string): Promise<MinutesHead[]> {
  return (await queryPartition(table, keys.series(table.county, seriesId), keys.minutesHeadPrefix)).map(
    (item) => stripKeys(item) as MinutesHead,
  );
}

export async function listMinutesVersions(table: MeetingTable, seriesId: string, slotKey: string): Promise<MinutesVersion[]> {
  return (await queryPartition(table, keys.series(table.county, seriesId), keys.minutesVersionPrefix(slotKey))).map(
    (item) => stripKeys(item) as MinutesVersion,
  );
}

export async function writeMinutes(table: MeetingTable, write: MinutesWrite): Promise<WriteOutcome> {
  const { previous, next, event, audit } = write;
  const pk = keys.series(table.county, next.seriesId);
  if (next.version !== (previous?.version ?? 0) + 1) throw new Error('a write must raise the version by exactly one');
  const version: MinutesVersion = {
    seriesId: next.seriesId,
    slotKey: next.slotKey,
    version: next.version,
    state: next.state,
    event,
    minutes: next.minutes,
    savedAt: next.updatedAt,
    savedBy: next.updatedBy,
  };
  const put = (
    Item: Record<string, unknown>,
    condition?: {
      ConditionExpression: string;
      ExpressionAttributeNames?: Record<string, string>;
      ExpressionAttributeValues?: Record<string, unknown>;
    },
  ) => ({
    Put: { TableName: table.tableName, Item, ...(condition ?? {}) },
  });
  const remove = (sk: string) => ({ Delete: { TableName: table.tableName, Key: { pk, sk } } });

  const headCondition = previous
    ? {
        ConditionExpression: '#version = :expected',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':expected': previous.version },
      }
    : { ConditionExpression: 'attribute_not_exists(pk)' };
  const items: Array<Record<string, unknown>> = [
    put({ pk, sk: keys.minutesHead(next.slotKey), entity: 'minutes-head', ...next }, headCondition),
    put(
      { pk, sk: keys.minutesVersion(next.slotKey, next.version), entity: 'minutes-version', ...version },
      { ConditionExpression: 'attribute_not_exists(pk)' },
    ),
    auditPut(table, audit),
  ];

  const actionItems = next.minutes.actionItems.map((item, index): ActionItemRecord => ({
    ...item,
    seriesId: next.seriesId,
    slotKey: next.slotKey,
    index,
    meetingDate: next.meetingDate,
    minutesState: next.state,
    minutesVersion: next.version,
  }));
  for (const record of actionItems) {
    const open =
      record.status === 'open'
        ? {
            gsi1pk: keys.openActionItems(table.county),
            gsi1sk: keys.openActionItemOrder(record.dueDate, record.seriesId, record.slotKey, record.index),
          }
        : {};
    items.push(put({ pk, sk: keys.actionItem(next.slotKey, record.index), entity: 'action-item', ...record, ...open }));
  }
  for (let index = actionItems.length; index < (previous?.minutes.actionItems.length ?? 0); index++)
    items.push(remove(keys.actionItem(next.slotKey, index)));

  const forms = next.minutes.placementReview?.followUpForms ?? [];
  for (const form of forms) {
    const record: FollowUpFormRecord = {
      ...form,
      seriesId: next.seriesId,
      slotKey: next.slotKey,
      meetingDate: next.meetingDate,
      minutesState: next.state,
      minutesVersion: next.version,
    };
    const owed =
      form.status === 'owed'
        ? {
            gsi1pk: keys.owedFollowUps(table.county),
            gsi1sk: keys.owedFollowUpOrder(form.dueDate, next.seriesId, next.slotKey, form.placementType),
          }
        : {};
    items.push(put({ pk, sk: keys.followUpForm(next.slotKey, form.placementType), entity: 'follow-up-form', ...record, ...owed }));
  }
  const kept = new Set(forms.map((f) => f.placementType));
  for (const old of previous?.minutes.placementReview?.followUpForms ?? []) {
    if (!kept.has(old.placementType)) items.push(remove(keys.followUpForm(next.slotKey, old.placementType)));
  }

  try {
    await table.client.send(new TransactWriteCommand({ TransactItems: items }));
    return 'written';
  } catch (error) {
    if (isLostRace(error)) return 'conflict';
    throw error;
  }
}

/** An audit record on its own, for reads. Put only if new: an audit record is never overwritten. */
export async function recordAudit(table: MeetingTable, audit: AuditRecord): Promise<void> {
  await table.client.send(new PutCommand(auditPut(table, audit).Put));
}

/** The meeting's minutes and document audit; the secretariat's task records beside them are read by secretariat-action-store. */
export async function listAudit(table: MeetingTable, seriesId: string, slotKey: string): Promise<AuditRecord[]> {
  return (await queryPartition(table, keys.meetingAudit(table.county, seriesId, slotKey)))
    .filter((item) => item.entity === 'audit')
    .map((item) => stripKeys(item) as AuditRecord);
}

export async function listViewsAudit(table: MeetingTable): Promise<AuditRecord[]> {
  return (await queryPartition(table, keys.viewsAudit(table.county))).map((item) => stripKeys(item) as AuditRecord);
}

/** Every action item of a series, open or done, in the order they were decided. */
export async function listSeriesActionItems(table: MeetingTable, seriesId: string): Promise<ActionItemRecord[]> {
  return (await queryPartition(table, keys.series(table.county, seriesId), keys.actionItemPrefix)).map(
    (item) => stripKeys(item) as ActionItemRecord,
  );
}

/** Open action items across every series, by due date; `dueBefore` (YYYY-MM-DD) keeps the overdue ones. */
export async function queryOpenActionItems(table: MeetingTable, dueBefore?: string): Promise<ActionItemRecord[]> {
  return (await queryIndex(table, keys.openActionItems(table.county), dueBefore)).map((item) => stripKeys(item) as ActionItemRecord);
}

/** Follow-up forms still owed across every series, by due date. */
export async function queryOwedFollowUpForms(table: MeetingTable, dueBefore?: string): Promise<FollowUpFormRecord[]> {
  return (await queryIndex(table, keys.owedFollowUps(table.county), dueBefore)).map((item) => stripKeys(item) as FollowUpFormRecord);
}

function auditPut(table: MeetingTable, audit: AuditRecord) {
  const pk =
    audit.seriesId && audit.slotKey ? keys.meetingAudit(table.county, audit.seriesId, audit.slotKey) : keys.viewsAudit(table.county);
  return {
    Put: {
      TableName: table.tableName,
      Item: { pk, sk: keys.auditEntry(audit.at, randomUUID()), entity: 'audit', ...audit },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

async function queryIndex(table: MeetingTable, partition: string, dueBefore: string | undefined): Promise<Record<string, unknown>[]> {
  return queryEverything(table, {
    IndexName: 'gsi1',
    KeyConditionExpression: dueBefore ? 'gsi1pk = :pk AND gsi1sk < :before' : 'gsi1pk = :pk',
    ExpressionAttributeValues: dueBefore ? { ':pk': partition, ':before': dueBefore } : { ':pk': partition },
  });
}

/** The head's condition failed, or another transaction held the same items: the writer lost a race. */
function isLostRace(error: unknown): boolean {
  const e = error as { name?: string; CancellationReasons?: Array<{ Code?: string }> } | null;
  if (e?.name === 'TransactionConflictException') return true;
  if (e?.name !== 'TransactionCanceledException') return false;
  const codes = (e.CancellationReasons ?? []).map((r) => r.Code);
  return codes.length === 0 || codes.some((code) => code === 'ConditionalCheckFailed' || code === 'TransactionConflict');
}
