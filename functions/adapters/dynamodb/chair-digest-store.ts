// Chair-change digests in the outbox (keys.chairDigests): one pending item per person per day,
// which the dispatcher sends like any notice. Two ways in, each a transaction action that goes
// with the told-marks of the meetings it lists (occurrence-store's chairChangeToldAction):
// - the day's first digest: created, refused if that person's digest of the day already exists
//   (it is due at once and may be on its way);
// - a later day's digest, not yet due: created or extended with more meetings. It is not due, so
//   no dispatcher can be sending it while it grows.
import type { ChairDigest } from '../../core/notices/chair-change-digest.ts';
import { noticeTime } from '../../core/notices/notice.ts';
import type { Temporal } from '../../core/calendar/local-date.ts';
import type { MeetingTable } from './meeting-table.ts';
import type { TransactAction } from './occurrence-store.ts';
import { queueNoticePut } from './outbox-store.ts';

export function newDigestAction(table: MeetingTable, digest: ChairDigest): TransactAction {
  return { Put: queueNoticePut(table, digest) };
}

export function extendDigestAction(table: MeetingTable, digest: ChairDigest, now: Temporal.Instant): TransactAction {
  const { Item } = queueNoticePut(table, digest);
  const { pk, sk, chairChanges, ...fields } = Item;
  const names: Record<string, string> = { '#status': 'status', '#entries': 'chairChanges', '#dueAt': 'dueAt' };
  const values: Record<string, unknown> = { ':pending': 'pending', ':now': noticeTime(now), ':none': [], ':entries': chairChanges };
  const sets = ['#entries = list_append(if_not_exists(#entries, :none), :entries)'];
  Object.entries(fields).forEach(([name, value], i) => {
    names[`#f${i}`] = name;
    values[`:f${i}`] = value;
    sets.push(`#f${i} = if_not_exists(#f${i}, :f${i})`);
  });
  return {
    Update: {
      TableName: table.tableName,
      Key: { pk, sk },
      UpdateExpression: `SET ${sets.join(', ')}`,
      ConditionExpression: 'attribute_not_exists(pk) OR (#status = :pending AND #dueAt > :now)',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}
