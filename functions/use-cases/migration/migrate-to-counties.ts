// Moves a table written by the single-county version into the county-keyed layout, for one county:
// every old item is copied to its new key (legacy-keys.ts), every copy is read back and compared,
// and only when all of them match are the old items deleted. Nothing is ever overwritten: a new
// key that already holds a different item is a conflict, reported, and stops the deletion.
//
// Idempotent: a second run finds no single-county item and changes nothing; a run that stopped
// halfway (after some copies, before the deletions) is finished by the next one, since a copy
// already in place counts as done when it is identical.
//
// The caller makes sure nothing else writes the table meanwhile (the schedules are disabled, npm
// start is not running): a planner run on the new layout before the migration would see no
// meetings and create them again.
import { isDeepStrictEqual } from 'node:util';
import {
  BatchWriteItemCommand,
  GetItemCommand,
  PutItemCommand,
  ScanCommand,
  type AttributeValue,
  type ScanCommandOutput,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import type { TableConnection } from '../../adapters/dynamodb/meeting-table.ts';
import { isConditionFailure } from '../../adapters/dynamodb/meeting-table.ts';
import type { CountyId } from '../../adapters/dynamodb/keys.ts';
import { placeLegacyItem, type ItemKey, type LegacyDecision, type RawItem } from './legacy-keys.ts';

export type MigrationReport = {
  county: CountyId;
  /** Items in the table before the run. */
  scanned: number;
  /** Copies this run wrote. */
  copied: number;
  /** Copies an earlier, interrupted run had written already (identical). */
  alreadyCopied: number;
  /** Old items deleted, each after its copy was read back identical. */
  deleted: number;
  /** Items left as they are: national office-calendar years, and items already county-keyed. */
  national: number;
  countyKeyed: number;
};

/** The migration stopped before deleting anything; the message says why, in zh-TW. */
export class MigrationError extends Error {
  constructor(
    message: string,
    readonly keys: ItemKey[] = [],
  ) {
    super(keys.length > 0 ? `${message}\n${keys.map((k) => `  - pk=${k.pk} sk=${k.sk}`).join('\n')}` : message);
    this.name = 'MigrationError';
  }
}

/** Parallel single-item requests: enough to be quick on a few thousand items, gentle on capacity. */
const parallelism = 8;

export async function migrateToCounties(table: TableConnection, county: CountyId): Promise<MigrationReport> {
  const items = await scanEverything(table);
  const decisions = items.map((item) => placeLegacyItem(item, county));
  const unknown = decisions.flatMap((d) => (d.kind === 'unknown' ? [d.key] : []));
  if (unknown.length > 0)
    throw new MigrationError(`資料表中有 ${unknown.length} 筆不認得的項目，無法判斷該搬到哪裡；什麼都沒有改動：`, unknown);
  const moves = decisions.filter((d): d is Extract<LegacyDecision, { kind: 'move' }> => d.kind === 'move');
  const report: MigrationReport = {
    county,
    scanned: items.length,
    copied: 0,
    alreadyCopied: 0,
    deleted: 0,
    national: decisions.filter((d) => d.kind === 'keep' && d.why === 'national').length,
    countyKeyed: decisions.filter((d) => d.kind === 'keep' && d.why === 'county-keyed').length,
  };
  if (moves.length === 0) return report;

  // 1. Copy, never over something else.
  const conflicts: ItemKey[] = [];
  await inParallel(moves, async (move) => {
    if (await putIfAbsent(table, move.item)) report.copied++;
    else if (isDeepStrictEqual(await getItem(table, move.to), move.item)) report.alreadyCopied++;
    else conflicts.push(move.to);
  });
  if (conflicts.length > 0)
    throw new MigrationError(
      `有 ${conflicts.length} 個新位置已經有不同的資料（新版本在遷移前就寫過這張表？），舊資料一筆都沒有刪除；請先查明：`,
      conflicts,
    );

  // 2. Verify every copy by reading it back.
  const mismatched: ItemKey[] = [];
  await inParallel(moves, async (move) => {
    if (!isDeepStrictEqual(await getItem(table, move.to), move.item)) mismatched.push(move.to);
  });
  if (mismatched.length > 0)
    throw new MigrationError(`有 ${mismatched.length} 筆複本讀回來與原資料不同，舊資料一筆都沒有刪除：`, mismatched);

  // 3. Only now: remove the single-county items.
  for (let start = 0; start < moves.length; start += 25) {
    const batch = moves.slice(start, start + 25);
    await deleteAll(
      table,
      batch.map((move) => ({ DeleteRequest: { Key: { pk: { S: move.from.pk }, sk: { S: move.from.sk } } } })),
    );
    report.deleted += batch.length;
  }
  return report;
}

async function scanEverything(table: TableConnection): Promise<RawItem[]> {
  const items: RawItem[] = [];
  let startKey: ScanCommandOutput['LastEvaluatedKey'];
  do {
    const page = await table.client.send(
      new ScanCommand({ TableName: table.tableName, ConsistentRead: true, ExclusiveStartKey: startKey }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

async function putIfAbsent(table: TableConnection, item: RawItem): Promise<boolean> {
  try {
    await table.client.send(
      new PutItemCommand({ TableName: table.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

async function getItem(table: TableConnection, key: ItemKey): Promise<Record<string, AttributeValue> | undefined> {
  const { Item } = await table.client.send(
    new GetItemCommand({ TableName: table.tableName, Key: { pk: { S: key.pk }, sk: { S: key.sk } }, ConsistentRead: true }),
  );
  return Item;
}

/** BatchWriteItem may leave some requests unprocessed under load: those are sent again, with a pause. */
async function deleteAll(table: TableConnection, requests: WriteRequest[]): Promise<void> {
  let pending = requests;
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt > 0) await new Promise((done) => setTimeout(done, Math.min(100 * 2 ** attempt, 5_000)));
    const result = await table.client.send(new BatchWriteItemCommand({ RequestItems: { [table.tableName]: pending } }));
    pending = result.UnprocessedItems?.[table.tableName] ?? [];
  }
}

async function inParallel<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(parallelism, items.length) }, worker));
}
