// How one handler becomes its Lambda bundle: esbuild with the project's options and the shims that
// keep what the functions never use out of them. lib/constructs/meeting-function.ts runs this at
// synth (through bundle-handler.ts, in a process of its own, since CDK's local bundling is
// synchronous and esbuild plugins are not); bench/bundles.ts builds with it too.
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

export type HandlerBuild = {
  /** The handler's source file (absolute). */
  entry: string;
  /** Where index.mjs goes (absolute). */
  outfile: string;
  /** esbuild define constants (see meetingBundling in meeting-function.ts). */
  define: Record<string, string>;
  /** Packages left to the runtime; none in the deployed bundles. */
  external?: string[];
  sourcemap?: boolean;
};

const postalMimeHtmlEntitiesShim = fileURLToPath(new URL('./postal-mime-html-entities.ts', import.meta.url));

/**
 * postal-mime's table of HTML character references (46 KB) serves only to turn HTML bodies into
 * text, which the reply Lambda never asks for; this plugin points that relative import (which
 * esbuild's alias option cannot reach) at a small shim (lib/bundling/postal-mime-html-entities.ts).
 */
export const postalMimeHtmlEntities: esbuild.Plugin = {
  name: 'postal-mime-html-entities',
  setup(build) {
    build.onResolve({ filter: /^\.\/html-entities\.js$/ }, (args) =>
      /[\\/]postal-mime[\\/]dist[\\/]esm$/.test(args.resolveDir) ? { path: postalMimeHtmlEntitiesShim } : undefined,
    );
  },
};

const trieRouterHono = fileURLToPath(new URL('../../functions/http/trie-router-hono.ts', import.meta.url));

/**
 * Hono with TrieRouter alone (functions/http/trie-router-hono.ts) wherever a function imports the
 * bare 'hono': its default SmartRouter also bundles RegExpRouter, about 4 KB more in every HTTP function.
 * serveAudiences matches every request with that router already, in the tests too; this keeps the
 * routes' own `new Hono()` from carrying the others. Subpaths (hono/html …) resolve as before.
 */
export const honoTrieRouter: esbuild.Plugin = {
  name: 'hono-trie-router',
  setup(build) {
    build.onResolve({ filter: /^hono$/ }, (args) => (args.importer === trieRouterHono ? undefined : { path: trieRouterHono }));
  },
};

export async function buildHandler(request: HandlerBuild): Promise<esbuild.Metafile> {
  const sourcemap = request.sourcemap ?? true;
  const result = await esbuild.build({
    entryPoints: [request.entry],
    outfile: request.outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    minify: true,
    // File and line numbers in stack traces are what the maps are for; the sources would only
    // double the upload.
    sourcemap: sourcemap ? 'external' : false,
    sourcesContent: false,
    // The pages and messages are zh-TW: written as UTF-8 a CJK character is 3 bytes, escaped (esbuild's
    // default, ASCII output) it is 6 (\uXXXX), which made each HTTP function 5–20 KB heavier. Lambda
    // reads the bundle as UTF-8.
    charset: 'utf8',
    // Prefer packages' ESM builds: they tree-shake, CommonJS builds do not.
    mainFields: ['module', 'main'],
    define: request.define,
    external: request.external ?? [],
    // Bundled CommonJS dependencies call require() for Node built-ins, which an ESM module does not
    // have until it is made.
    banner: { js: "import{createRequire as __createRequire}from'node:module';const require=__createRequire(import.meta.url);" },
    plugins: [postalMimeHtmlEntities, honoTrieRouter],
    metafile: true,
    logLevel: 'warning',
  });
  return result.metafile;
}
