// buildHandler (lib/bundling/handler-build.ts) through the test suite's bundle cache, for tests that
// examine bundles themselves (test/infra/lean-bundles.test.ts): built once per change of the
// sources, by the same key the synth's cache uses (lib/bundling/bundle-cache.ts), and esbuild's
// metafile kept beside index.mjs so the test can still ask what reached the output. Without
// SAFETYNET_BUNDLE_CACHE it is buildHandler itself.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { Metafile } from 'esbuild';
import { bundleCacheFolder, bundleCacheKey, restoreBundle, storeBundle } from '../../lib/bundling/bundle-cache.ts';
import { buildHandler, type HandlerBuild } from '../../lib/bundling/handler-build.ts';
import { projectRoot } from '../../lib/safetynet-app.ts';

const metafileName = 'metafile.json';

export async function cachedBuildHandler(build: HandlerBuild): Promise<Metafile> {
  const cacheFolder = bundleCacheFolder();
  if (!cacheFolder) return buildHandler(build);
  const { outfile, ...options } = build;
  const outputDir = dirname(outfile);
  // The output's own file name is part of the request (the map names it), and so is the working
  // folder, which the metafile's paths are relative to. The metafile's outputs keep the path they
  // were first written to; its inputs are what the tests read.
  const key = bundleCacheKey(projectRoot, {
    ...options,
    outfileName: outfile.slice(outputDir.length + 1),
    workingDir: relative(projectRoot, process.cwd()),
    outputDir,
    copied: [],
  });
  mkdirSync(outputDir, { recursive: true });
  if (restoreBundle(cacheFolder, `handler-build-${key}`, outputDir))
    return JSON.parse(readFileSync(join(outputDir, metafileName), 'utf8')) as Metafile;
  const metafile = await buildHandler(build);
  writeFileSync(join(outputDir, metafileName), JSON.stringify(metafile));
  storeBundle(cacheFolder, `handler-build-${key}`, outputDir);
  return metafile;
}
