// The secretariat's audit trail in the one table (keys.ts). A task that changes meetings is kept in
// each meeting's audit partition (keys.meetingAudit), beside the minutes' audit records, so the
// meeting's history is one query; a county-wide task (a closure, a calendar import, a contact) in
// the county's secretariat-actions partition first, and in each meeting it moved. Exactly one copy
// of each task carries the sparse index key (keys.secretariatActionIndex), so the whole trail is
// one query too, in time order.
//
// Two records per task, both only ever put: the change, written with the change itself (the same
// transaction where the task's write is one), and who was told, written after the notices were
// queued. Its sort key is the change's with `#told` after it, so it reads right behind it.
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { MeetingRef, SecretariatAction, ToldPerson } from '../../core/audit/secretariat-action.ts';
import { keys, withoutKeys } from './keys.ts';
import { queryEverything, queryPartition, type MeetingTable } from './meeting-table.ts';
import type { TransactAction } from './occurrence-store.ts';

const changeEntity = 'secretariat-action';
const toldEntity = 'secretariat-action-told';
const toldSuffix = '#told';

/** A transaction holds 100 writes: a change that ripples through more meetings is listed in its record, not copied to each. */
export const maxAuditedMeetings = 40;

/** The partitions a task is kept in: the county's for a county-wide one, then each meeting's. */
function partitions(table: MeetingTable, action: Pick<SecretariatAction, 'scope' | 'meetings'>): string[] {
  const meetings = action.meetings.slice(0, maxAuditedMeetings).map((m) => keys.meetingAudit(table.county, m.seriesId, m.slotKey));
  const county = action.scope === 'county' || meetings.length === 0 ? [keys.secretariatActions(table.county)] : [];
  return [...new Set([...county, ...meetings])];
}

function items(table: MeetingTable, action: SecretariatAction, entity: string, body: Record<string, unknown>, suffix = '') {
  const sk = `${keys.auditEntry(action.at, action.id)}${suffix}`;
  return partitions(table, action).map((pk, i) => ({
    pk,
    sk,
    entity,
    ...body,
    ...(i === 0 ? { gsi1pk: keys.secretariatActionIndex(table.county), gsi1sk: sk } : {}),
  }));
}

/** The change record as puts that never overwrite, for the transaction that makes the change. */
export function actionPuts(table: MeetingTable, action: SecretariatAction): TransactAction[] {
  const { told: _told, ...change } = action;
  return items(table, action, changeEntity, change).map((Item) => ({
    Put: { TableName: table.tableName, Item, ConditionExpression: 'attribute_not_exists(pk)' },
  }));
}

/** The change record on its own, for a task whose write cannot share a transaction with it. */
export async function recordAction(table: MeetingTable, action: SecretariatAction): Promise<void> {
  const { told: _told, ...change } = action;
  await putAll(table, items(table, action, changeEntity, change));
}

/** Who the task told, after the notices were queued. Nothing is written when nobody was. */
export async function recordTold(table: MeetingTable, action: SecretariatAction, told: readonly ToldPerson[]): Promise<void> {
  if (told.length === 0) return;
  await putAll(table, items(table, action, toldEntity, { id: action.id, at: action.at, told }, toldSuffix));
}

async function putAll(table: MeetingTable, all: Array<Record<string, unknown>>): Promise<void> {
  // A new uuid in every key: a put cannot replace anything, so a batch (without conditions) is safe.
  for (let i = 0; i < all.length; i += 25) {
    let request: Record<string, Array<{ PutRequest: { Item: Record<string, unknown> } }>> | undefined = {
      [table.tableName]: all.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })),
    };
    for (let attempt = 0; request && Object.keys(request).length > 0; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** Math.min(attempt, 6)));
      const result = await table.client.send(new BatchWriteCommand({ RequestItems: request }));
      request = result.UnprocessedItems as typeof request;
    }
  }
}

/** One meeting's secretariat tasks, oldest first, each with who it told. */
export async function listMeetingActions(table: MeetingTable, meeting: MeetingRef): Promise<SecretariatAction[]> {
  return merge(await queryPartition(table, keys.meetingAudit(table.county, meeting.seriesId, meeting.slotKey)));
}

/** Every secretariat task of the county, oldest first; `since` (an ISO instant) keeps the later ones. */
export async function listActions(table: MeetingTable, since?: string): Promise<SecretariatAction[]> {
  return merge(
    await queryEverything(table, {
      IndexName: 'gsi1',
      KeyConditionExpression: since ? 'gsi1pk = :pk AND gsi1sk >= :since' : 'gsi1pk = :pk',
      ExpressionAttributeValues: since
        ? { ':pk': keys.secretariatActionIndex(table.county), ':since': since }
        : { ':pk': keys.secretariatActionIndex(table.county) },
    }),
  );
}

/** Change records with their told records joined on; other items of the partition (minutes audit) are left out. */
function merge(found: ReadonlyArray<Record<string, unknown>>): SecretariatAction[] {
  const told = new Map<string, ToldPerson[]>();
  for (const item of found) if (item.entity === toldEntity) told.set(String(item.id), item.told as ToldPerson[]);
  return found
    .filter((item) => item.entity === changeEntity)
    .map((item) => {
      const action = withoutKeys(item) as SecretariatAction;
      return { ...action, told: told.get(action.id) ?? [] };
    })
    .sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
}
