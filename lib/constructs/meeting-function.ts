// The base every handler is deployed with, so no function can forget a default: nodejs22.x on
// ARM64, a minified ESM bundle with source maps, its own log group with retention, its own role,
// and the deployed counties' configuration files, validated here, written into a folder beside the
// bundle (the handlers read every file in COUNTY_CONFIG_DIR at cold start).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AssetHashType, DockerImage, RemovalPolicy, Validations, type Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { loadCountyConfigFile } from '../../functions/adapters/config/county-config-file.ts';
import type { CountyConfig } from '../../functions/core/series/county-config.ts';
import { bundleCacheFolder, bundleCacheKey, restoreBundle, storeBundle } from '../bundling/bundle-cache.ts';
import type { BundleRequest } from '../bundling/bundle-handler.ts';
import { bindTable, type TableBinding } from './bind-table.ts';

/** The folder beside the bundle that holds one `<county id>.json` per deployed county. */
export const bundledCountyConfigFolder = 'counties';
/** Where the handlers find it in Lambda (they read COUNTY_CONFIG_DIR). */
export const bundledCountyConfigDir = `/var/task/${bundledCountyConfigFolder}`;

export const meetingRuntime = lambda.Runtime.NODEJS_22_X;

/** A folder of files a handler reads at run time, copied beside its bundle (the document fonts). */
export type BundledFolder = { source: string; folder: string };

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const bundleScript = fileURLToPath(new URL('../bundling/bundle-handler.ts', import.meta.url));

/**
 * A handler's code: esbuild run at synth on this machine (lib/bundling/handler-build.ts), into index.mjs with
 * an external source map. bench/bundles.ts measures what the stack deploys.
 *
 * Everything is bundled and tree-shaken, the AWS SDK v3 included: loading the runtime's own copy
 * from /var/runtime/node_modules, file by file, made cold import about 2.5 times slower than one
 * bundled file (bench/bundles.ts measures both ways in every run). package.json marks functions/**
 * free of side effects, so a module nothing uses is left out whole, and a plugin replaces
 * Nodemailer's 74 KB MIME type table with the few types we send.
 *
 * Two constants make code the deployment cannot need dead, so esbuild drops it (issue 13, lean
 * Lambdas):
 * - SAFETYNET_COUNTY_FILES = "validated": the county files beside the bundle are the synth's own
 *   validated output (defaults filled in), so the handlers read them without the schema and zod.
 * - SAFETYNET_RRULE_CADENCES = "none" when no deployed series has an RRULE cadence: ical.js and the
 *   RRULE expansion stay out (cadence.ts).
 */
export function meetingCode(entry: string, countyConfigFiles: readonly string[], besideBundle: readonly BundledFolder[] = []): lambda.Code {
  const define = bundleConstants(countyConfigFiles.map((file) => loadCountyConfigFile(file)));
  const request = (outputDir: string): BundleRequest => ({
    entry,
    outputDir,
    define,
    countyFiles: countyConfigFiles.map(validatedCopy),
    countyFolder: bundledCountyConfigFolder,
    besideBundle: [...besideBundle],
  });
  return lambda.Code.fromAsset(projectRoot, {
    // The hash of what is deployed, so an unchanged bundle is not uploaded again.
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      // Never pulled: the local step below always bundles (esbuild is a dev dependency). CDK needs
      // an image all the same, and it and the command make each function's bundling distinct.
      image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:22'),
      command: ['node', '--import', 'tsx', relative(projectRoot, bundleScript), relative(projectRoot, entry), JSON.stringify(define)],
      local: {
        tryBundle(outputDir) {
          bundleLocally(request(outputDir));
          return true;
        },
      },
    },
  });
}

/**
 * Runs lib/bundling/bundle-handler.ts in a process of its own (CDK's local bundling is synchronous).
 * The test suite sets SAFETYNET_BUNDLE_CACHE, and then an asset built before from the same sources
 * and request is copied instead (lib/bundling/bundle-cache.ts). A deployer's `cdk synth` and
 * `cdk deploy` have no such variable: they always bundle afresh and never read the cache.
 */
