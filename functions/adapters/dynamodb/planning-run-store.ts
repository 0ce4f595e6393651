// The county's last planning run (keys.planning, sk RUN): the moment the planner's clock has
// reached. It only moves forward, and a run earlier than it is refused (core/planning/planning-clock).
// A run that changes nothing does not write it, so a steady-state pass stays free of writes.
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { Temporal } from '../../core/calendar/local-date.ts';
import { keys } from './keys.ts';
import { writeIf, type MeetingTable } from './meeting-table.ts';
import type { TransactAction } from './occurrence-store.ts';

const runKey = (table: MeetingTable) => ({ pk: keys.planning(table.county), sk: keys.planningRun });

export async function lastPlanningRun(table: MeetingTable): Promise<Temporal.Instant | undefined> {
  const { Item } = await table.client.send(new GetCommand({ TableName: table.tableName, Key: runKey(table), ConsistentRead: true }));
  return typeof Item?.lastRunAt === 'string' ? Temporal.Instant.from(Item.lastRunAt) : undefined;
}

/**
 * Moves the record to `now`, unless a run at a later moment got there first: then this run is the
 * earlier one, and returns false before writing anything else.
 */
export async function advancePlanningRun(table: MeetingTable, now: Temporal.Instant): Promise<boolean> {
  return writeIf(() => table.client.send(new PutCommand(advancePlanningRunAction(table, now).Put!)));
}

/** The same, as a transaction action: a first plan's claims go with it (first-plan-claims.ts). */
export function advancePlanningRunAction(table: MeetingTable, now: Temporal.Instant): TransactAction {
  return {
    Put: {
      TableName: table.tableName,
      Item: { ...runKey(table), entity: 'planning-run', lastRunAt: now.toString(), lastRunEpochMs: now.epochMilliseconds },
      ConditionExpression: 'attribute_not_exists(pk) OR lastRunEpochMs <= :now',
      ExpressionAttributeValues: { ':now': now.epochMilliseconds },
    },
  };
}
