// P4: what each Lambda weighs and how long its module takes to load cold, as a ratio to a bare
// bundle of the AWS SDK clients it uses. The deployed bundles are the ones the stack deploys: the
// app is built exactly as `cdk synth` builds it (same context, same bundling, the SDK bundled in),
// and each function's staged asset is measured. Beside each, esbuild builds the same entry with the
// same options but the SDK left external: its size is the function's own code, and its cold import
// (the SDK then loaded from node_modules, as from the Lambda runtime's copy) is the other way to
// ship it. A bare bundle of only the SDK clients the function imports is built both ways too. Every
// cold import is a fresh `node` process, interleaved, so the ratios come from one run on one
// machine load. Run: npx tsx bench/bundles.ts
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { App } from 'aws-cdk-lib';
import type * as s3assets from 'aws-cdk-lib/aws-s3-assets';
import * as esbuild from 'esbuild';
import { buildHandler } from '../lib/bundling/handler-build.ts';
import { httpHandlerNames } from '../lib/constructs/http-functions.ts';
import { bundleConstants, bundledCountyConfigFolder, type MeetingFunction } from '../lib/constructs/meeting-function.ts';
import { loadCountyConfigFile } from '../functions/adapters/config/county-config-file.ts';
import { addSafetynetStack, deployedAppOptions, projectRoot } from '../lib/safetynet-app.ts';

const run = promisify(execFile);

/** Issue 13: each function's own code, the AWS SDK excluded, minified without source maps. */
export const ownCodeBudgetBytes = 150 * 1024;
/** The document renderer carries pdf-lib, fontkit and exceljs by design (its fonts lie beside it, not in it). */
const exempt = new Set(['render-documents']);
/** Issue 13: a function's cold import at most this many times its bare SDK clients'. */
export const coldImportRatioGoal = 1.3;
const importRuns = 11;

type Mode = 'external' | 'bundled';

export type BundleReport = {
  name: string;
  /** The same entry with the SDK external: the function's own code, which the budget is for. */
  bundleBytes: number;
  /** The deployed bundle, the SDK bundled in, and its source map. */
  deployedBytes: number;
  sourceMapBytes: number;
  budgetBytes: number | undefined;
  withinBudget: boolean;
  /** The @aws-sdk packages the function imports; its bare bundle imports their clients only. */
  sdkPackages: string[];
  /** Milliseconds from `await import()` to its return, one per fresh `node` process. */
  coldImportMillis: Record<Mode, number[]>;
  bareImportMillis: Record<Mode, number[]>;
};