function bundleLocally(request: BundleRequest): void {
  const bundle = () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', bundleScript, JSON.stringify(request)], {
      cwd: projectRoot,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (result.status !== 0)
      throw new Error(`bundling ${relative(projectRoot, request.entry)} failed (exit ${result.status ?? result.signal})`);
  };
  const cacheFolder = bundleCacheFolder();
  if (!cacheFolder) return bundle();
  const key = bundleCacheKey(projectRoot, {
    ...request,
    copied: [...request.countyFiles, ...request.besideBundle.map(({ source }) => source)],
  });
  if (restoreBundle(cacheFolder, key, request.outputDir)) return;
  bundle();
  storeBundle(cacheFolder, key, request.outputDir);
}

export type MeetingFunctionProps = {
  /** The handler module, e.g. functions/handlers/plan-meetings.ts (absolute path). */
  entry: string;
  description: string;
  /** Absolute paths of the deployed counties' files, each named `<county id>.json`. */
  countyConfigFiles: readonly string[];
  timeout: Duration;
  memorySize: number;
  logRetention: logs.RetentionDays;
  environment?: Record<string, string>;
  /** Folders copied beside the bundle, for files read at run time (only the document function has one). */
  besideBundle?: readonly BundledFolder[];
  /**
   * For functions invoked asynchronously (by EventBridge Scheduler): how often Lambda retries a
   * failed event, and the queue that keeps the event once it gives up.
   */
  asyncInvocation?: { retryAttempts: number; maxEventAge: Duration; onFailure: sqs.IQueue };
};

export class MeetingFunction extends Construct {
  readonly function: lambda.Function;
  readonly logGroup: logs.LogGroup;
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: MeetingFunctionProps) {
    super(scope, id);

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention,
      // Logs outlive a deleted stack: they are the record of what was sent and when.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // An own role instead of the default one with AWSLambdaBasicExecutionRole: that managed policy
    // may create log groups and write to any of them; this one writes to its own group only.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${id}`,
    });
    this.logGroup.grantWrite(this.role);

    this.function = new lambda.Function(this, 'Function', {
      code: meetingCode(props.entry, props.countyConfigFiles, props.besideBundle),
      handler: 'index.handler',
      description: props.description,
      runtime: meetingRuntime,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      role: this.role,
      logGroup: this.logGroup,
      environment: {
        COUNTY_CONFIG_DIR: bundledCountyConfigDir,
        POWERTOOLS_LOG_LEVEL: 'INFO',
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
    });
    this.function.node.addDependency(this.logGroup);
    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'The functions run on nodejs22.x, pinned here; the tests and local runs use Node 20.20 (package.json engines: >=20.19), so the code keeps to what both support. Moving the functions to a newer Node is a deliberate upgrade with its own test run, not a side effect of a CDK release.',
    });

    if (props.asyncInvocation) {
      this.function.configureAsyncInvoke({
        retryAttempts: props.asyncInvocation.retryAttempts,
        maxEventAge: props.asyncInvocation.maxEventAge,
        onFailure: new SqsDestination(props.asyncInvocation.onFailure),
      });
    }
  }

  /** Sets TABLE_NAME and grants exactly the access the handler needs (see bind-table.ts). */
  bindTable(binding: TableBinding): void {
    bindTable(this.function, binding);
  }

  addEnvironment(name: string, value: string): void {
    this.function.addEnvironment(name, value);
  }
}

/** The define constants for bundles serving these counties (see meetingCode). */
export function bundleConstants(counties: readonly CountyConfig[]): Record<string, string> {
  const rrule = counties.some((county) => county.series.some((series) => series.cadence.kind === 'rrule'));
  return {
    'process.env.SAFETYNET_COUNTY_FILES': JSON.stringify('validated'),
    'process.env.SAFETYNET_RRULE_CADENCES': JSON.stringify(rrule ? 'present' : 'none'),
  };
}

/**
 * The county file as the schema returns it, written once to a folder named by its content: the
 * bundling commands copy it beside the bundle. A bad file stops the synth here, naming it.
 */
function validatedCopy(file: string): string {
  const text = `${JSON.stringify(loadCountyConfigFile(file), null, 1)}\n`;
  const folder = join(tmpdir(), 'safetynet-validated-counties', createHash('sha256').update(text).digest('hex').slice(0, 16));
  mkdirSync(folder, { recursive: true });
  const copy = join(folder, basename(file));
  writeFileSync(copy, text);
  return copy;
}
