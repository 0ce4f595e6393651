// The tenancy tests' guard reads the keys out of every DynamoDB command, and fails closed: what it
// cannot read is named by a marker that no county's prefix matches, so it is refused.
import { describe, expect, it } from 'vitest';
import { keysNamedBy } from '../../support/county-guard.ts';

const A = 'C#chiayi-county#SERIES#child-protection-case-conference';
const B = 'C#tainan-city#ROSTER';

describe('keysNamedBy', () => {
  it.each([
    ['GetItemCommand', { Key: { pk: A, sk: 'OCC#2026-03' } }, [A]],
    ['PutItemCommand', { Item: { pk: A, sk: 'x', gsi1pk: B } }, [A, B]],
    [
      'QueryCommand',
      { KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)', ExpressionAttributeValues: { ':pk': A, ':p': 'OCC#' } },
      [A],
    ],
    [
      'QueryCommand',
      { KeyConditionExpression: '#k = :v', ExpressionAttributeNames: { '#k': 'gsi1pk' }, ExpressionAttributeValues: { ':v': B } },
      [B],
    ],
    // An update that moves an item onto another county's index.
    ['UpdateItemCommand', { Key: { pk: A, sk: 'x' }, UpdateExpression: 'SET gsi1pk = :g', ExpressionAttributeValues: { ':g': B } }, [A, B]],
    ['TransactWriteItemsCommand', { TransactItems: [{ Put: { Item: { pk: A } } }, { ConditionCheck: { Key: { pk: B } } }] }, [A, B]],
    [
      'BatchWriteItemCommand',
      { RequestItems: { t: [{ PutRequest: { Item: { pk: A } } }, { DeleteRequest: { Key: { pk: B } } }] } },
      [A, B],
    ],
    ['BatchGetItemCommand', { RequestItems: { t: { Keys: [{ pk: A }, { pk: B }] } } }, [A, B]],
  ])('%s names its keys', (command, input, expected) => {
    expect(keysNamedBy(command, input as never).sort()).toEqual([...expected].sort());
  });

  it.each([
    ['ScanCommand', {}, '<scan>'],
    ['GetItemCommand', { Key: { id: 'x' } }, '<GetItemCommand without a pk>'],
    ['QueryCommand', { IndexName: 'gsi1' }, '<query without a key condition>'],
    [
      'QueryCommand',
      { KeyConditionExpression: 'begins_with(pk, :p)', ExpressionAttributeValues: { ':p': 'C#' } },
      '<key condition begins_with(pk, :p)>',
    ],
    ['QueryCommand', { KeyConditionExpression: 'pk = :pk' }, '<:pk unset>'],
    ['TransactWriteItemsCommand', { TransactItems: [{ Delete: { Key: {} } }] }, '<Delete without a pk>'],
    ['BatchWriteItemCommand', { RequestItems: { t: [{ PutRequest: { Item: {} } }] } }, '<batch request without a pk>'],
  ])('%s with a key it cannot read is named by a marker', (command, input, marker) => {
    expect(keysNamedBy(command, input as never)).toContain(marker);
  });
});
