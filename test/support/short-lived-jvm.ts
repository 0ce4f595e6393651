// The DynamoDB Local engines the toolchain tests start live for seconds: each is started to show
// that it starts, is found, or is stopped with its owner. HotSpot's optimizing compiler (C2) is
// about half of such a JVM's start-up CPU (5.4-6.3 s with it, 2.6 s with C1 alone, measured to
// its first answer at load 23) and pays off only in an engine that runs for long, like the run's
// shared one (test/global-setup.ts), which keeps it. JAVA_TOOL_OPTIONS reaches every java the
// product starts (npm start's engine, a CLI command's own) without changing its command line,
// which is how the tests find the JVM; the product's code path is the same.
export const shortLivedJvm = { JAVA_TOOL_OPTIONS: '-XX:TieredStopAtLevel=1' } as const;
