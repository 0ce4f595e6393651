// The test suite's bundle cache (lib/bundling/bundle-cache.ts) may only ever serve the bundle that
// bundling the current sources would give: any change to what esbuild reads gives a new key, and a
// cached asset is the same bytes as a fresh one. Two workers storing one key at once both leave a
// whole entry. Without SAFETYNET_BUNDLE_CACHE (a deployer's cdk) nothing is read from it.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { App, AssetStaging, Duration, Stack } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleCacheFolder, bundleCacheKey, bundleCacheVariable, type CacheableRequest } from '../../lib/bundling/bundle-cache.ts';
import { MeetingFunction } from '../../lib/constructs/meeting-function.ts';
import { projectRoot } from '../../lib/safetynet-app.ts';
import { chiayiCountyFile } from './generated-counties.ts';

const scratch = mkdtempSync(join(tmpdir(), 'bundle-cache-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function write(root: string, path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

/** A project in miniature: the files the key reads, and some it must not. */
function miniatureProject(): string {
  const root = mkdtempSync(join(scratch, 'project-'));
  write(root, 'functions/handlers/plan-meetings.ts', "export const handler = () => '排定會議';\n");
  write(root, 'functions/core/rotation/next-chair.ts', 'export const nextChair = 1;\n');
  write(root, 'functions/config/counties/chiayi-county.json', '{"id":"chiayi-county"}\n');
  write(root, 'lib/bundling/handler-build.ts', 'export const minify = true;\n');
  write(root, 'package.json', '{"type":"module","sideEffects":false}\n');
  write(root, 'package-lock.json', '{"lockfileVersion":3}\n');
  write(root, 'tsconfig.json', '{}\n');
  write(root, 'node_modules/esbuild/package.json', '{"version":"0.25.0"}\n');
  write(root, 'README.md', '# 說明\n');
  write(root, 'test/unit/next-chair.test.ts', '// a test\n');
  write(root, 'county-copy/chiayi-county.json', '{"id":"chiayi-county"}\n');
  return root;
}

function requestIn(root: string, changes: Partial<CacheableRequest> = {}): CacheableRequest {
  return {
    entry: join(root, 'functions/handlers/plan-meetings.ts'),
    outputDir: join(root, 'cdk.out', 'bundling-temp-1-building'),
    define: { 'process.env.SAFETYNET_RRULE_CADENCES': '"none"' },
    countyFolder: 'counties',
    copied: [join(root, 'county-copy/chiayi-county.json')],
    ...changes,
  };
}

describe('the bundle cache key', () => {
  // Each change made to a fresh miniature project, keyed before and after in this one process (so
  // the key's memo of contents is exercised too: same paths, new bytes).
  const changes: [string, (root: string) => void][] = [
    ['the handler', (root) => write(root, 'functions/handlers/plan-meetings.ts', "export const handler = () => '排定會議!';\n")],
    ['a module it imports, same size', (root) => write(root, 'functions/core/rotation/next-chair.ts', 'export const nextChair = 2;\n')],
    ['a file added under functions/', (root) => write(root, 'functions/core/rotation/fairness.ts', 'export {};\n')],
    ['a file removed under functions/', (root) => rmSync(join(root, 'functions/core/rotation/next-chair.ts'))],
    ['a county file under functions/', (root) => write(root, 'functions/config/counties/chiayi-county.json', '{"id":"chiayi"}\n')],
    ['the build options or a plugin (lib/bundling)', (root) => write(root, 'lib/bundling/handler-build.ts', 'export const minify = !0;\n')],
    ['package.json', (root) => write(root, 'package.json', '{"type":"module","sideEffects":true}\n')],
    ['package-lock.json', (root) => write(root, 'package-lock.json', '{"lockfileVersion":2}\n')],
    ['what npm installed (node_modules/.package-lock.json)', (root) => write(root, 'node_modules/.package-lock.json', '{}\n')],
    ['tsconfig.json', (root) => write(root, 'tsconfig.json', '{"compilerOptions":{}}\n')],
    ['the installed esbuild', (root) => write(root, 'node_modules/esbuild/package.json', '{"version":"0.25.1"}\n')],
    ['a file the request copies, rewritten in place', (root) => write(root, 'county-copy/chiayi-county.json', '{"id":"chiayi-cou"}\n')],
  ];

  it.each(changes)('changes with %s', (_, change) => {
    const root = miniatureProject();
    const before = bundleCacheKey(root, requestIn(root));
    expect(bundleCacheKey(root, requestIn(root))).toBe(before);
    change(root);
    expect(bundleCacheKey(root, requestIn(root))).not.toBe(before);
  });

  it('changes with the request: constants, entry, a copied file, where the output sits', () => {
    const root = miniatureProject();
    const before = bundleCacheKey(root, requestIn(root));
    write(root, 'county-copy/yunlin-county.json', '{}\n');
    for (const changed of [
      requestIn(root, { define: { 'process.env.SAFETYNET_RRULE_CADENCES': '"present"' } }),
      requestIn(root, { entry: join(root, 'functions/core/rotation/next-chair.ts') }),
      requestIn(root, { copied: [join(root, 'county-copy/chiayi-county.json'), join(root, 'county-copy/yunlin-county.json')] }),
      // The source map names its sources relative to the output: another depth is another map.
      requestIn(root, { outputDir: join(root, 'cdk.out', 'nested', 'bundling-temp-1-building') }),
    ])
      expect(bundleCacheKey(root, changed)).not.toBe(before);
  });

  it('stays the same for files esbuild never reads and for another output folder at the same depth', () => {
    const root = miniatureProject();
    const before = bundleCacheKey(root, requestIn(root));
    write(root, 'README.md', '# 說明（新）\n');
    write(root, 'test/unit/next-chair.test.ts', '// another test\n');
    expect(bundleCacheKey(root, requestIn(root, { outputDir: join(root, 'cdk.out', 'bundling-temp-2-building') }))).toBe(before);
  });

  it('is off unless SAFETYNET_BUNDLE_CACHE names a folder', () => {
    expect(bundleCacheFolder({})).toBeUndefined();
    expect(bundleCacheFolder({ [bundleCacheVariable]: ' ' })).toBeUndefined();
    expect(bundleCacheFolder({ [bundleCacheVariable]: '/var/cache/bundles' })).toBe('/var/cache/bundles');
  });
});

/** Every file of a folder, by relative path, with the SHA-256 of its bytes (deep equality of megabytes of Buffers takes minutes). */
function filesOf(folder: string): Map<string, string> {
  return new Map(
    readdirSync(folder, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => {
        const path = join(entry.parentPath, entry.name);
        return [path.slice(folder.length + 1), createHash('sha256').update(readFileSync(path)).digest('hex')] as const;
      }),
  );
}

/** Synthesizes one MeetingFunction as the stack does, with the cache folder given (or none), and returns its asset folder. */
function synthesizedAsset(cacheFolder: string | undefined): string {
  const saved = process.env[bundleCacheVariable];
  if (cacheFolder) process.env[bundleCacheVariable] = cacheFolder;
  else delete process.env[bundleCacheVariable];
  try {
    // CDK keeps staged assets per process; each synthesis here must reach the bundling step.
    AssetStaging.clearAssetHashCache();
    const outdir = mkdtempSync(join(scratch, 'cdk-'));
    const app = new App({ outdir });
    new MeetingFunction(new Stack(app, 'Bundled'), 'Dispatch', {
      entry: join(projectRoot, 'functions/handlers/dispatch-outbox.ts'),
      description: 'bundle cache test',
      countyConfigFiles: [chiayiCountyFile],
      timeout: Duration.seconds(30),
      memorySize: 256,
      logRetention: logs.RetentionDays.ONE_MONTH,
    });
    app.synth();
    const assets = readdirSync(outdir).filter((name) => name.startsWith('asset.'));
    expect(assets).toHaveLength(1);
    return join(outdir, assets[0]!);
  } finally {
    if (saved === undefined) delete process.env[bundleCacheVariable];
    else process.env[bundleCacheVariable] = saved;
  }
}

describe('a cached asset', () => {
  it('is byte for byte the asset a fresh bundling gives, and a hit is served from the cache', () => {
    const cacheFolder = join(scratch, 'cache');
    const fresh = filesOf(synthesizedAsset(undefined));
    expect([...fresh.keys()].sort()).toEqual(['counties/chiayi-county.json', 'index.mjs', 'index.mjs.map']);

    // Cold: bundled, then stored.
    expect(filesOf(synthesizedAsset(cacheFolder))).toEqual(fresh);
    const entries = readdirSync(cacheFolder);
    expect(entries).toHaveLength(1);

    // Warm: a file added to the entry shows the asset was copied from it, not bundled again.
    writeFileSync(join(cacheFolder, entries[0]!, 'served-from-cache'), '');
    const warm = filesOf(synthesizedAsset(cacheFolder));
    expect(warm.has('served-from-cache')).toBe(true);
    warm.delete('served-from-cache');
    expect(warm).toEqual(fresh);
  });

  it('is stored whole when several workers store the same key at once', async () => {
    const cacheFolder = join(scratch, 'racing-cache');
    const asset = join(scratch, 'racing-asset');
    // Big enough that the copies overlap.
    for (let i = 0; i < 20; i++) write(asset, `part-${i}.bin`, String(i).repeat(1 << 18));
    const storeModule = fileURLToPath(new URL('../../lib/bundling/bundle-cache.ts', import.meta.url));
    const script = `import { storeBundle } from ${JSON.stringify(storeModule)}; storeBundle(${JSON.stringify(cacheFolder)}, 'same-key', ${JSON.stringify(asset)});`;
    const workers = Array.from({ length: 4 }, () =>
      promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: projectRoot }),
    );
    await Promise.all(workers);
    expect(readdirSync(cacheFolder)).toEqual(['same-key']);
    expect(filesOf(join(cacheFolder, 'same-key'))).toEqual(filesOf(asset));
  });
});
