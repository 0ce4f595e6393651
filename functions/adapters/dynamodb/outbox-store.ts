// The outbox: one item per notice. Pending items carry the county's OUTBOX#PENDING index key, so
// the dispatcher finds due work with one query; sent and superseded items drop out of the index
// (sparse) and expire by TTL. Items a person must look at move to OUTBOX#FAILED: those that failed
// for good, and those whose send has an unknown outcome (SES may or may not have taken them).
//
// Two clocks. What is due is decided by the caller's clock (the schedule's time, or `--now` on a
// local run), so a simulated morning sends that morning's notices. Leases, backoffs, sentAt and
// TTL are on the real clock (Date.now) whatever the caller's clock says: a lease protects a real
// send between real processes, and a simulated clock ahead of the real one must not break it.
import { randomUUID } from 'node:crypto';
import { PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import { noticeId, type Notice } from '../../core/notices/notice.ts';
import type { ToldMeeting } from '../../core/invitations/render-notice.ts';
import { keys } from './keys.ts';
import { queryEverything, transactIf, writeIf, type MeetingTable } from './meeting-table.ts';

export type OutboxStatus = 'pending' | 'sent' | 'failed' | 'unknown' | 'superseded';

export type OutboxItem = Notice & {
  pk: string;
  sk: string;
  status: OutboxStatus;
  attempts: number;
  /** Epoch seconds on the real clock: the end of a lease, or of a backoff. */
  leaseUntil?: number;
  leaseToken?: string;
  messageId?: string;
  sentAt?: string;
  lastError?: string;
  /**
   * A calendar message: the meeting as it told its person, with the SEQUENCE it carried, recorded
   * with the send. The next message to that person is written against it (core/notices/told-history).
   */
  told?: ToldMeeting;
};

/** An item this dispatcher holds the lease on. */
export type ClaimedItem = OutboxItem & Lease;

/** Attempts counts the claim that took the lease. */
export type Lease = { leaseToken: string; leaseUntil: number; attempts: number };

/** What an outcome write needs to know of the item it records. */
type Held = Pick<OutboxItem, 'pk' | 'sk'> & Lease;

/** One conditional update of one outbox item, run alone or inside a transaction. */
export type OutboxWrite = Required<Pick<UpdateCommandInput, 'TableName' | 'Key' | 'UpdateExpression' | 'ConditionExpression'>> &
  Pick<UpdateCommandInput, 'ExpressionAttributeNames' | 'ExpressionAttributeValues'>;

const keepSentDays = 400;
const realSeconds = () => Math.floor(Date.now() / 1000);

/** Queues a notice once. Returns false if it was already queued (by this or an earlier run). */
export async function queueNotice(table: MeetingTable, notice: Notice): Promise<boolean> {
  return writeIf(() => table.client.send(new PutCommand(queueNoticePut(table, notice))));
}

/** Queueing a notice as a conditional put, on its own or inside a transaction (the planner's). */
export function queueNoticePut(table: MeetingTable, notice: Notice) {
  const pk = notice.seriesId ? keys.outbox(table.county, notice.seriesId, notice.slotKey) : keys.chairDigests(table.county, notice.slotKey);
  const sk = noticeId(notice);
  return {
    TableName: table.tableName,
    Item: {
      ...notice,
      pk,
      sk,
      entity: 'outbox',
      status: 'pending',
      attempts: 0,
      gsi1pk: keys.pendingNotices(table.county),
      gsi1sk: `${notice.dueAt}#${pk}#${sk}`,
    },
    ConditionExpression: 'attribute_not_exists(pk)',
  };
}

export type OutboxPage = { items: OutboxItem[]; next?: Record<string, unknown> };

/**
 * One page of items due by `dueBy` (the caller's clock). Items leased by another dispatcher or
 * waiting out a backoff (on the real clock) are filtered out, and paging continues from where the
 * last page ended, so a crowd of retrying items at the head of the index cannot starve the ones
 * behind them. The index is eventually consistent: an item read here is only a candidate, and
 * every write that acts on it checks it is still as read.
 */
export async function duePending(table: MeetingTable, dueBy: Date, limit: number, startKey?: Record<string, unknown>): Promise<OutboxPage> {
  const page = await table.client.send(
    new QueryCommand({
      TableName: table.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pending AND gsi1sk <= :dueBy',
      FilterExpression: 'attribute_not_exists(leaseUntil) OR leaseUntil <= :nowSeconds',
      ExpressionAttributeValues: {
        ':pending': keys.pendingNotices(table.county),
        ':dueBy': `${dueBy.toISOString()}\uffff`,
        ':nowSeconds': realSeconds(),
      },
      Limit: limit,
      ExclusiveStartKey: startKey,
    }),
  );
  return { items: (page.Items ?? []) as OutboxItem[], ...(page.LastEvaluatedKey ? { next: page.LastEvaluatedKey } : {}) };
}

const itemKey = (item: Pick<OutboxItem, 'pk' | 'sk'>) => ({ pk: item.pk, sk: item.sk });

/**
 * The lease on an item, taken immediately before its send: pending, nobody's live lease on it, and
 * the attempt count it was read with (so an item changed since the page was read is left alone,
 * and the count after the claim is known without reading it back).
 */
export function claimWrite(
  table: MeetingTable,
  item: Pick<OutboxItem, 'pk' | 'sk' | 'attempts'>,
  leaseSeconds: number,
): { write: OutboxWrite; lease: Lease } {
  const now = realSeconds();
  const lease = { leaseToken: randomUUID(), leaseUntil: now + leaseSeconds, attempts: item.attempts + 1 };
  return {
    lease,
    write: {
      TableName: table.tableName,
      Key: itemKey(item),
      UpdateExpression: 'SET leaseUntil = :until, leaseToken = :token, attempts = :attempts',
      ConditionExpression: '#status = :pending AND attempts = :seen AND (attribute_not_exists(leaseUntil) OR leaseUntil <= :now)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':until': lease.leaseUntil,
        ':token': lease.leaseToken,
        ':attempts': lease.attempts,
        ':seen': item.attempts,
        ':pending': 'pending',
        ':now': now,
      },
    },
  };
}

