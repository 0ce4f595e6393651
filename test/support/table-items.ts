// Every item of a test's table, in key order: a refused request must leave all of them as they were,
// not only the ones it was about.
import { ScanCommand, type ScanCommandOutput } from '@aws-sdk/lib-dynamodb';
import type { MeetingTable } from '../../functions/adapters/dynamodb/meeting-table.ts';

export async function tableItems(table: MeetingTable): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: ScanCommandOutput['LastEvaluatedKey'];
  do {
    const page = await table.client.send(
      new ScanCommand({ TableName: table.tableName, ConsistentRead: true, ExclusiveStartKey: startKey }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items.sort((a, b) => `${String(a.pk)}|${String(a.sk)}`.localeCompare(`${String(b.pk)}|${String(b.sk)}`));
}
