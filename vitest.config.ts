import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One embedded DynamoDB Local + SES emulator per test file is heavy on a 2-core machine.
    fileParallelism: true,
    maxWorkers: 2,
    testTimeout: 30_000,
    // Node 20 is what these machines have; the SDK's notice about Node 22 is not a test result.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', POWERTOOLS_LOG_LEVEL: 'ERROR' },
    hookTimeout: 60_000,
  },
});
