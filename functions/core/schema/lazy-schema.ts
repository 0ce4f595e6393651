// A schema built by its first use rather than when its module loads. Building a zod schema runs
// zod's constructors, and the first one compiles much of zod itself: for an HTTP function that
// builds its request schemas while its app is built, that was part of every cold start (issue 13
// §5), though most requests parse no body. The first request that does pays it once; the built
// schema is kept for the rest of the warm Lambda's life.

/** `build()` on the first call, the same value on every later one. */
export function lazySchema<S>(build: () => S): () => S {
  let built: S | undefined;
  return () => (built ??= build());
}
