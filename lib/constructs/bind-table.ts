// Binding a function to the meeting table sets TABLE_NAME and the grant in one call, so a function
// can never know the table without being allowed to use it, nor be allowed more than it is told.
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { tableDefinition } from '../../functions/adapters/dynamodb/table-definition.ts';

export type TableAccessMode = 'read' | 'readWrite';
export type TableBinding = { table: dynamodb.ITableV2; accessMode: TableAccessMode };

// Spelled out rather than table.grantReadData(): that grant includes Scan, which no handler needs
// (every read is a key lookup or a Query), and index/* where the definition names each index.
const readActions = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'];
const writeActions = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
// What DynamoDB asks KMS for on the caller's behalf; the wildcards of key.grantEncryptDecrypt()
// (kms:ReEncrypt*, kms:GenerateDataKey*) written out without the key-pair actions it never uses.
const keyReadActions = ['kms:Decrypt', 'kms:DescribeKey'];
const keyWriteActions = [
  'kms:Encrypt',
  'kms:ReEncryptFrom',
  'kms:ReEncryptTo',
  'kms:GenerateDataKey',
  'kms:GenerateDataKeyWithoutPlaintext',
];

export function bindTable(fn: lambda.Function, { table, accessMode }: TableBinding): void {
  fn.addEnvironment('TABLE_NAME', table.tableName);
  const write = accessMode === 'readWrite';
  fn.addToRolePolicy(
    new iam.PolicyStatement({
      actions: readActions,
      resources: [table.tableArn, ...tableDefinition.indexes.map((index) => `${table.tableArn}/index/${index.name}`)],
    }),
  );
  // Writes go to the table; DynamoDB maintains the indexes itself.
  if (write) fn.addToRolePolicy(new iam.PolicyStatement({ actions: writeActions, resources: [table.tableArn] }));
  if (table.encryptionKey) {
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: write ? [...keyReadActions, ...keyWriteActions] : keyReadActions,
        resources: [table.encryptionKey.keyArn],
      }),
    );
  }
}
