// A marker per received plain e-mail, so that one original is forwarded once although Lambda may
// deliver its S3 event twice (S3 notifications are at-least-once, and a failed invocation is
// retried). The marker is claimed with a conditional put before sending and marked sent after.
//
// A claim expires (leaseUntil) when the invocation that made it has surely ended, so a delivery that
// finds a live claim leaves the message to its holder, and a retry after a crash takes it over.
// What this cannot prevent: a crash after SES accepted the forward and before the marker says so;
// the retry then sends it again. That copy has the same Message-ID, which Exchange and Outlook drop
// as a duplicate; losing a citizen's message would be worse than a second copy.
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from './keys.ts';
import { writeIf, type MeetingTable } from './meeting-table.ts';

/** Longer than the bucket keeps the raw message (30 days): no event can name it after this. */
const keepMarkerDays = 60;

export type ForwardClaim = { objectKey: string; claimedAt: string };

/**
 * Claims the forward of one stored message. Undefined: it was forwarded (or refused by SES)
 * already, or another invocation holds a live claim on it.
 */
export async function claimForward(table: MeetingTable, objectKey: string, now: Date, leaseUntil: Date): Promise<ForwardClaim | undefined> {
  const claimedAt = now.toISOString();
  const claimed = await writeIf(() =>
    table.client.send(
      new PutCommand({
        TableName: table.tableName,
        Item: {
          ...markerKey(table, objectKey),
          entity: 'forwarded-mail',
          state: 'sending',
          claimedAt,
          leaseUntil: leaseUntil.toISOString(),
          expiresAt: Math.floor(now.getTime() / 1000) + keepMarkerDays * 86_400,
        },
        ConditionExpression: 'attribute_not_exists(pk) OR (#state = :sending AND leaseUntil < :now)',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':sending': 'sending', ':now': claimedAt },
      }),
    ),
  );
  return claimed ? { objectKey, claimedAt } : undefined;
}

/** SES accepted the forward (`forwarded`) or refused it for good (`refused-by-ses`): never again. */
export async function settleForward(
  table: MeetingTable,
  claim: ForwardClaim,
  outcome: { state: 'forwarded'; sesMessageId: string } | { state: 'refused-by-ses' },
  at: Date,
): Promise<void> {
  await table.client.send(
    new UpdateCommand({
      TableName: table.tableName,
      Key: markerKey(table, claim.objectKey),
      UpdateExpression:
        outcome.state === 'forwarded'
          ? 'SET #state = :state, settledAt = :at, sesMessageId = :id REMOVE leaseUntil'
          : 'SET #state = :state, settledAt = :at REMOVE leaseUntil',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: {
        ':state': outcome.state,
        ':at': at.toISOString(),
        ...(outcome.state === 'forwarded' ? { ':id': outcome.sesMessageId } : {}),
      },
    }),
  );
}

/** The send failed and may be retried: give the message back, if the claim is still ours. */
export async function releaseForward(table: MeetingTable, claim: ForwardClaim): Promise<void> {
  await writeIf(() =>
    table.client.send(
      new DeleteCommand({
        TableName: table.tableName,
        Key: markerKey(table, claim.objectKey),
        ConditionExpression: '#state = :sending AND claimedAt = :claimedAt',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':sending': 'sending', ':claimedAt': claim.claimedAt },
      }),
    ),
  );
}

function markerKey(table: MeetingTable, objectKey: string) {
  return { pk: keys.forwardedMail(table.county), sk: keys.forwardedMailObject(objectKey) };
}
