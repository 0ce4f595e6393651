// Occurrences live under their series' partition (keys.series, sk OCC#slot), so one query reads a
// series' whole history, which the planner and the chair rotation need.
//
// queuedNotices is stored as a string set, so recording a notice twice (two planners at once)
// keeps it once; the core sees it as a sorted array.
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Occurrence } from '../../core/planning/occurrence.ts';
import { keys, withoutKeys } from './keys.ts';
import { queryPartition, writeIf, type MeetingTable } from './meeting-table.ts';

/** One action of a TransactWriteItems. */
export type TransactAction = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export async function listOccurrences(table: MeetingTable, seriesId: string): Promise<Occurrence[]> {
  const items = await queryPartition(table, keys.series(table.county, seriesId), keys.occurrencePrefix);
  return items.map(occurrenceFromItem);
}

export async function getOccurrence(table: MeetingTable, seriesId: string, slotKey: string): Promise<Occurrence | undefined> {
  const { Item } = await table.client.send(
    new GetCommand({ TableName: table.tableName, Key: occurrenceKey(table, seriesId, slotKey), ConsistentRead: true }),
  );
  return Item ? occurrenceFromItem(Item) : undefined;
}

/** An occurrence item as the core sees it. */
export function occurrenceFromItem(item: Record<string, unknown>): Occurrence {
  const occurrence = withoutKeys(item) as Occurrence & { queuedNotices?: Iterable<string> };
  if (occurrence.queuedNotices !== undefined) occurrence.queuedNotices = [...occurrence.queuedNotices].sort();
  return occurrence;
}

const occurrenceKey = (table: MeetingTable, seriesId: string, slotKey: string) => ({
  pk: keys.series(table.county, seriesId),
  sk: keys.occurrence(slotKey),
});

function occurrenceItem(table: MeetingTable, occurrence: Occurrence): Record<string, unknown> {
  const { queuedNotices, ...rest } = occurrence;
  return {
    ...occurrenceKey(table, occurrence.seriesId, occurrence.slotKey),
    entity: 'occurrence',
    ...rest,
    // DynamoDB has no empty set: no notices recorded is no attribute.
    ...(queuedNotices && queuedNotices.length > 0 ? { queuedNotices: new Set(queuedNotices) } : {}),
  };
}

/** Creates the occurrence unless its slot already has one. Returns false when another run won. */
export async function createOccurrence(table: MeetingTable, occurrence: Occurrence): Promise<boolean> {
  return writeIf(() => table.client.send(new PutCommand(createAction(table, occurrence).Put!)));
}

/** Create the occurrence, as a transaction action: refused if its slot already has one. */
export function createAction(table: MeetingTable, occurrence: Occurrence): TransactAction {
  return {
    Put: { TableName: table.tableName, Item: occurrenceItem(table, occurrence), ConditionExpression: 'attribute_not_exists(pk)' },
  };
}

/**
 * Replace the occurrence, as a transaction action: refused unless still at `expectedSequence`. Two
 * planners that computed the same change race here; one wins and the other's write is refused, so
 * a sequence is never raised twice for one change.
 */
export function replaceAction(table: MeetingTable, expectedSequence: number, occurrence: Occurrence): TransactAction {
  return {
    Put: {
      TableName: table.tableName,
      Item: occurrenceItem(table, occurrence),
      ConditionExpression: '#sequence = :expected',
      ExpressionAttributeNames: { '#sequence': 'sequence' },
      ExpressionAttributeValues: { ':expected': expectedSequence },
    },
  };
}

/** What queueing a meeting's notices records on it, in the same transaction as the notices. */
export type QueuedRecord = {
  /** Invitations or cancellations were queued: who holds the meeting now. */
  invitedContactIds?: readonly string[];
  /** noticeIds of the other notices queued. */
  noticeIds: readonly string[];
  /** Uninvitations were queued: Occurrence.uninvited after them. */
  uninvited?: Readonly<Record<string, number>>;
  at: string;
};

/** The occurrence with a QueuedRecord applied: for an occurrence this run writes anyway. */
export function withQueuedRecord(occurrence: Occurrence, record: QueuedRecord): Occurrence {
  const next: Occurrence = { ...occurrence };
  if (record.invitedContactIds) {
    next.invitedSequence = occurrence.sequence;
    next.invitedAt = occurrence.invitedAt ?? record.at;
    next.invitedContactIds = [...record.invitedContactIds];
  }
  if (record.uninvited) next.uninvited = { ...record.uninvited };
  if (record.noticeIds.length > 0) next.queuedNotices = [...new Set([...(occurrence.queuedNotices ?? []), ...record.noticeIds])].sort();
  return next;
}

/** Record queued notices on an occurrence that is otherwise unchanged: refused if it changed since read. */
export function recordQueuedAction(table: MeetingTable, occurrence: Occurrence, record: QueuedRecord): TransactAction {
  const sets: string[] = [];
  const values: Record<string, unknown> = { ':sequence': occurrence.sequence };
  if (record.invitedContactIds) {
    sets.push('invitedSequence = :sequence', 'invitedAt = if_not_exists(invitedAt, :at)', 'invitedContactIds = :contacts');
    values[':at'] = record.at;
    values[':contacts'] = [...record.invitedContactIds];
  }
  if (record.uninvited) {
    sets.push('uninvited = :uninvited');
    values[':uninvited'] = { ...record.uninvited };
  }
  const add = record.noticeIds.length > 0 ? ' ADD queuedNotices :notices' : '';
  if (add) values[':notices'] = new Set(record.noticeIds);
  return {
    Update: {
      TableName: table.tableName,
      Key: occurrenceKey(table, occurrence.seriesId, occurrence.slotKey),
      UpdateExpression: `${sets.length > 0 ? `SET ${sets.join(', ')}` : ''}${add}`.trim(),
      ConditionExpression: '#sequence = :sequence',
      ExpressionAttributeNames: { '#sequence': 'sequence' },
      ExpressionAttributeValues: values,
    },
  };
}

/**
 * Takes a notice the dispatcher superseded off the occurrence's record of what is queued, so the
 * planner may queue it again for the meeting as it is now (a reminder of a meeting moved before
 * the reminder went out). Removing an element of a string set is idempotent, and nothing else of
 * the occurrence is touched.
 */
export async function forgetQueuedNotice(table: MeetingTable, seriesId: string, slotKey: string, noticeId: string): Promise<boolean> {
  return writeIf(() =>
    table.client.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: occurrenceKey(table, seriesId, slotKey),
        UpdateExpression: 'DELETE queuedNotices :ids',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':ids': new Set([noticeId]) },
      }),
    ),
  );
}

/**
 * Record that the occurrence's chair change is queued in a digest (of `day`), in the same
 * transaction as the digest: refused if the occurrence or its chair change changed since read.
 */
export function chairChangeToldAction(table: MeetingTable, occurrence: Occurrence, day: string): TransactAction {
  return {
    Update: {
      TableName: table.tableName,
      Key: occurrenceKey(table, occurrence.seriesId, occurrence.slotKey),
      UpdateExpression: 'SET chairChange.toldIn = :day',
      ConditionExpression: '#sequence = :sequence AND chairChange.changedAt = :changedAt AND attribute_not_exists(chairChange.toldIn)',
      ExpressionAttributeNames: { '#sequence': 'sequence' },
      ExpressionAttributeValues: { ':day': day, ':sequence': occurrence.sequence, ':changedAt': occurrence.chairChange?.changedAt },
    },
  };
}
