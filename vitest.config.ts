import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import LongestFirstSequencer from './test/support/longest-first-sequencer.ts';

// Deadlines are for tests that hang, not for slow machines: on a loaded 2-core box (CI, or beside
// other work) a child process or a Chromium start can take minutes, and that is not a failure.
const minutes = (n: number) => n * 60_000;

export default defineConfig({
  test: {
    fileParallelism: true,
    maxWorkers: 2,
    // Long files first on both workers, also on a fresh clone that has no timings of its own.
    sequence: { sequencer: LongestFirstSequencer },
    testTimeout: minutes(5),
    hookTimeout: minutes(10),
    // Stopping the shared DynamoDB Local (test/global-setup.ts) waits for the JVM to exit.
    teardownTimeout: minutes(2),
    // Node 20 is what these machines have; the SDK's notice about Node 22 is not a test result.
    env: {
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      POWERTOOLS_LOG_LEVEL: 'ERROR',
      // Lambda assets built once per change of their sources, not again in every infra file that
      // synthesizes (lib/bundling/bundle-cache.ts; the deployer's cdk never sets this). Beside the
      // tsc, prettier and eslint caches: it lives as long as this checkout's node_modules, is
      // shared by every run and worker here (and by the cdk CLI the tests start), and goes with
      // `rm -rf node_modules`; os.tmpdir() would be shared by every checkout on the machine and
      // emptied at reboot.
      SAFETYNET_BUNDLE_CACHE: fileURLToPath(new URL('./node_modules/.cache/safetynet-bundles', import.meta.url)),
    },
    projects: [
      // Pure code and CDK synthesis: no local services, so running only these starts no JVM.
      {
        extends: true,
        test: {
          name: 'standalone',
          include: ['test/**/*.test.ts'],
          exclude: ['test/integration/**', 'test/browser/**'],
          // These files share no state but the modules they import (none sets process.env or mocks a
          // module without undoing it), so a worker keeps its modules from one file to the next rather
          // than evaluating aws-cdk-lib, the SDK and Temporal again for each: about half their CPU.
          isolate: false,
        },
      },
      // Against the real local services: one DynamoDB Local for the run, a table per file.
      {
        extends: true,
        test: {
          name: 'local-stack',
          include: ['test/integration/**/*.test.ts', 'test/browser/**/*.test.ts'],
          globalSetup: ['test/global-setup.ts'],
          // As above: each file has its own table and emulator, and test/support/embedded-stack.ts
          // gives back the environment and the handlers' cached clients after the file, so the next
          // file in the worker need not evaluate the SDK, Hono and the emulator again (about 40% of
          // these files' CPU).
          isolate: false,
        },
      },
    ],
  },
});
