// P4: what each Lambda weighs and how long its module takes to load cold, as a ratio to a bare
// bundle of the AWS SDK clients it uses. The deployed bundles are the ones the stack deploys: the
// app is built exactly as `cdk synth` builds it (same context, same bundling, the SDK bundled in),
// and each function's staged asset is measured. Beside each, esbuild builds the same entry with the
// same options but the SDK left external: its size is the function's own code, and its cold import
// (the SDK then loaded from node_modules, as from the Lambda runtime's copy) is the other way to
// ship it. A bare bundle of only the SDK clients the function imports is built both ways too.
//
// Every cold import is a fresh `node` process. A function and its bare bundle are imported as a pair,
// one right after the other (which goes first alternates), and the ratio is taken per pair, so a
// burst of load from elsewhere falls on both halves of a pair alike; the report gives the median of
// the pairs' ratios, their spread, and the ratio of the two fastest imports. Each import's CPU time
// (process.cpuUsage, the importing process's own) is recorded beside its wall time: on this shared
// 2-core machine at a load average of 20, a bundle imported against itself gave pair ratios of
// 0.56-1.58 in wall time and 0.87-1.17 in CPU time, so CPU time is what the verdict reads (in Lambda the
// import has a CPU to itself, and its wall time is its CPU time). Pinning to one CPU (taskset) made it
// no steadier. BENCH_ROUNDS=3 measures three rounds over the same bundles to show the spread between
// rounds; BENCH_FUNCTIONS=http-links,http-console measures only those. Run: npx tsx bench/bundles.ts
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
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
/** Pairs (function, bare) per mode and round; BENCH_IMPORT_RUNS overrides. */
const importRuns = Number(process.env.BENCH_IMPORT_RUNS ?? 21);
const rounds = Number(process.env.BENCH_ROUNDS ?? 1);
const only = process.env.BENCH_FUNCTIONS?.split(',').filter(Boolean);

type Mode = 'external' | 'bundled';

