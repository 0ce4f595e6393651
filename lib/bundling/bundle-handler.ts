// The synth's bundling step for one Lambda (lib/constructs/meeting-function.ts runs it as
// `node --import tsx lib/bundling/bundle-handler.ts '<json>'`): index.mjs and its map, the validated
// county files, and any folder the function reads at run time, all into the asset folder.
import { cpSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { buildHandler, type HandlerBuild } from './handler-build.ts';

export type BundleRequest = Omit<HandlerBuild, 'outfile'> & {
  outputDir: string;
  /** Validated county files, copied into `countyFolder` under their own names. */
  countyFiles: string[];
  countyFolder: string;
  besideBundle: { source: string; folder: string }[];
};

const request = JSON.parse(process.argv[2] ?? '') as BundleRequest;
await buildHandler({ ...request, outfile: join(request.outputDir, 'index.mjs') });
const counties = join(request.outputDir, request.countyFolder);
mkdirSync(counties, { recursive: true });
for (const file of request.countyFiles) cpSync(file, join(counties, basename(file)));
for (const { source, folder } of request.besideBundle) cpSync(source, join(request.outputDir, folder), { recursive: true });
