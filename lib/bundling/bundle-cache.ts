// A content-addressed store of finished Lambda assets, for the test suite only: seven infra test
// files each synthesize the stack, and each synthesis bundled all 17 functions again (about 140 s
// of a 330 s run on two cores). With the cache, a bundle is built once per change of its sources.
//
// It is used only when SAFETYNET_BUNDLE_CACHE names its folder (vitest.config.ts sets it). The
// deployer's `cdk synth` and `cdk deploy` never set it, so what is deployed is always bundled
// afresh from the working tree; no stale bundle can reach AWS even if this key were wrong.
//
// The key is everything that decides the asset's bytes:
// - the bundle request without its output folder (entry, define constants, county files, folders
//   copied beside the bundle), and the contents of the county files and of those folders;
// - where the output folder sits relative to the project: the source map names its sources by
//   relative path, so the same bundle written at another depth has another map;
// - every file esbuild could read for a handler: functions/**, lib/bundling/** (the build options,
//   plugins and shims), package.json (sideEffects, imports aliases), tsconfig.json, the lock files
//   (what node_modules holds) and the installed esbuild's version.
// A change to any of these gives a new key; an entry is never updated in place.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The environment variable that turns the cache on, naming its folder. */
export const bundleCacheVariable = 'SAFETYNET_BUNDLE_CACHE';

/** The cache's folder, or undefined (production: always bundle). */
export function bundleCacheFolder(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const folder = env[bundleCacheVariable]?.trim();
  return folder ? folder : undefined;
}

/** Folders and files of the project whose contents the bundles may depend on (see the key above). */
const sourceFolders = ['functions', 'lib/bundling'];
const sourceFiles = ['package.json', 'package-lock.json', 'node_modules/.package-lock.json', 'tsconfig.json'];

function filesUnder(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** A digest of files by their path (relative to root) and contents, so a renamed or added file counts too. */
function digestFiles(root: string, files: readonly string[]): string {
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(`${relative(root, file)}\0`);
    hash.update(existsSync(file) ? readFileSync(file) : '(absent)');
    hash.update('\0');
  }
  return hash.digest('hex');
}

function esbuildVersion(root: string): string {
  const manifest = join(root, 'node_modules', 'esbuild', 'package.json');
  return existsSync(manifest) ? (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version : '(absent)';
}

/** The digest of the project's bundle sources (see the key above). */
export function sourcesDigest(root: string): string {
  const files = [...sourceFolders.flatMap((folder) => filesUnder(join(root, folder))), ...sourceFiles.map((file) => join(root, file))];
  return `${stampedDigest(root, files)}:esbuild@${esbuildVersion(root)}`;
}

/** The contents of a file or folder a request copies into the asset (county files, fonts). */
function copiedDigest(path: string): string {
  return stampedDigest(path, statSync(path).isDirectory() ? filesUnder(path) : [path]);
}

// Reading functions/** (about 20 MB, the document fonts included) takes a moment, and a synth asks
// for 17 keys. A stat of each file is cheap, so contents are hashed again only when a size or
// modification time changed: once per process in a test run, yet a source edited under a
// long-lived worker (vitest watch, isolate: false) still gives a new key.
const digestsByStamp = new Map<string, string>();
function stampedDigest(root: string, files: readonly string[]): string {
  const stamp = JSON.stringify(
    files.map((file) => {
      if (!existsSync(file)) return [file];
      const { size, mtimeMs } = statSync(file);
      return [file, size, mtimeMs];
    }),
  );
  let digest = digestsByStamp.get(stamp);
  if (digest === undefined) {
    digest = digestFiles(root, files);
    digestsByStamp.set(stamp, digest);
  }
  return digest;
}

export type CacheableRequest = {
  /** Where the asset is written: left out of the key but for its place relative to the project. */
  outputDir: string;
  /** Files and folders the request copies into the asset, hashed by content. */
  copied: readonly string[];
  /** Everything else of the request, as JSON. */
  [option: string]: unknown;
};

/** The key of a bundle request for the project at root (see the top of this file). */
export function bundleCacheKey(root: string, request: CacheableRequest): string {
  const { outputDir, copied, ...options } = request;
  return createHash('sha256')
    .update(
      JSON.stringify({
        sources: sourcesDigest(root),
        options: sortedKeys(options),
        copied: copied.map((path) => [path, copiedDigest(path)]),
        outputFromProject: relative(outputDir, root),
      }),
    )
    .digest('hex');
}

function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([key, inner]) => [key, sortedKeys(inner)]),
    );
  return value;
}

/**
 * Copies a cached asset into outputDir; false when there is none (or it vanished while copied: then
 * the caller bundles, as on any miss).
 */
export function restoreBundle(cacheFolder: string, key: string, outputDir: string): boolean {
  const entry = join(cacheFolder, key);
  if (!existsSync(entry)) return false;
  try {
    cpSync(entry, outputDir, { recursive: true });
  } catch {
    return false;
  }
  // Last used: what pruning goes by.
  const now = new Date();
  try {
    utimesSync(entry, now, now);
  } catch {
    // Pruned by another process in the meantime; the copy is whole all the same.
  }
  return true;
}

/**
 * Stores a finished asset under its key. Written to a folder of its own and renamed into place, so a
 * reader sees a whole entry or none; when two workers store the same key at once, the first rename
 * wins and the other's copy (the same bytes, from the same sources) is thrown away.
 */
export function storeBundle(cacheFolder: string, key: string, outputDir: string): void {
  mkdirSync(cacheFolder, { recursive: true });
  pruneOnce(cacheFolder);
  const entry = join(cacheFolder, key);
  if (existsSync(entry)) return;
  const staging = join(cacheFolder, `.staging-${process.pid}-${Math.random().toString(36).slice(2)}`);
  try {
    cpSync(outputDir, staging, { recursive: true });
    renameSync(staging, entry);
  } catch (error) {
    // Another worker renamed its copy in first (ENOTEMPTY or EEXIST): that entry is as good as ours.
    if (!existsSync(entry)) throw error;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Entries unused for this long are removed, so the folder does not grow with every source change. */
const keepUnusedFor = 7 * 24 * 60 * 60_000;
/** A staging folder this old was left by a process that died mid-copy. */
const abandonedAfter = 60 * 60_000;
const pruned = new Set<string>();

function pruneOnce(cacheFolder: string): void {
  if (pruned.has(cacheFolder)) return;
  pruned.add(cacheFolder);
  const now = Date.now();
  for (const name of readdirSync(cacheFolder)) {
    const path = join(cacheFolder, name);
    try {
      const age = now - statSync(path).mtimeMs;
      if (age > (name.startsWith('.staging-') ? abandonedAfter : keepUnusedFor)) rmSync(path, { recursive: true, force: true });
    } catch {
      // Gone already: another process pruned or renamed it.
    }
  }
}
