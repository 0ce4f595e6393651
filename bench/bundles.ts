// What each Lambda weighs and how long its module takes to load cold. The bundles are the ones the
// stack deploys: the app is built exactly as `cdk synth` builds it (same context, same bundling),
// and each function's staged asset is measured. Run: npx tsx bench/bundles.ts
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { App } from 'aws-cdk-lib';
import type * as s3assets from 'aws-cdk-lib/aws-s3-assets';
import { bundledCountyConfigFolder } from '../lib/constructs/meeting-function.ts';
import { addSafetynetStack, projectRoot } from '../lib/safetynet-app.ts';

const run = promisify(execFile);

export const budgetBytes = 300 * 1024;
/** The document renderer carries pdf-lib, fontkit and exceljs by design (its fonts lie beside it, not in it). */
const budgetOf = (name: string) => (name === 'render-documents' ? 3 * 1024 * 1024 : budgetBytes);
const importRuns = 5;

export type BundleReport = {
  name: string;
  bundleBytes: number;
  sourceMapBytes: number;
  budgetBytes: number;
  withinBudget: boolean;
  /** Milliseconds from `await import()` to its return, one per fresh `node` process. */
  coldImportMillis: number[];
};

export async function main(): Promise<BundleReport[]> {
  // Inside the project, so the bundles resolve the external @aws-sdk packages from node_modules the
  // way the Lambda runtime resolves its own copy.
  const outdir = join(projectRoot, 'cdk.out', `bench-${process.pid}`);
  mkdirSync(outdir, { recursive: true });
  try {
    const context = (JSON.parse(readFileSync(join(projectRoot, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> }).context;
    const stack = addSafetynetStack(new App({ outdir, context }));
    const functions = {
      'plan-meetings': stack.planMeetings,
      'dispatch-outbox': stack.dispatchOutbox,
      'http-api': stack.httpApp,
      'render-documents': stack.renderDocuments,
    };

    const reports: BundleReport[] = [];
    for (const [name, meetingFunction] of Object.entries(functions)) {
      const asset = meetingFunction.function.node.findChild('Code') as s3assets.Asset;
      const dir = resolve(outdir, asset.assetPath);
      const bundle = join(dir, 'index.mjs');
      const bundleBytes = statSync(bundle).size;
      const coldImportMillis: number[] = [];
      for (let i = 0; i < importRuns; i++) coldImportMillis.push(await coldImport(bundle, dir));
      reports.push({
        name,
        bundleBytes,
        sourceMapBytes: statSync(`${bundle}.map`).size,
        budgetBytes: budgetOf(name),
        withinBudget: bundleBytes < budgetOf(name),
        coldImportMillis,
      });
    }
    return reports;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
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
      SECRETARIAT_GROUP: 'secretariat',
      PUBLIC_BASE_URL: 'https://bench.execute-api.ap-northeast-1.amazonaws.com/',
      POWERTOOLS_LOG_LEVEL: 'WARN',
    },
  });
  return Number(stdout.trim().split('\n').pop());
}

export function formatReport(reports: readonly BundleReport[]): string {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  const ms = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return `median ${sorted[Math.floor(sorted.length / 2)]?.toFixed(0)} ms, min ${sorted[0]?.toFixed(0)} ms`;
  };
  const lines = [
    `Lambda bundles (minified ESM, source maps excluded; budget ${kb(budgetBytes)}, the document renderer ${kb(budgetOf('render-documents'))}), cold import over ${importRuns} fresh processes:`,
  ];
  for (const r of reports) {
    const verdict = r.withinBudget ? 'within budget' : `OVER budget by ${kb(r.bundleBytes - r.budgetBytes)}`;
    lines.push(
      `  ${r.name.padEnd(16)} ${kb(r.bundleBytes).padStart(9)}  ${verdict.padEnd(24)} map ${kb(r.sourceMapBytes).padStart(9)}   import ${ms(r.coldImportMillis)}`,
    );
  }
  return lines.join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(formatReport(await main()));
}
