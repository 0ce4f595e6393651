// Overrides sit beside their occurrence in the series partition (sk OVR#slot): one query reads a
// series' occurrences and overrides together.
//
// Two officers may change the same meeting at once, so an override carries a version and is only
// replaced at the version it was read at: the second writer is refused instead of silently undoing
// the first. Overrides written before versions existed read as version 0.
import { PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { OccurrenceOverride } from '../../core/planning/override.ts';
import { keys, withoutKeys } from './keys.ts';
import { queryPartition, writeIf, type MeetingTable } from './meeting-table.ts';
import type { TransactAction } from './occurrence-store.ts';

/** An override as stored, with the version a conditional write must name. */
export type VersionedOverride = { override: OccurrenceOverride; version: number };

/**
 * Replace (or create, when `expectedVersion` is undefined) an override, if still at that version.
 * `auditId` names the secretariat's audit record of the change (secretariat-action-store.ts), so
 * the override leads back to who made it, when, why and who was told.
 */
export type OverrideWrite = { override: OccurrenceOverride; expectedVersion: number | undefined; auditId?: string };

/** What the planner needs: the overrides of one series, without storage details. */
export async function listOverrides(table: MeetingTable, seriesId: string): Promise<OccurrenceOverride[]> {
  return (await readOverrides(table, seriesId)).map((stored) => stored.override);
}

export async function readOverrides(table: MeetingTable, seriesId: string): Promise<VersionedOverride[]> {
  const items = await queryPartition(table, keys.series(table.county, seriesId), keys.overridePrefix);
  return items.map(overrideFromItem);
}

/** An override item as the core sees it, and its version; for anyone reading the series partition. */
export function overrideFromItem(item: Record<string, unknown>): VersionedOverride {
  const { version, auditId: _auditId, ...override } = withoutKeys(item);
  return { override: override as OccurrenceOverride, version: typeof version === 'number' ? version : 0 };
}

/**
 * Writes the overrides all or nothing: one conditional put, or one transaction for several (a chair
 * swap changes two meetings, and half a swap would give one unit two turns), with `also` (the audit
 * record of the change) in the same transaction. Returns false when any of them is no longer at the
 * version it was read at, or appeared meanwhile: nothing was written.
 */
export async function saveOverrides(
  table: MeetingTable,
  writes: readonly OverrideWrite[],
  also: readonly TransactAction[] = [],
): Promise<boolean> {
  const puts = writes.map((write) => conditionalPut(table, write));
  if (puts.length === 0) return true;
  if (puts.length === 1 && also.length === 0)
    return writeIf(() => table.client.send(new PutCommand({ TableName: table.tableName, ...puts[0]! })));
  return writeIf(() =>
    table.client.send(
      new TransactWriteCommand({
        TransactItems: [...puts.map((put) => ({ Put: { TableName: table.tableName, ...put } })), ...also],
      }),
    ),
  );
}

function conditionalPut(table: MeetingTable, { override, expectedVersion, auditId }: OverrideWrite) {
  const Item = {
    pk: keys.series(table.county, override.seriesId),
    sk: keys.override(override.slotKey),
    entity: 'override',
    ...override,
    ...(auditId ? { auditId } : {}),
    version: (expectedVersion ?? 0) + 1,
  };
  if (expectedVersion === undefined) return { Item, ConditionExpression: 'attribute_not_exists(pk)' };
  if (expectedVersion === 0)
    return {
      Item,
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#version)',
      ExpressionAttributeNames: { '#version': 'version' },
    };
  return {
    Item,
    ConditionExpression: '#version = :expected',
    ExpressionAttributeNames: { '#version': 'version' },
    ExpressionAttributeValues: { ':expected': expectedVersion },
  };
}
