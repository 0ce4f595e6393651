// One DynamoDB Local for the whole test run. Starting a JVM per test file cost about 15 s of CPU
// each, and on a loaded machine those starts were what timed out. Each file gets its own table in
// this engine (test/support/embedded-stack.ts), so files still cannot see each other's data.
// The JVM is stopped in teardown, which vitest runs even when tests fail; if vitest itself dies,
// the guardian in dynamodb-local.ts takes the JVM down with it.
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../lib/local-stack/dynamodb-local.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's DynamoDB Local, shared by every test file (each with its own table). */
    dynamoDbEndpoint: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // This runs in vitest's main process, which the config's `env` does not reach: the SDK's notice
  // about Node 22 is not a test result here either.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const dynamo = await startDynamoDbLocal();
  project.provide('dynamoDbEndpoint', dynamo.endpoint);
  return () => dynamo.stop();
}
