// Each unit's calendar feed (keys.feeds, sk UNIT#<unit>): the SHA-256 of its secret, never the
// secret, and a generation that goes up with every issue, rotation and revocation. A change is one
// transaction with its audit record (keys.feedsAudit), conditional on the generation it was decided
// from: two officers rotating at once cannot both believe their URL is the one that works, and no
// change is ever made without its record.
import { randomUUID } from 'node:crypto';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { MinutesActor } from '../../core/minutes/minutes-record.ts';
import { keys, withoutKeys } from './keys.ts';
import { queryPartition, writeIf, type MeetingTable } from './meeting-table.ts';

export type UnitFeed = {
  unitId: string;
  /** Hex SHA-256 of the secret in the URL; undefined once revoked. */
  secretHash?: string;
  /** Up by one on every change: the condition of the next change. */
  generation: number;
  issuedAt?: string;
  revokedAt?: string;
  updatedAt: string;
};

export type FeedAction = 'issue-feed' | 'rotate-feed' | 'revoke-feed';

/** Who changed which unit's feed, and when. */
export type FeedAuditRecord = {
  at: string;
  unitId: string;
  action: FeedAction;
  actor: Extract<MinutesActor, { kind: 'secretariat' }>;
  /** The generation the change made. */
  generation: number;
};

export async function getUnitFeed(table: MeetingTable, unitId: string): Promise<UnitFeed | undefined> {
  const { Item } = await table.client.send(
    new GetCommand({ TableName: table.tableName, Key: { pk: keys.feeds(table.county), sk: keys.feed(unitId) }, ConsistentRead: true }),
  );
  return Item ? (withoutKeys(Item) as UnitFeed) : undefined;
}

export async function listUnitFeeds(table: MeetingTable): Promise<UnitFeed[]> {
  return (await queryPartition(table, keys.feeds(table.county))).map((item) => withoutKeys(item) as UnitFeed);
}

/**
 * Stores the feed's new state and its audit record together, if the feed is still at the generation
 * the change was computed from (none: `previousGeneration` 0). False when someone changed it first.
 */
export async function saveUnitFeed(
  table: MeetingTable,
  feed: UnitFeed,
  previousGeneration: number,
  audit: FeedAuditRecord,
): Promise<boolean> {
  return writeIf(() =>
    table.client.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: table.tableName,
              Item: { pk: keys.feeds(table.county), sk: keys.feed(feed.unitId), entity: 'unit-feed', ...feed },
              ...(previousGeneration === 0
                ? { ConditionExpression: 'attribute_not_exists(pk)' }
                : {
                    ConditionExpression: '#generation = :previous',
                    ExpressionAttributeNames: { '#generation': 'generation' },
                    ExpressionAttributeValues: { ':previous': previousGeneration },
                  }),
            },
          },
          {
            Put: {
              TableName: table.tableName,
              Item: { pk: keys.feedsAudit(table.county), sk: keys.auditEntry(audit.at, randomUUID()), entity: 'audit', ...audit },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ],
      }),
    ),
  );
}

export async function listFeedAudit(table: MeetingTable): Promise<FeedAuditRecord[]> {
  return (await queryPartition(table, keys.feedsAudit(table.county))).map((item) => withoutKeys(item) as FeedAuditRecord);
}
