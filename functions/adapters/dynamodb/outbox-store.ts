// The outbox: one item per notice. Pending items carry the county's OUTBOX#PENDING index key, so
// the dispatcher finds due work with one query; sent and superseded items drop out of the index
// (sparse) and expire by TTL, failed ones move to OUTBOX#FAILED where the secretariat sees them.
import { randomUUID } from 'node:crypto';
import { PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { noticeId, type Notice } from '../../core/notices/notice.ts';
import { keys } from './keys.ts';
import { isConditionFailure, queryEverything, writeIf, type MeetingTable } from './meeting-table.ts';

export type OutboxStatus = 'pending' | 'sent' | 'failed' | 'superseded';

export type OutboxItem = Notice & {
  pk: string;
  sk: string;
  status: OutboxStatus;
  attempts: number;
  leaseUntil?: number;
  leaseToken?: string;
  messageId?: string;
  sentAt?: string;
  lastError?: string;
};

const keepSentDays = 400;

/** Queues a notice once. Returns false if it was already queued (by this or an earlier run). */
export async function queueNotice(table: MeetingTable, notice: Notice): Promise<boolean> {
  const pk = keys.outbox(table.county, notice.seriesId, notice.slotKey);
  const sk = noticeId(notice);
  return writeIf(() =>
    table.client.send(
      new PutCommand({
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
      }),
    ),
  );
}

export type OutboxPage = { items: OutboxItem[]; next?: Record<string, unknown> };

/**
 * One page of due items. Items leased by another dispatcher or waiting out a backoff are filtered
 * out, and paging continues from where the last page ended, so a crowd of retrying items at the
 * head of the index cannot starve the ones behind them.
 */
export async function duePending(table: MeetingTable, now: Date, limit: number, startKey?: Record<string, unknown>): Promise<OutboxPage> {
  const page = await table.client.send(
    new QueryCommand({
      TableName: table.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pending AND gsi1sk <= :now',
      FilterExpression: 'attribute_not_exists(leaseUntil) OR leaseUntil <= :nowSeconds',
      ExpressionAttributeValues: {
        ':pending': keys.pendingNotices(table.county),
        ':now': `${now.toISOString()}\uffff`,
        ':nowSeconds': Math.floor(now.getTime() / 1000),
      },
      Limit: limit,
      ExclusiveStartKey: startKey,
    }),
  );
  return { items: (page.Items ?? []) as OutboxItem[], ...(page.LastEvaluatedKey ? { next: page.LastEvaluatedKey } : {}) };
}

/**
 * Takes a lease on an item so concurrent dispatchers never send it twice. A dispatcher that dies
 * holding a lease loses it when the lease expires, and the item is sent again: the one case in
 * which a notice may go out twice.
 */
export async function claim(
  table: MeetingTable,
  item: Pick<OutboxItem, 'pk' | 'sk'>,
  now: Date,
  leaseSeconds: number,
): Promise<OutboxItem | undefined> {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  try {
    const result = await table.client.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: { pk: item.pk, sk: item.sk },
        UpdateExpression: 'SET leaseUntil = :until, leaseToken = :token, attempts = attempts + :one',
        ConditionExpression: '#status = :pending AND (attribute_not_exists(leaseUntil) OR leaseUntil <= :now)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':until': nowSeconds + leaseSeconds,
          ':token': randomUUID(),
          ':one': 1,
          ':pending': 'pending',
          ':now': nowSeconds,
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return result.Attributes as OutboxItem;
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw error;
  }
}

export async function markSent(table: MeetingTable, item: OutboxItem, messageId: string, now: Date): Promise<boolean> {
  return finish(table, item, 'sent', now, { messageId, sentAt: now.toISOString() });
}

export async function markSuperseded(table: MeetingTable, item: OutboxItem, now: Date): Promise<boolean> {
  return finish(table, item, 'superseded', now, {});
}

/** Gives the item back for a later attempt: the lease doubles as "not before" for the backoff. */
/** Returns false if the lease was lost meanwhile: another dispatcher owns the item now. */
export async function release(table: MeetingTable, item: OutboxItem, retryAt: Date, reason: string): Promise<boolean> {
  return ownedUpdate(
    table,
    new UpdateCommand({
      TableName: table.tableName,
      Key: { pk: item.pk, sk: item.sk },
      UpdateExpression: 'SET leaseUntil = :retry, lastError = :reason REMOVE leaseToken',
      ConditionExpression: 'leaseToken = :token',
      ExpressionAttributeValues: { ':retry': Math.floor(retryAt.getTime() / 1000), ':reason': reason, ':token': item.leaseToken },
    }),
  );
}

async function ownedUpdate(table: MeetingTable, command: UpdateCommand): Promise<boolean> {
  return writeIf(() => table.client.send(command));
}

export async function markFailed(table: MeetingTable, item: OutboxItem, reason: string, now: Date): Promise<boolean> {
  return ownedUpdate(
    table,
    new UpdateCommand({
      TableName: table.tableName,
      Key: { pk: item.pk, sk: item.sk },
      UpdateExpression: 'SET #status = :failed, lastError = :reason, gsi1pk = :failedIndex, gsi1sk = :at REMOVE leaseToken, leaseUntil',
      ConditionExpression: 'leaseToken = :token',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':failed': 'failed',
        ':reason': reason,
        ':failedIndex': keys.failedNotices(table.county),
        ':at': `${now.toISOString()}#${item.pk}#${item.sk}`,
        ':token': item.leaseToken,
      },
    }),
  );
}

