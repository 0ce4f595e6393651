// One answer per (occurrence, contact), beside the occurrence in its series' partition
// (keys.series, sk RSVP#slot#contact), so one query reads every answer to a meeting. A later answer
// replaces an earlier one unless it answers an older version of the meeting (a lower SEQUENCE): a
// REPLY delayed in someone's outbox must not overwrite what they said about the meeting as it is now.
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { RsvpAnswer } from '../../core/rsvp/rsvp-links.ts';
import { keys } from './keys.ts';
import { queryPartition, writeIf, type MeetingTable } from './meeting-table.ts';

export type RsvpSource = 'link' | 'imip';

export type Rsvp = {
  seriesId: string;
  slotKey: string;
  contactId: string;
  answer: RsvpAnswer;
  /** The SEQUENCE of the meeting version the answer is about. */
  sequence: number;
  source: RsvpSource;
  /** When it was recorded, ISO 8601 UTC. */
  at: string;
  /** Who will attend for the unit (代理出席), when not the contact themselves; from the link's page. */
  attendeeName?: string;
  /** A short note to the secretariat, from the link's page. */
  note?: string;
  /** The contact of the same unit who answered for this one (a REPLY sent on their behalf, SENT-BY). */
  answeredBy?: string;
};

const toRsvp = (item: Record<string, unknown>): Rsvp => ({
  seriesId: item.seriesId as string,
  slotKey: item.slotKey as string,
  contactId: item.contactId as string,
  answer: item.answer as RsvpAnswer,
  sequence: item.sequence as number,
  source: item.source as RsvpSource,
  at: item.at as string,
  ...(typeof item.attendeeName === 'string' ? { attendeeName: item.attendeeName } : {}),
  ...(typeof item.note === 'string' ? { note: item.note } : {}),
  ...(typeof item.answeredBy === 'string' ? { answeredBy: item.answeredBy } : {}),
});

/**
 * Stores the answer unless one for a newer SEQUENCE is already there. Returns false when it was
 * refused for that reason (the answer is stale); an equal SEQUENCE replaces (the person changed
 * their mind).
 */
export async function recordRsvp(table: MeetingTable, rsvp: Rsvp): Promise<boolean> {
  return writeIf(() =>
    table.client.send(
      new PutCommand({
        TableName: table.tableName,
        Item: { pk: keys.series(table.county, rsvp.seriesId), sk: keys.rsvp(rsvp.slotKey, rsvp.contactId), entity: 'rsvp', ...rsvp },
        ConditionExpression: 'attribute_not_exists(pk) OR #sequence <= :sequence',
        ExpressionAttributeNames: { '#sequence': 'sequence' },
        ExpressionAttributeValues: { ':sequence': rsvp.sequence },
      }),
    ),
  );
}

export async function getRsvp(table: MeetingTable, seriesId: string, slotKey: string, contactId: string): Promise<Rsvp | undefined> {
  const { Item } = await table.client.send(
    new GetCommand({
      TableName: table.tableName,
      Key: { pk: keys.series(table.county, seriesId), sk: keys.rsvp(slotKey, contactId) },
      ConsistentRead: true,
    }),
  );
  return Item ? toRsvp(Item) : undefined;
}

/** Every answer recorded for one occurrence, whatever version it answered (see `sequence`). */
export async function listRsvps(table: MeetingTable, seriesId: string, slotKey: string): Promise<Rsvp[]> {
  const items = await queryPartition(table, keys.series(table.county, seriesId), keys.rsvpPrefix(slotKey));
  return items.map(toRsvp);
}
