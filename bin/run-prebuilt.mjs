// Runs a TypeScript entry (`node bin/run-prebuilt.mjs bin/cli.ts <args>`, which `npm run cli` does)
// from a bundle esbuild keeps in node_modules/.cache/safetynet-meetings/, rebuilt whenever one of
// its inputs has changed since it was built.
//
// Why: tsx hooks and compiles every module on every call, which costs the secretariat's CLI about
// as much as the command itself. The bundle is split where the entry imports lazily, so `--help`
// and a mistyped argument load almost nothing; packages stay external and are loaded from
// node_modules as usual. `import.meta.url` is replaced by each source file's own URL, so files
// found relative to a module (the county configuration) are found exactly as when run from source.
// If the bundle cannot be built (esbuild missing), the entry runs from source through tsx.
//
// Plain JavaScript on purpose: it must run before anything can compile TypeScript.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { randomUUID } from 'node:crypto';
import process from 'node:process';
import console from 'node:console';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const [entryArgument, ...entryArguments] = process.argv.slice(2);
if (!entryArgument) {
  console.error('用法：node bin/run-prebuilt.mjs <entry.ts> [參數…]');
  process.exit(2);
}
const entry = resolve(projectRoot, entryArgument);
const name = basename(entry, '.ts');
const cacheDir = process.env.SAFETYNET_PREBUILT_CACHE ?? join(projectRoot, 'node_modules', '.cache', 'safetynet-meetings');
const manifestFile = join(cacheDir, `${name}.manifest.json`);
/** Besides the bundled sources: what changes how they are compiled. */
const buildInputs = ['tsconfig.json', 'package.json', relative(projectRoot, fileURLToPath(import.meta.url))];

/** @typedef {{ esbuild: string; entry: string; outdir: string; inputs: Array<[file: string, mtimeMs: number, size: number]> }} Manifest */

/** @returns {unknown} */
function readJson(/** @type {string} */ file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** @returns {string | undefined} */
function esbuildVersion() {
  try {
    const meta = readJson(join(projectRoot, 'node_modules', 'esbuild', 'package.json'));
    return typeof meta === 'object' && meta !== null && 'version' in meta ? String(meta.version) : undefined;
  } catch {
    return undefined;
  }
}

/** @returns {Manifest | undefined} the manifest of a bundle that is still current */
function currentBuild() {
  /** @type {Manifest} */
  let manifest;
  try {
    manifest = /** @type {Manifest} */ (readJson(manifestFile));
  } catch {
    return undefined;
  }
  if (manifest.entry !== relative(projectRoot, entry) || manifest.esbuild !== esbuildVersion()) return undefined;
  try {
    statSync(join(cacheDir, manifest.outdir, `${name}.mjs`));
  } catch {
    return undefined;
  }
  for (const [file, mtimeMs, size] of manifest.inputs) {
    try {
      const stat = statSync(join(projectRoot, file));
      if (stat.mtimeMs !== mtimeMs || stat.size !== size) return undefined;
    } catch {
      return undefined;
    }
  }
  return manifest;
}

/** @type {import('esbuild').Plugin} */
const keepModuleUrls = {
  name: 'keep-module-urls',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      const contents = text
        .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href))
        .replaceAll('import.meta.dirname', JSON.stringify(dirname(args.path)))
        .replaceAll('import.meta.filename', JSON.stringify(args.path));
      return { contents, loader: 'ts' };
    });
  },
};

/** @returns {Promise<Manifest>} */
async function rebuild() {
  const esbuild = await import('esbuild');
  const outdir = join('builds', `${name}-${Date.now()}-${randomUUID().slice(0, 8)}`);
  const result = await esbuild.build({
    entryPoints: [entry],
    absWorkingDir: projectRoot,
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outdir: join(cacheDir, outdir),
    entryNames: '[name]',
    chunkNames: 'chunks/[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    metafile: true,
    plugins: [keepModuleUrls],
    logLevel: 'silent',
  });
  const files = [...Object.keys(result.metafile.inputs), ...buildInputs];
  /** @type {Manifest} */
  const manifest = {
    esbuild: esbuild.version,
    entry: relative(projectRoot, entry),
    outdir,
    inputs: files.map((file) => {
      const stat = statSync(join(projectRoot, file));
      return [file, stat.mtimeMs, stat.size];
    }),
  };
  // Replaced by rename: a command starting meanwhile reads the old manifest or the new one.
  const temporary = `${manifestFile}.${process.pid}.${randomUUID()}`;
  writeFileSync(temporary, JSON.stringify(manifest));
  renameSync(temporary, manifestFile);
  removeOldBuilds(outdir);
  return manifest;
}

/** Builds a command may still be loading chunks from are kept; older ones go. */
function removeOldBuilds(/** @type {string} */ keep) {
  const builds = join(cacheDir, 'builds');
  for (const dir of readdirSync(builds)) {
    const path = join(builds, dir);
    if (join('builds', dir) !== keep && dir.startsWith(`${name}-`) && Date.now() - statSync(path).mtimeMs > 10 * 60_000)
      rmSync(path, { recursive: true, force: true });
  }
}

/** @returns {Promise<string | undefined>} the bundled entry, or undefined if it cannot be built */
async function bundledEntry() {
  const current = currentBuild();
  if (current) return join(cacheDir, current.outdir, `${name}.mjs`);
  try {
    mkdirSync(join(cacheDir, 'builds'), { recursive: true });
    const built = await rebuild();
    return join(cacheDir, built.outdir, `${name}.mjs`);
  } catch {
    return undefined; // run from source: tsx reports a compile error better than a failed build would
  }
}

const bundle = await bundledEntry();
// The entry reads its arguments from process.argv, as if it had been started itself.
process.argv = [process.argv[0] ?? process.execPath, bundle ?? entry, ...entryArguments];
if (bundle) {
  await import(pathToFileURL(bundle).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(entry).href);
}