/** Takes the lease with one UpdateItem. Undefined if the item is taken, changed or not due. */
export async function claim<T extends Pick<OutboxItem, 'pk' | 'sk' | 'attempts'>>(
  table: MeetingTable,
  item: T,
  leaseSeconds: number,
): Promise<(T & Lease) | undefined> {
  const { write, lease } = claimWrite(table, item, leaseSeconds);
  return (await claimAlone(table, write)) ? { ...item, ...lease } : undefined;
}

/**
 * Records what became of one item and claims the next in one request (TransactWriteItems), the
 * way a dispatcher moves from one send to the next. Each half that was refused is retried alone
 * when only the other half stopped it.
 */
export async function recordAndClaim(
  table: MeetingTable,
  outcome: OutboxWrite,
  next: OutboxItem,
  leaseSeconds: number,
): Promise<{ recorded: boolean; claimed?: ClaimedItem }> {
  const { write, lease } = claimWrite(table, next, leaseSeconds);
  const refusals = await transactIf(() =>
    table.client.send(new TransactWriteCommand({ TransactItems: [{ Update: outcome }, { Update: write }] })),
  );
  if (!refusals) return { recorded: true, claimed: { ...next, ...lease } };
  const [outcomeRefusal, claimRefusal] = refusals;
  // A condition that failed is final; a conflict or a cancellation caused by the other half is not.
  const recorded = outcomeRefusal === 'ConditionalCheckFailed' ? false : await record(table, outcome);
  const claimed = claimRefusal === 'None' && (await claimAlone(table, write)) ? { ...next, ...lease } : undefined;
  return { recorded, ...(claimed ? { claimed } : {}) };
}

async function claimAlone(table: MeetingTable, write: OutboxWrite): Promise<boolean> {
  try {
    return await writeIf(() => table.client.send(new UpdateCommand(write)));
  } catch (error) {
    // Another dispatcher's transaction holds the item at this moment: it is taking it.
    if ((error as { name?: string }).name === 'TransactionConflictException') return false;
    throw error;
  }
}

/**
 * Writes an outcome alone. False if its condition failed: the lease was lost (a dispatcher that
 * stalled past it), and whoever took the item over owns it. A transaction of another dispatcher
 * touching the item at the same moment (trying to claim it from a stale page) is waited out.
 */
export async function record(table: MeetingTable, outcome: OutboxWrite): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await writeIf(() => table.client.send(new UpdateCommand(outcome)));
    } catch (error) {
      if ((error as { name?: string }).name !== 'TransactionConflictException' || attempt >= 8) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10 * 2 ** attempt * Math.random()));
    }
  }
}

/** Outcome writes for an item this dispatcher holds: each applies only while the lease is its own. */
function heldWrite(table: MeetingTable, item: Held, update: string, values: Record<string, unknown>, names = {}): OutboxWrite {
  return {
    TableName: table.tableName,
    Key: itemKey(item),
    UpdateExpression: update,
    ConditionExpression: 'leaseToken = :token',
    ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
    ExpressionAttributeValues: { ...values, ':token': item.leaseToken },
  };
}

const finishedUpdate = (extra: string) =>
  `SET #status = :status, expiresAt = :expires${extra} REMOVE gsi1pk, gsi1sk, leaseToken, leaseUntil`;
const expires = () => realSeconds() + keepSentDays * 86_400;

export function sentWrite(table: MeetingTable, item: Held, messageId: string, told?: ToldMeeting): OutboxWrite {
  return heldWrite(
    table,
    item,
    finishedUpdate(`, messageId = :messageId, sentAt = :sentAt${told ? ', told = :told' : ''}`),
    {
      ':status': 'sent',
      ':expires': expires(),
      ':messageId': messageId,
      ':sentAt': new Date().toISOString(),
      ...(told ? { ':told': { ...told } } : {}),
    },
    { '#status': 'status' },
  );
}