/** One cold import: wall-clock milliseconds of `await import()` and the process's CPU milliseconds in it. */
export type ImportTime = { wall: number; cpu: number };

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
  /**
   * Per round, the imports of the function and of its bare bundle, one per fresh `node` process;
   * the i-th of each were measured as a pair, one right after the other.
   */
  coldImports: Record<Mode, ImportTime[]>[];
  bareImports: Record<Mode, ImportTime[]>[];
  /** The 1-minute load average before each round, beside the machine's cores. */
  loadAverages: number[];
  cores: number;
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
      if (only && !only.includes(name)) continue;
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
          coldImports: [],
          bareImports: [],
          loadAverages: [],
          cores: availableParallelism(),
        },
      });
    }

    for (let round = 0; round < rounds; round++) {
      const load = loadavg()[0]!;
      for (const v of variants) {
        v.report.coldImports.push({ external: [], bundled: [] });
        v.report.bareImports.push({ external: [], bundled: [] });
        v.report.loadAverages.push(load);
      }
      // Interleaved across functions too, so a slow minute falls on every function alike.
      for (let i = 0; i < importRuns; i++) {
        for (const v of variants) {
          for (const mode of ['external', 'bundled'] as const) {
            // Which half of the pair goes first alternates: the second process may find the disk cache warmer.
            const bareFirst = i % 2 === 1;
            const first = await coldImport(bareFirst ? v.bare[mode] : v.files[mode], v.deployedDir);
            const second = await coldImport(bareFirst ? v.files[mode] : v.bare[mode], v.deployedDir);
            v.report.coldImports[round]![mode].push(bareFirst ? second : first);
            v.report.bareImports[round]![mode].push(bareFirst ? first : second);
          }
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
async function coldImport(bundle: string, bundleDir: string): Promise<ImportTime> {
  const script = [
    'const cpu = process.cpuUsage(), t = performance.now();',
    `await import(${JSON.stringify(pathToFileURL(bundle).href)});`,
    'const wall = performance.now() - t, used = process.cpuUsage(cpu);',
    'console.log(JSON.stringify({ wall, cpu: (used.user + used.system) / 1000 }));',
  ].join(' ');
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
      // The functions that serve documents get the renderer's name in Lambda, and mount their
      // document routes only with it; nothing is invoked at import.
      DOCUMENT_FUNCTION_NAME: 'bench-render-documents',
      // A local key: the cold import measures our code, not a network call to Secrets Manager.
      LINK_SIGNING_KEY: '00'.repeat(32),
      SECRETARIAT_JWT_ISSUER: 'https://cognito-idp.ap-northeast-1.amazonaws.com/ap-northeast-1_bench',
      SECRETARIAT_JWT_AUDIENCE: 'bench-client',
      // The console's sign-in (http-console refuses to start without it); nothing is fetched at import.
      SECRETARIAT_LOGIN_URL: 'https://bench.auth.ap-northeast-1.amazoncognito.com',
      SECRETARIAT_GROUP: 'secretariat',
      PUBLIC_BASE_URL: 'https://bench.execute-api.ap-northeast-1.amazonaws.com/',
      POWERTOOLS_LOG_LEVEL: 'WARN',
      // Lambda runs Node 22, where the SDK warns of nothing; on this machine's Node 20 it writes a
      // deprecation warning to stderr when the first client is made, which Lambda never pays.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
  });
  return JSON.parse(stdout.trim().split('\n').pop()!) as ImportTime;
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

const fastest = (values: readonly number[]) => Math.min(...values);

export type PairRatios = {
  /** Median of the per-pair ratios, function / bare. */
  median: number;
  low: number;
  high: number;
  /** The function's fastest import over the bare bundle's fastest. */
  fastest: number;
  /** Median milliseconds of the function and of its bare bundle. */
  millis: number;
  bareMillis: number;
};

export function pairRatios(fn: readonly number[], bare: readonly number[]): PairRatios {
  const ratios = fn.map((value, i) => value / bare[i]!);
  return {
    median: median(ratios),
    low: Math.min(...ratios),
    high: Math.max(...ratios),
    fastest: fastest(fn) / fastest(bare),
    millis: median(fn),
    bareMillis: median(bare),
  };
}

/**
 * One round's verdict for a function: the way of shipping the SDK whose import takes less CPU, and
 * its ratios to the bare clients shipped the same way, in CPU time (what the goal is judged by) and
 * in wall time.
 */
export function coldImportRatio(report: BundleReport, round = 0): { mode: Mode; cpu: PairRatios; wall: PairRatios } {
  const of = (mode: Mode) => {
    const fn = report.coldImports[round]![mode];
    const bare = report.bareImports[round]![mode];
    return {
      mode,
      cpu: pairRatios(
        fn.map((t) => t.cpu),
        bare.map((t) => t.cpu),
      ),
      wall: pairRatios(
        fn.map((t) => t.wall),
        bare.map((t) => t.wall),
      ),
    };
  };
  const [external, bundled] = [of('external'), of('bundled')];
  return bundled.cpu.millis <= external.cpu.millis ? bundled : external;
}

export function formatReport(reports: readonly BundleReport[]): string {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  const x = (ratio: number) => `${ratio.toFixed(2)}×`;
  const roundCount = reports[0]?.coldImports.length ?? 0;
  const loads = reports[0]?.loadAverages.map((load) => load.toFixed(1)).join(', ') ?? '';
  const lines = [
    `P4 Lambda bundles. Own code: the SDK left out, minified, no source map, against ${kb(ownCodeBudgetBytes)} (the document renderer is exempt).`,
    `Cold import: function / bare bundle of the SDK clients it imports, shipped the faster way; ${importRuns} pairs of fresh processes per round, ` +
      `${roundCount} round(s), 1-minute load average ${loads} on ${reports[0]?.cores ?? '?'} cores. Ratio = median of the pairs' ratios of CPU time ` +
      `(goal ≤ ${coldImportRatioGoal}×), [lowest–highest pair], fastest/fastest; wall time beside it (steady only on a quiet machine).`,
    `  ${'function'.padEnd(30)}${'own code'.padStart(10)}  ${'budget'.padEnd(17)}${'deployed'.padStart(10)}  ${'SDK'.padEnd(9)}${'CPU ms fn/bare'.padEnd(16)}${'CPU ratio [pairs] fastest'.padEnd(30)}${'wall ratio [pairs]'.padEnd(24)}verdict`,
  ];
  for (const r of reports) {
    const verdict = r.budgetBytes === undefined ? 'exempt' : r.withinBudget ? 'within' : `OVER by ${kb(r.bundleBytes - r.budgetBytes)}`;
    for (let round = 0; round < roundCount; round++) {
      const { mode, cpu, wall } = coldImportRatio(r, round);
      const goal = cpu.median <= coldImportRatioGoal ? 'goal met' : 'ABOVE goal';
      const head =
        round === 0
          ? `${r.name.padEnd(30)}${kb(r.bundleBytes).padStart(10)}  ${verdict.padEnd(17)}${kb(r.deployedBytes).padStart(10)}`
          : `${`  round ${round + 1}`.padEnd(30)}${''.padStart(10)}  ${''.padEnd(17)}${''.padStart(10)}`;
      lines.push(
        `  ${head}  ${mode.padEnd(9)}${`${cpu.millis.toFixed(0)}/${cpu.bareMillis.toFixed(0)}`.padEnd(16)}` +
          `${`${x(cpu.median)} [${cpu.low.toFixed(2)}–${cpu.high.toFixed(2)}] ${x(cpu.fastest)}`.padEnd(30)}` +
          `${`${x(wall.median)} [${wall.low.toFixed(2)}–${wall.high.toFixed(2)}]`.padEnd(24)}${goal}`,
      );
    }
  }
  if (roundCount > 1) {
    lines.push(
      `  Spread between rounds (CPU ratio, lowest–highest round median): ${reports
        .map((r) => {
          const medians = r.coldImports.map((_, round) => coldImportRatio(r, round).cpu.median);
          return `${r.name} ${Math.min(...medians).toFixed(2)}–${Math.max(...medians).toFixed(2)}`;
        })
        .join(', ')}.`,
    );
  }
  lines.push(
    `  SDK clients: ${reports.map((r) => `${r.name} ${r.sdkPackages.map((p) => p.replace('@aws-sdk/', '')).join('+') || '(none)'}`).join('; ')}.`,
  );
  return lines.join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(formatReport(await main()));
}
