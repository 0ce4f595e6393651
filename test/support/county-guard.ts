// Tenancy proof: a DynamoDB client that refuses, before the request leaves, any key outside the
// acting county's prefix (C#<county>#). The national office calendar is the only partition without
// a county that a county's code may read. A Scan is refused outright: no production path scans.
import type { MeetingTable } from '../../functions/adapters/dynamodb/meeting-table.ts';
import { documentClient } from '../../functions/adapters/dynamodb/meeting-table.ts';
import { countyPrefix, keys } from '../../functions/adapters/dynamodb/keys.ts';

type Input = Record<string, unknown> & {
  Key?: Record<string, unknown>;
  Item?: Record<string, unknown>;
  KeyConditionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
  TransactItems?: Array<Record<string, Input>>;
  RequestItems?: Record<
    string,
    Array<Record<string, { Item?: Record<string, unknown>; Key?: Record<string, unknown> }>> | { Keys?: Array<Record<string, unknown>> }
  >;
};

/** Commands (and transaction parts) that name exactly one item by its key. */
const singleItem = new Set([
  'GetCommand',
  'PutCommand',
  'UpdateCommand',
  'DeleteCommand',
  'Get',
  'Put',
  'Update',
  'Delete',
  'ConditionCheck',
]);

/**
 * Every partition or index key a command names. The guard fails closed: a command whose key it
 * cannot read (a Scan, a key condition it does not understand, an item without a pk) is named by a
 * marker no county's prefix matches, so a new access pattern is refused until the guard learns it.
 */
export function keysNamedBy(commandName: string, input: Input): string[] {
  if (commandName === 'ScanCommand') return ['<scan>'];
  const named: unknown[] = [input.Key?.pk, input.Item?.pk, input.Item?.gsi1pk];
  if (singleItem.has(commandName.replace(/ItemCommand$/, 'Command')) && input.Key?.pk === undefined && input.Item?.pk === undefined)
    named.push(`<${commandName} without a pk>`);
  if (commandName.startsWith('Query') && !input.KeyConditionExpression) named.push('<query without a key condition>');
  if (input.KeyConditionExpression) {
    const names = input.ExpressionAttributeNames ?? {};
    const condition = input.KeyConditionExpression.replace(/#\w+/g, (name) => names[name] ?? name);
    const partitions = [...condition.matchAll(/\b(gsi1pk|pk)\s*=\s*(:\w+)/g)];
    if (partitions.length === 0) named.push(`<key condition ${input.KeyConditionExpression}>`);
    for (const [, , placeholder] of partitions) named.push(input.ExpressionAttributeValues?.[placeholder!] ?? `<${placeholder} unset>`);
  }
  // Index keys set by an update (SET gsi1pk = :x) must stay in the county too.
  for (const value of Object.values(input.ExpressionAttributeValues ?? {}))
    if (typeof value === 'string' && value.startsWith('C#')) named.push(value);
  for (const item of input.TransactItems ?? []) for (const [kind, inner] of Object.entries(item)) named.push(...keysNamedBy(kind, inner));
  for (const requests of Object.values(input.RequestItems ?? {})) {
    if (Array.isArray(requests)) {
      for (const request of requests)
        for (const inner of Object.values(request)) named.push(inner.Item?.pk ?? inner.Key?.pk ?? '<batch request without a pk>');
    } else {
      for (const key of requests.Keys ?? []) named.push(key.pk ?? '<batch key without a pk>');
    }
  }
  return [...new Set(named.filter((k): k is string => typeof k === 'string'))];
}

/** A copy of `table` whose client throws on any key of another county. */
export function countyGuarded(table: MeetingTable, endpoint: string): MeetingTable & { violations: string[] } {
  const client = documentClient(endpoint);
  const violations: string[] = [];
  const allowed = (key: string) => key.startsWith(countyPrefix(table.county)) || key === keys.calendar;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const named = keysNamedBy(context.commandName ?? '', args.input as Input);
      const outside = named.filter((key) => !allowed(key));
      if (outside.length > 0) {
        violations.push(...outside);
        throw new Error(`county guard: ${table.county} named ${outside.join(', ')} in ${context.commandName}`);
      }
      return next(args);
    },
    { step: 'initialize', name: 'countyGuard' },
  );
  return { ...table, client, violations };
}
