// Occurrences live under their series' partition (keys.series, sk OCC#slot), so one query reads a
// series' whole history, which the planner and the chair rotation need.
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Occurrence } from '../../core/planning/occurrence.ts';
import { keys, withoutKeys } from './keys.ts';
import { queryPartition, writeIf, type MeetingTable } from './meeting-table.ts';

export async function listOccurrences(table: MeetingTable, seriesId: string): Promise<Occurrence[]> {
  const items = await queryPartition(table, keys.series(table.county, seriesId), keys.occurrencePrefix);
  return items.map((item) => withoutKeys(item) as Occurrence);
}

export async function getOccurrence(table: MeetingTable, seriesId: string, slotKey: string): Promise<Occurrence | undefined> {
  const { Item } = await table.client.send(
    new GetCommand({ TableName: table.tableName, Key: occurrenceKey(table, seriesId, slotKey), ConsistentRead: true }),
  );
  return Item ? (withoutKeys(Item) as Occurrence) : undefined;
}

const occurrenceKey = (table: MeetingTable, seriesId: string, slotKey: string) => ({
  pk: keys.series(table.county, seriesId),
  sk: keys.occurrence(slotKey),
});

const occurrenceItem = (table: MeetingTable, occurrence: Occurrence) => ({
  ...occurrenceKey(table, occurrence.seriesId, occurrence.slotKey),
  entity: 'occurrence',
  ...occurrence,
});

/** Creates the occurrence unless its slot already has one. Returns false when another run won. */
export async function createOccurrence(table: MeetingTable, occurrence: Occurrence): Promise<boolean> {
  return writeIf(() =>
    table.client.send(
      new PutCommand({
        TableName: table.tableName,
        Item: occurrenceItem(table, occurrence),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    ),
  );
}

/**
 * Replaces an occurrence if it is still at the sequence the change was computed from. Two planners
 * that computed the same change race here; one wins and the other's write is refused, so a
 * sequence is never raised twice for one change.
 */
export async function replaceOccurrence(table: MeetingTable, expectedSequence: number, occurrence: Occurrence): Promise<boolean> {
  return writeIf(() =>
    table.client.send(
      new PutCommand({
        TableName: table.tableName,
        Item: occurrenceItem(table, occurrence),
        ConditionExpression: '#sequence = :expected',
        ExpressionAttributeNames: { '#sequence': 'sequence' },
        ExpressionAttributeValues: { ':expected': expectedSequence },
      }),
    ),
  );
}

export async function markInvited(table: MeetingTable, occurrence: Occurrence, contactIds: readonly string[], at: string): Promise<void> {
  await table.client.send(
    new UpdateCommand({
      TableName: table.tableName,
      Key: occurrenceKey(table, occurrence.seriesId, occurrence.slotKey),
      UpdateExpression: 'SET invitedSequence = :sequence, invitedAt = if_not_exists(invitedAt, :at), invitedContactIds = :contacts',
      ConditionExpression: '#sequence = :sequence',
      ExpressionAttributeNames: { '#sequence': 'sequence' },
      ExpressionAttributeValues: { ':sequence': occurrence.sequence, ':at': at, ':contacts': [...contactIds] },
    }),
  );
}
