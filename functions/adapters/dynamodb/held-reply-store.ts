// Calendar replies from people nobody invited, kept for the secretariat to see: usually someone a
// unit forwarded the invitation to, whose calendar then answered the organizer. Such an answer
// cannot count as the unit's, and dropping it would leave the person believing they are expected.
// One item per (meeting, address): a later answer from the same person replaces the earlier one,
// and a retried delivery writes the same item. The address is what the secretariat needs to act on
// it, so it is stored here; the key holds only a hash of it, and the item expires some months
// after the meeting.
import { createHash } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
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
export async function listHeldReplies(table: MeetingTable): Promise<HeldReply[]> {
  const items = await queryPartition(table, keys.heldReplies(table.county));
  return items
    .map((item) => {
      const { expiresAt: _expiresAt, ...reply } = withoutKeys(item);
      return reply as HeldReply;
    })
    .sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
}

function addressHash(address: string): string {
  return createHash('sha256').update(address.toLowerCase()).digest('base64url').slice(0, 22);
}
