// bindTable: one call sets TABLE_NAME and exactly the grant the access mode names.
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { describe, expect, it } from 'vitest';
import { tableDefinition } from '../../functions/adapters/dynamodb/table-definition.ts';
import { bindTable, type TableAccessMode } from '../../lib/constructs/bind-table.ts';
import { MeetingTable } from '../../lib/constructs/meeting-table.ts';

type Statement = { Action: string | string[]; Resource: unknown };

function bound(accessMode: TableAccessMode) {
  // A table with a customer-managed key needs a region to render its replica.
  const stack = new Stack(new App(), 'Bound', { env: { region: 'ap-northeast-1' } });
  const { table } = new MeetingTable(stack, 'Meetings');
  const fn = new lambda.Function(stack, 'Reader', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('export const handler = () => {}'),
  });
  bindTable(fn, { table, accessMode });
  const template = Template.fromStack(stack);
  const policies = Object.values(template.findResources('AWS::IAM::Policy')) as {
    Properties: { PolicyDocument: { Statement: Statement[] } };
  }[];
  const statements = policies.flatMap((policy) => policy.Properties.PolicyDocument.Statement);
  const actions = statements.flatMap((s) => (typeof s.Action === 'string' ? [s.Action] : s.Action));
  const environment = (
    Object.values(template.findResources('AWS::Lambda::Function'))[0] as {
      Properties: { Environment: { Variables: Record<string, unknown> } };
    }
  ).Properties.Environment.Variables;
  return { statements, actions, environment, tableId: stack.getLogicalId(table.node.defaultChild as never) };
}

describe.each(['read', 'readWrite'] as const)('bindTable(%s)', (accessMode) => {
  const { statements, actions, environment, tableId } = bound(accessMode);

  it('sets TABLE_NAME to the bound table', () => {
    expect(environment.TABLE_NAME).toEqual({ Ref: tableId });
  });

  it('grants reads on the table and each index the definition names, never Scan', () => {
    expect(actions).toEqual(
      expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:BatchGetItem', 'dynamodb:ConditionCheckItem']),
    );
    expect(actions).not.toContain('dynamodb:Scan');
    const resources = JSON.stringify(statements.map((s) => s.Resource));
    for (const index of tableDefinition.indexes) expect(resources).toContain(`/index/${index.name}"`);
    expect(resources).not.toContain('*');
  });

  it(accessMode === 'read' ? 'grants no write and only decryption' : 'grants writes and encryption with the table key', () => {
    const writes = actions.filter((a) => /^dynamodb:(Put|Update|Delete|BatchWrite)/.test(a));
    const encrypts = actions.filter((a) => a.startsWith('kms:') && a !== 'kms:Decrypt' && a !== 'kms:DescribeKey');
    if (accessMode === 'read') {
      expect(writes).toEqual([]);
      expect(encrypts).toEqual([]);
    } else {
      expect(writes.sort()).toEqual(['dynamodb:BatchWriteItem', 'dynamodb:DeleteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']);
      expect(encrypts).toContain('kms:GenerateDataKey');
    }
    expect(actions).toContain('kms:Decrypt');
    expect(actions.filter((a) => a.includes('*'))).toEqual([]);
  });
});