export async function listFailed(table: MeetingTable): Promise<OutboxItem[]> {
  return (await queryEverything(table, {
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :failed',
    ExpressionAttributeValues: { ':failed': keys.failedNotices(table.county) },
  })) as OutboxItem[];
}

async function finish(
  table: MeetingTable,
  item: OutboxItem,
  status: OutboxStatus,
  now: Date,
  extra: Record<string, string>,
): Promise<boolean> {
  const names = Object.keys(extra);
  return ownedUpdate(
    table,
    new UpdateCommand({
      TableName: table.tableName,
      Key: { pk: item.pk, sk: item.sk },
      UpdateExpression: `SET #status = :status, expiresAt = :expires${names.map((n) => `, ${n} = :${n}`).join('')} REMOVE gsi1pk, gsi1sk, leaseToken, leaseUntil`,
      ConditionExpression: 'leaseToken = :token',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':status': status,
        ':expires': Math.floor(now.getTime() / 1000) + keepSentDays * 86_400,
        ':token': item.leaseToken,
        ...Object.fromEntries(names.map((n) => [`:${n}`, extra[n]])),
      },
    }),
  );
}

export async function listOutbox(table: MeetingTable, seriesId: string, slotKey: string): Promise<OutboxItem[]> {
  return (await queryEverything(table, {
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.outbox(table.county, seriesId, slotKey) },
    ConsistentRead: true,
  })) as OutboxItem[];
}

/** After the cause is fixed (a mailbox corrected, SES out of its sandbox): try a FAILED item again. */
export async function requeueFailed(table: MeetingTable, item: Pick<OutboxItem, 'pk' | 'sk'>, now: Date): Promise<boolean> {
  return writeIf(() =>
    table.client.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: { pk: item.pk, sk: item.sk },
        UpdateExpression: 'SET #status = :pending, attempts = :zero, gsi1pk = :pendingIndex, gsi1sk = :due REMOVE leaseUntil, leaseToken',
        ConditionExpression: '#status = :failed',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':pending': 'pending',
          ':zero': 0,
          ':pendingIndex': keys.pendingNotices(table.county),
          ':due': `${now.toISOString()}#${item.pk}#${item.sk}`,
          ':failed': 'failed',
        },
      }),
    ),
  );
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
