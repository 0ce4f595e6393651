// Counts the DynamoDB requests a client sends, by command, with a middleware in the deserialize
// step (below the SDK's retries: every HTTP request is counted). Behaviour, not timing: "a
// steady-state planning pass writes nothing" is a count of write requests.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export const writeCommands = new Set([
  'PutItemCommand',
  'UpdateItemCommand',
  'DeleteItemCommand',
  'BatchWriteItemCommand',
  'TransactWriteItemsCommand',
]);

export type RequestCounter = {
  byCommand: () => Record<string, number>;
  reads: () => number;
  writes: () => number;
  reset: () => void;
};

/**
 * Counts every request `client` sends from now on. `fault`, if given, sees each request first and
 * may throw, to stand for a process that dies at that point.
 */
export function countRequests(
  client: DynamoDBDocumentClient,
  fault?: (command: string, input: Record<string, unknown>) => void,
): RequestCounter {
  const counts = new Map<string, number>();
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = context.commandName ?? 'unknown';
      fault?.(name, (args as { input?: Record<string, unknown> }).input ?? {});
      counts.set(name, (counts.get(name) ?? 0) + 1);
      return next(args);
    },
    { step: 'deserialize', name: `countRequests${Math.random().toString(36).slice(2)}` },
  );
  const total = (filter: (name: string) => boolean) => [...counts].filter(([name]) => filter(name)).reduce((sum, [, n]) => sum + n, 0);
  return {
    byCommand: () => Object.fromEntries([...counts].sort()),
    reads: () => total((name) => !writeCommands.has(name)),
    writes: () => total((name) => writeCommands.has(name)),
    reset: () => counts.clear(),
  };
}