export async function main(): Promise<BundleReport[]> {
  // Inside the project, so the bundles resolve the external @aws-sdk packages from node_modules the
  // way the Lambda runtime resolves its own copy.
  const outdir = join(projectRoot, 'cdk.out', `bench-${process.pid}`);
  mkdirSync(outdir, { recursive: true });
  try {
    const context = (JSON.parse(readFileSync(join(projectRoot, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> }).context;
    // As `cdk synth` builds it (bin/app.ts), the calendar-reply handler included.
    const stack = addSafetynetStack(new App({ outdir, context }), deployedAppOptions);
    // Every HTTP function of the table (lib/constructs/http-functions.ts), so a new one is measured too.
    const functions: Record<string, { meetingFunction: MeetingFunction; entry: string }> = {
      'plan-meetings': { meetingFunction: stack.planMeetings, entry: handlerSource('plan-meetings') },
      'dispatch-outbox': { meetingFunction: stack.dispatchOutbox, entry: handlerSource('dispatch-outbox') },
      ...Object.fromEntries(
        httpHandlerNames.map((name) => [name, { meetingFunction: stack.httpFunctions[name]!, entry: handlerSource(name) }] as const),
      ),
      'ses-reply': { meetingFunction: stack.node.findChild('HandleRsvpReplies') as MeetingFunction, entry: handlerSource('ses-reply') },
      'render-documents': { meetingFunction: stack.renderDocuments, entry: handlerSource('render-documents') },
    };

    type Variant = { name: string; deployedDir: string; files: Record<Mode, string>; bare: Record<Mode, string>; report: BundleReport };
    const variants: Variant[] = [];
    for (const [name, { meetingFunction, entry }] of Object.entries(functions)) {
      const asset = meetingFunction.function.node.findChild('Code') as s3assets.Asset;
      const deployedDir = resolve(outdir, asset.assetPath);
      const deployed = join(deployedDir, 'index.mjs');
      // The validated copies the synth put beside the bundle give the same define constants.
      const countyFolder = join(deployedDir, bundledCountyConfigFolder);
      const countyFiles = readdirSync(countyFolder).map((file) => join(countyFolder, file));
      const variantDir = join(outdir, 'variants', name);
      const external = await build(entry, join(variantDir, 'sdk-external', 'index.mjs'), countyFiles, ['@aws-sdk/*']);
      const sdkPackages = sdkPackagesOf(external.metafile);
      const bare = {
        external: await bareSdkBundle(sdkPackages, join(variantDir, 'bare-external', 'index.mjs'), ['@aws-sdk/*']),
        bundled: await bareSdkBundle(sdkPackages, join(variantDir, 'bare-bundled', 'index.mjs'), []),
      };
      const bundleBytes = statSync(external.file).size;
      const budgetBytes = exempt.has(name) ? undefined : ownCodeBudgetBytes;
      variants.push({
        name,
        deployedDir,
        files: { external: external.file, bundled: deployed },
        bare,
        report: {
          name,
          bundleBytes,
          deployedBytes: statSync(deployed).size,
          sourceMapBytes: statSync(`${deployed}.map`).size,
          budgetBytes,
          withinBudget: budgetBytes === undefined || bundleBytes <= budgetBytes,
          sdkPackages,
          coldImportMillis: { external: [], bundled: [] },
          bareImportMillis: { external: [], bundled: [] },
        },
      });
    }

    // Interleaved, so a burst of load from elsewhere falls on every variant alike.
    for (let i = 0; i < importRuns; i++) {
      for (const v of variants) {
        for (const mode of ['external', 'bundled'] as const) {
          v.report.coldImportMillis[mode].push(await coldImport(v.files[mode], v.deployedDir));
          v.report.bareImportMillis[mode].push(await coldImport(v.bare[mode], v.deployedDir));
        }
      }
    }
    return variants.map((v) => v.report);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

function handlerSource(name: string): string {
  return join(projectRoot, 'functions', 'handlers', `${name}.ts`);
}

/** The stack's own build (lib/bundling/handler-build.ts), but with the given modules external. */
async function build(
  entry: string,
  outfile: string,
  countyFiles: readonly string[],
  external: string[],
): Promise<{ file: string; metafile: esbuild.Metafile }> {
  const define = bundleConstants(countyFiles.map((file) => loadCountyConfigFile(file)));
  const metafile = await buildHandler({ entry, outfile, define, external, sourcemap: false });
  return { file: outfile, metafile };
}

/** The @aws-sdk packages the built file still imports (the metafile's inputs list shaken-out imports too). */
function sdkPackagesOf(metafile: esbuild.Metafile): string[] {
  const packages = new Set<string>();
  for (const output of Object.values(metafile.outputs)) {
    for (const imported of output.imports) {
      const match = /^@aws-sdk\/[^/]+/.exec(imported.path);
      if (imported.external && match) packages.add(match[0]);
    }
  }
  return [...packages].sort();
}

/** The client class each package is imported for; anything else is imported whole. */
const clientExports: Record<string, string> = {
  '@aws-sdk/client-dynamodb': 'DynamoDBClient',
  '@aws-sdk/lib-dynamodb': 'DynamoDBDocumentClient',
  '@aws-sdk/client-ses': 'SESClient',
  '@aws-sdk/client-sesv2': 'SESv2Client',
  '@aws-sdk/client-lambda': 'LambdaClient',
  '@aws-sdk/client-s3': 'S3Client',
  '@aws-sdk/client-scheduler': 'SchedulerClient',
  '@aws-sdk/client-secrets-manager': 'SecretsManagerClient',
};

/** A module that imports the function's SDK clients and nothing else: the floor its cold import stands on. */
async function bareSdkBundle(packages: readonly string[], outfile: string, external: string[]): Promise<string> {
  const lines = packages.map((pkg, i) =>
    clientExports[pkg] ? `export { ${clientExports[pkg]} as c${i} } from '${pkg}';` : `export * as c${i} from '${pkg}';`,
  );
  const dir = join(outfile, '..');
  mkdirSync(dir, { recursive: true });
  const entry = join(dir, 'bare-entry.mjs');
  writeFileSync(entry, `${lines.join('\n')}\n`);
  await esbuild.build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    minify: true,
    mainFields: ['module', 'main'],
    banner: { js: "import{createRequire as __createRequire}from'node:module';const require=__createRequire(import.meta.url);" },
    external,
    logLevel: 'error',
  });
  return outfile;
}

/** One fresh Node process importing the bundle, with the environment the function gets in Lambda. */
async function coldImport(bundle: string, bundleDir: string): Promise<number> {
  const script = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(bundle).href)}); console.log(performance.now() - t);`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
    env: {
      PATH: process.env.PATH,
      NODE_OPTIONS: '--enable-source-maps',
      AWS_REGION: 'ap-northeast-1',
      AWS_ACCESS_KEY_ID: 'bench',
      AWS_SECRET_ACCESS_KEY: 'bench',
      TABLE_NAME: 'bench-meetings',
      // The bundle's copy, not /var/task: the same folder, where this machine has it.
      COUNTY_CONFIG_DIR: join(bundleDir, bundledCountyConfigFolder),
      SES_CONFIGURATION_SET: 'bench',
      SES_MAX_SEND_RATE: '1',
      // A local key: the cold import measures our code, not a network call to Secrets Manager.
      LINK_SIGNING_KEY: '00'.repeat(32),
      SECRETARIAT_JWT_ISSUER: 'https://cognito-idp.ap-northeast-1.amazonaws.com/ap-northeast-1_bench',
      SECRETARIAT_JWT_AUDIENCE: 'bench-client',
      // The console's sign-in (http-console refuses to start without it); nothing is fetched at import.
      SECRETARIAT_LOGIN_URL: 'https://bench.auth.ap-northeast-1.amazoncognito.com',
      SECRETARIAT_GROUP: 'secretariat',
      PUBLIC_BASE_URL: 'https://bench.execute-api.ap-northeast-1.amazonaws.com/',
      POWERTOOLS_LOG_LEVEL: 'WARN',
    },
  });
  return Number(stdout.trim().split('\n').pop());
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

const fastest = (values: readonly number[]) => Math.min(...values);

/**
 * The faster way to ship the SDK for this function, and its cold import against the bare clients'
 * shipped the same way. The ratio is of each variant's fastest import: on a shared machine other
 * work only ever adds time, so the fastest of several runs is the least disturbed one.
 */
export function coldImportRatio(report: BundleReport): { mode: Mode; ratio: number; millis: number; bareMillis: number } {
  const modes = (['external', 'bundled'] as const).map((mode) => ({
    mode,
    millis: fastest(report.coldImportMillis[mode]),
    bareMillis: fastest(report.bareImportMillis[mode]),
  }));
  const faster = modes.reduce((a, b) => (b.millis < a.millis ? b : a));
  return { ...faster, ratio: faster.millis / faster.bareMillis };
}

export function formatReport(reports: readonly BundleReport[]): string {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  const pair = (fn: readonly number[], bare: readonly number[]) =>
    `${fastest(fn).toFixed(0).padStart(4)} /${fastest(bare).toFixed(0).padStart(4)} ms = ${(fastest(fn) / fastest(bare)).toFixed(2)}×`;
  const lines = [
    `P4 Lambda bundles. Own code: the SDK left out, minified, no source map, against ${kb(ownCodeBudgetBytes)} (the document renderer is exempt).`,
    `Cold import: function / bare bundle of the SDK clients it imports, shipped the same way; fastest of ${importRuns} fresh processes each, interleaved (goal ≤ ${coldImportRatioGoal}×).`,
    `  ${'function'.padEnd(30)}${'own code'.padStart(10)}  ${'budget'.padEnd(17)}${'deployed'.padStart(10)}  ${'SDK bundled'.padEnd(22)}  ${'SDK external'.padEnd(22)}  faster, ratio`,
  ];
  for (const r of reports) {
    const verdict = r.budgetBytes === undefined ? 'exempt' : r.withinBudget ? 'within' : `OVER by ${kb(r.bundleBytes - r.budgetBytes)}`;
    const best = coldImportRatio(r);
    const goal = best.ratio <= coldImportRatioGoal ? 'goal met' : 'ABOVE goal';
    lines.push(
      `  ${r.name.padEnd(30)}${kb(r.bundleBytes).padStart(10)}  ${verdict.padEnd(17)}${kb(r.deployedBytes).padStart(10)}  ${pair(r.coldImportMillis.bundled, r.bareImportMillis.bundled).padEnd(22)}  ${pair(r.coldImportMillis.external, r.bareImportMillis.external).padEnd(22)}  ${best.mode} ${best.ratio.toFixed(2)}× (${goal})`,
    );
  }
  lines.push(
    `  Medians under this run's load (function / bare, bundled): ${reports.map((r) => `${r.name} ${median(r.coldImportMillis.bundled).toFixed(0)}/${median(r.bareImportMillis.bundled).toFixed(0)} ms`).join(', ')}.`,
    `  SDK clients: ${reports.map((r) => `${r.name} ${r.sdkPackages.map((p) => p.replace('@aws-sdk/', '')).join('+') || '(none)'}`).join('; ')}.`,
  );
  return lines.join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(formatReport(await main()));
}
