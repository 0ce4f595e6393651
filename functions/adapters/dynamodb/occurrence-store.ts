// Occurrences live under their series' partition (pk SERIES#id, sk OCC#slot), so one query reads a
// series' whole history, which the planner and the chair rotation need.
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Occurrence } from '../../core/planning/occurrence.ts';
import { isConditionFailure, queryEverything, type MeetingTable } from './meeting-table.ts';

export const seriesKey = (seriesId: string) => `SERIES#${seriesId}`;
export const occurrenceSortKey = (slotKey: string) => `OCC#${slotKey}`;

const stripKeys = ({ pk: _pk, sk: _sk, entity: _entity, ...rest }: Record<string, unknown>) => rest;

export async function listOccurrences(table: MeetingTable, seriesId: string): Promise<Occurrence[]> {
  const items = await queryAll(table, seriesKey(seriesId), 'OCC#');
  return items.map((item) => stripKeys(item) as Occurrence);
}

export async function getOccurrence(table: MeetingTable, seriesId: string, slotKey: string): Promise<Occurrence | undefined> {
  const { Item } = await table.client.send(
    new GetCommand({ TableName: table.tableName, Key: { pk: seriesKey(seriesId), sk: occurrenceSortKey(slotKey) }, ConsistentRead: true }),
  );
  return Item ? (stripKeys(Item) as Occurrence) : undefined;
}

/** Creates the occurrence unless its slot already has one. Returns false when another run won. */
export async function createOccurrence(table: MeetingTable, occurrence: Occurrence): Promise<boolean> {
  try {
    await table.client.send(
      new PutCommand({
        TableName: table.tableName,
        Item: { pk: seriesKey(occurrence.seriesId), sk: occurrenceSortKey(occurrence.slotKey), entity: 'occurrence', ...occurrence },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/**
 * Replaces an occurrence if it is still at the sequence the change was computed from. Two planners
 * that computed the same change race here; one wins and the other's write is refused, so a
 * sequence is never raised twice for one change.
 */
export async function replaceOccurrence(table: MeetingTable, expectedSequence: number, occurrence: Occurrence): Promise<boolean> {
  try {
    await table.client.send(
      new PutCommand({
        TableName: table.tableName,
        Item: { pk: seriesKey(occurrence.seriesId), sk: occurrenceSortKey(occurrence.slotKey), entity: 'occurrence', ...occurrence },
        ConditionExpression: '#sequence = :expected',
        ExpressionAttributeNames: { '#sequence': 'sequence' },
        ExpressionAttributeValues: { ':expected': expectedSequence },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

export async function markInvited(table: MeetingTable, occurrence: Occurrence, contactIds: readonly string[], at: string): Promise<void> {
  await table.client.send(
    new UpdateCommand({
      TableName: table.tableName,
      Key: { pk: seriesKey(occurrence.seriesId), sk: occurrenceSortKey(occurrence.slotKey) },
      UpdateExpression: 'SET invitedSequence = :sequence, invitedAt = if_not_exists(invitedAt, :at), invitedContactIds = :contacts',
      ConditionExpression: '#sequence = :sequence',
      ExpressionAttributeNames: { '#sequence': 'sequence' },
      ExpressionAttributeValues: { ':sequence': occurrence.sequence, ':at': at, ':contacts': [...contactIds] },
    }),
  );
}

export async function queryAll(table: MeetingTable, pk: string, skPrefix: string): Promise<Record<string, unknown>[]> {
  return queryEverything(table, {
    KeyConditionExpression: skPrefix ? 'pk = :pk AND begins_with(sk, :prefix)' : 'pk = :pk',
    ExpressionAttributeValues: skPrefix ? { ':pk': pk, ':prefix': skPrefix } : { ':pk': pk },
    ConsistentRead: true,
  });
}
