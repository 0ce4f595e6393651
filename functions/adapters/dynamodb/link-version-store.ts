// Per-contact version of the links we mail (minutes links carry it in their signed token). The
// secretariat raises a contact's version to revoke every link issued to them before: a lost phone,
// a forwarded e-mail, someone who changed jobs. All versions share one small partition per county
// so the dispatcher can load them in one query and sign links without a read per message.
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from './keys.ts';
import { queryPartition, type MeetingTable } from './meeting-table.ts';

export type LinkVersions = ReadonlyMap<string, number>;

const linkKey = (table: MeetingTable, contactId: string) => ({ pk: keys.links(table.county), sk: keys.linkVersion(contactId) });

/** A contact nobody has revoked is at version 0. */
export async function getLinkVersion(table: MeetingTable, contactId: string): Promise<number> {
  const { Item } = await table.client.send(
    new GetCommand({ TableName: table.tableName, Key: linkKey(table, contactId), ConsistentRead: true }),
  );
  return typeof Item?.version === 'number' ? Item.version : 0;
}

export async function loadLinkVersions(table: MeetingTable): Promise<LinkVersions> {
  const items = await queryPartition(table, keys.links(table.county), keys.linkVersionPrefix);
  return new Map(items.map((item) => [String(item.contactId), Number(item.version)]));
}

/** Raises the contact's version by one and returns it: every link issued before stops working. */
export async function revokeLinks(table: MeetingTable, contactId: string, by: string, at: string): Promise<number> {
  const result = await table.client.send(
    new UpdateCommand({
      TableName: table.tableName,
      Key: linkKey(table, contactId),
      UpdateExpression: 'SET contactId = :contact, entity = :entity, revokedAt = :at, revokedBy = :by ADD version :one',
      ExpressionAttributeValues: { ':contact': contactId, ':entity': 'link-version', ':at': at, ':by': by, ':one': 1 },
      ReturnValues: 'ALL_NEW',
    }),
  );
  return Number(result.Attributes?.version);
}