/** Gives the item back for a later attempt: the lease doubles as "not before" for the backoff. */
export function retryWrite(table: MeetingTable, item: Held, retryAt: Date, reason: string): OutboxWrite {
  return heldWrite(table, item, 'SET leaseUntil = :retry, lastError = :reason REMOVE leaseToken', {
    ':retry': Math.floor(retryAt.getTime() / 1000),
    ':reason': reason,
  });
}

/** Gives the item back untried (the lease ran too short to send within it): not an attempt. */
export function untriedWrite(table: MeetingTable, item: Held): OutboxWrite {
  return heldWrite(table, item, 'SET attempts = :attempts REMOVE leaseToken, leaseUntil', { ':attempts': item.attempts - 1 });
}

/** Out of the pending index, into the one the secretariat reads, as `status`. */
function needsPersonWrite(table: MeetingTable, item: Held, status: 'failed' | 'unknown', reason: string): OutboxWrite {
  return heldWrite(
    table,
    item,
    'SET #status = :status, lastError = :reason, gsi1pk = :index, gsi1sk = :at REMOVE leaseToken, leaseUntil',
    {
      ':status': status,
      ':reason': reason,
      ':index': keys.failedNotices(table.county),
      ':at': `${new Date().toISOString()}#${item.pk}#${item.sk}`,
    },
    { '#status': 'status' },
  );
}

/** SES refused it, or kept failing past the attempts allowed. */
export function failedWrite(table: MeetingTable, item: Held, reason: string): OutboxWrite {
  return needsPersonWrite(table, item, 'failed', reason);
}

/** The request went out and no answer came: SES may have sent it. Never retried without a person. */
export function unknownWrite(table: MeetingTable, item: Held, reason: string): OutboxWrite {
  return needsPersonWrite(table, item, 'unknown', reason);
}

/** A notice for a meeting that has changed since: never sent. Decided before any lease is taken. */
export function supersededWrite(table: MeetingTable, item: OutboxItem): OutboxWrite {
  return {
    TableName: table.tableName,
    Key: itemKey(item),
    UpdateExpression: finishedUpdate(''),
    ConditionExpression: '#status = :pending AND attempts = :seen AND (attribute_not_exists(leaseUntil) OR leaseUntil <= :now)',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: {
      ':status': 'superseded',
      ':expires': expires(),
      ':pending': 'pending',
      ':seen': item.attempts,
      ':now': realSeconds(),
    },
  };
}

/** What the secretariat must look at: notices that failed for good, and those with an unknown outcome. */
export async function listFailed(table: MeetingTable): Promise<OutboxItem[]> {
  return (await queryEverything(table, {
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :failed',
    ExpressionAttributeValues: { ':failed': keys.failedNotices(table.county) },
  })) as OutboxItem[];
}

/** Every notice of one meeting, in any state: one query of the meeting's partition. */
export async function listOutbox(table: MeetingTable, seriesId: string, slotKey: string): Promise<OutboxItem[]> {
  return (await queryEverything(table, {
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.outbox(table.county, seriesId, slotKey) },
    ConsistentRead: true,
  })) as OutboxItem[];
}

/**
 * The secretariat's resend, due at `now` on their clock: a FAILED item after the cause is fixed (a
 * mailbox corrected, SES out of its sandbox), or an item whose outcome was unknown once they know
 * it did not arrive. The item itself goes back, so there is never a second item for one notice.
 */
export async function requeueFailed(table: MeetingTable, item: Pick<OutboxItem, 'pk' | 'sk'>, now: Date): Promise<boolean> {
  return writeIf(() => table.client.send(new UpdateCommand(requeueFailedWrite(table, item, now))));
}

/** The resend as one conditional update, for a transaction that records who asked for it beside it. */
export function requeueFailedWrite(table: MeetingTable, item: Pick<OutboxItem, 'pk' | 'sk'>, now: Date): OutboxWrite {
  return {
    TableName: table.tableName,
    Key: itemKey(item),
    UpdateExpression: 'SET #status = :pending, attempts = :zero, gsi1pk = :pendingIndex, gsi1sk = :due REMOVE leaseUntil, leaseToken',
    ConditionExpression: '#status IN (:failed, :unknown)',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: {
      ':pending': 'pending',
      ':zero': 0,
      ':pendingIndex': keys.pendingNotices(table.county),
      ':due': `${now.toISOString()}#${item.pk}#${item.sk}`,
      ':failed': 'failed',
      ':unknown': 'unknown',
    },
  };
}

/** Whether anything at all waits in the outbox, due now or later (in backoff, or leased). */
export async function hasPending(table: MeetingTable): Promise<boolean> {
  const page = await table.client.send(
    new QueryCommand({
      TableName: table.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pending',
      ExpressionAttributeValues: { ':pending': keys.pendingNotices(table.county) },
      Limit: 1,
    }),
  );
  return (page.Items ?? []).length > 0;
}
