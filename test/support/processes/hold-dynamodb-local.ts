// Started as its own node process by the lifecycle test: starts DynamoDB Local, prints its
// endpoint, and waits to be killed.
import { startDynamoDbLocal } from '../../../lib/local-stack/dynamodb-local.ts';

const dynamo = await startDynamoDbLocal();
console.log(`ENDPOINT ${dynamo.endpoint}`);
setInterval(() => undefined, 60_000);
