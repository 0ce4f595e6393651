// The production table, built from the one table definition the local bootstrap also uses: keys,
// the sparse index and TTL are read from it, never retyped here.
import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { createTableInput, tableDefinition } from '../../functions/adapters/dynamodb/table-definition.ts';

export class MeetingTable extends Construct {
  readonly table: dynamodb.TableV2;
  /** Customer-managed, so the county can audit and revoke every use of the data (minutes included). */
  readonly encryptionKey: kms.Key;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.encryptionKey = new kms.Key(this, 'Key', {
      description: 'Encrypts the safety-net meeting table: occurrences, contacts, RSVPs, minutes and audit records',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.table = new dynamodb.TableV2(this, 'Table', {
      partitionKey: keyAttribute(tableDefinition.partitionKey),
      sortKey: keyAttribute(tableDefinition.sortKey),
      globalSecondaryIndexes: tableDefinition.indexes.map((index) => ({
        indexName: index.name,
        partitionKey: keyAttribute(index.partitionKey),
        sortKey: keyAttribute(index.sortKey),
        projectionType: dynamodb.ProjectionType.ALL,
      })),
      timeToLiveAttribute: tableDefinition.timeToLiveAttribute,
      billing: dynamodb.Billing.onDemand(),
      encryption: dynamodb.TableEncryptionV2.customerManagedKey(this.encryptionKey),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // The table is the county's record of meetings and minutes: no stack operation may drop it.
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}

/** The attribute's type as the shared definition declares it for the local table. */
function keyAttribute(name: string): dynamodb.Attribute {
  const declared = createTableInput('shape-only').AttributeDefinitions?.find((a) => a.AttributeName === name)?.AttributeType;
  const types: Record<string, dynamodb.AttributeType> = {
    S: dynamodb.AttributeType.STRING,
    N: dynamodb.AttributeType.NUMBER,
    B: dynamodb.AttributeType.BINARY,
  };
  const type = declared ? types[declared] : undefined;
  if (!type) throw new Error(`table-definition.ts declares no type for key attribute "${name}"`);
  return { name, type };
}
