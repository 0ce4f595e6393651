// Calendar replies from people nobody invited, kept for the secretariat to see: usually someone a
// unit forwarded the invitation to, whose calendar then answered the organizer. Such an answer
// cannot count as the unit's, and dropping it would leave the person believing they are expected.
// One item per (meeting, address): a later answer from the same person replaces the earlier one,
// and a retried delivery writes the same item. The address is what the secretariat needs to act on
// it, so it is stored here; the key holds only a hash of it, and the item expires some months
// after the meeting.
import { createHash } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { TransactAction } from './occurrence-store.ts';
import type { ImipPartstat } from '../../core/rsvp/imip-answer.ts';
import { keys, withoutKeys } from './keys.ts';
import { queryPartition, type MeetingTable } from './meeting-table.ts';

export type HeldReplyReason =
  /** The attendee is no contact of a unit the series invites now. */
  | 'not-invited'
  /** Sent on an invitee's behalf (SENT-BY) by someone who is not a contact of the invitee's unit. */
  | 'delegate-not-in-unit';

export type HeldReply = {
  seriesId: string;
  slotKey: string;
  /** The meeting's date, YYYY-MM-DD (Taipei), for the secretariat's list. */
  meetingDate: string;
  reason: HeldReplyReason;
  /** The ATTENDEE address, lower case. */
  attendee: string;
  /** The ATTENDEE's CN, when the client gave one. */
  attendeeName?: string;
  /** SENT-BY, when someone answered on the attendee's behalf. */
  sentBy?: string;
  partstat: ImipPartstat;
  /** The SEQUENCE the reply answered. */
  sequence: number;
  receivedAt: string;
};

/** A held reply as listed: `id` names it among its meeting's (a hash of the address, never the address). */
export type ListedHeldReply = HeldReply & {
  id: string;
  /** Set once the secretariat dealt with it (held-replies use case); a later reply from the person replaces it. */
  dealtWith?: { at: string; auditId: string; reason: string };
};

/** How long after the meeting a held reply is kept: long enough to follow up, no longer. */
const keepDaysAfterMeeting = 90;

export async function holdReply(table: MeetingTable, reply: HeldReply): Promise<void> {
  const expiresAt = Math.floor(Date.parse(`${reply.meetingDate}T00:00:00+08:00`) / 1000) + keepDaysAfterMeeting * 86_400;
  await table.client.send(
    new PutCommand({
      TableName: table.tableName,
      Item: {
        pk: keys.heldReplies(table.county),
        sk: keys.heldReply(reply.seriesId, reply.slotKey, addressHash(reply.attendee)),
        entity: 'held-reply',
        ...reply,
        expiresAt,
      },
    }),
  );
}

/** Every held reply of the county, newest first. */
export async function listHeldReplies(table: MeetingTable): Promise<ListedHeldReply[]> {
  const items = await queryPartition(table, keys.heldReplies(table.county));
  return items
    .map((item) => {
      const { expiresAt: _expiresAt, ...reply } = withoutKeys(item);
      return { ...(reply as HeldReply), id: String(item.sk).split('#').at(-1)! };
    })
    .sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
}

function addressHash(address: string): string {
  return createHash('sha256').update(address.toLowerCase()).digest('base64url').slice(0, 22);
}

/**
 * Marks one held reply dealt with, for the transaction that also records the audit entry. Only the
 * reply the officer saw (its receivedAt): one that a newer answer from the person replaced since
 * is refused (ConditionalCheckFailed), and so is one already dealt with.
 */
export function dealtWithUpdate(
  table: MeetingTable,
  reply: Pick<ListedHeldReply, 'seriesId' | 'slotKey' | 'id' | 'receivedAt'>,
  dealtWith: NonNullable<ListedHeldReply['dealtWith']>,
): TransactAction {
  return {
    Update: {
      TableName: table.tableName,
      Key: { pk: keys.heldReplies(table.county), sk: keys.heldReply(reply.seriesId, reply.slotKey, reply.id) },
      UpdateExpression: 'SET dealtWith = :dealtWith',
      ConditionExpression: 'attribute_exists(pk) AND receivedAt = :receivedAt AND attribute_not_exists(dealtWith)',
      ExpressionAttributeValues: { ':dealtWith': dealtWith, ':receivedAt': reply.receivedAt },
    },
  };
}
