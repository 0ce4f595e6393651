// The base every handler is deployed with, so no function can forget a default: nodejs22.x on
// ARM64, a minified ESM bundle with source maps, its own log group with retention, its own role,
// and the deployed counties' configuration files, validated here, written into a folder beside the
// bundle (the handlers read every file in COUNTY_CONFIG_DIR at cold start).
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { RemovalPolicy, Validations, type Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { LogLevel, NodejsFunction, OutputFormat, SourceMapMode, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { loadCountyConfigFile } from '../../functions/adapters/config/county-config-file.ts';
import type { CountyConfig } from '../../functions/core/series/county-config.ts';
import { bindTable, type TableBinding } from './bind-table.ts';

/** The folder beside the bundle that holds one `<county id>.json` per deployed county. */
export const bundledCountyConfigFolder = 'counties';
/** Where the handlers find it in Lambda (they read COUNTY_CONFIG_DIR). */
export const bundledCountyConfigDir = `/var/task/${bundledCountyConfigFolder}`;

export const meetingRuntime = lambda.Runtime.NODEJS_22_X;

/** A folder of files a handler reads at run time, copied beside its bundle (the document fonts). */
export type BundledFolder = { source: string; folder: string };

/**
 * How every handler is bundled. bench/bundles.ts measures what the stack deploys, so both read this.
 * Everything is bundled and tree-shaken, the AWS SDK v3 included: loading the runtime's own copy
 * from /var/runtime/node_modules, file by file, made cold import about 2.5 times slower than one
 * bundled file (bench/bundles.ts measures both ways in every run). package.json marks functions/**
 * free of side effects, so a module nothing uses is left out whole.
 *
 * Two constants make code the deployment cannot need dead, so esbuild drops it (issue 13, lean
 * Lambdas):
 * - SAFETYNET_COUNTY_FILES = "validated": the county files beside the bundle are the synth's own
 *   validated output (defaults filled in), so the handlers read them without the schema and zod.
 * - SAFETYNET_RRULE_CADENCES = "none" when no deployed series has an RRULE cadence: ical.js and the
 *   RRULE expansion stay out (cadence.ts).
 */
export function meetingBundling(countyConfigFiles: readonly string[], besideBundle: readonly BundledFolder[] = []): BundlingOptions {
  return {
    format: OutputFormat.ESM,
    target: 'node22',
    minify: true,
    sourceMap: true,
    sourceMapMode: SourceMapMode.EXTERNAL,
    // File and line numbers in stack traces are what the maps are for; the sources would only
    // double the upload.
    sourcesContent: false,
    // Prefer packages' ESM builds: they tree-shake, CommonJS builds do not.
    mainFields: ['module', 'main'],
    // Nothing external: the SDK is bundled too (see above).
    externalModules: [],
    define: bundleConstants(countyConfigFiles.map((file) => loadCountyConfigFile(file))),
    // Warnings and errors only: bench/bundles.ts reports the sizes.
    logLevel: LogLevel.WARNING,
    // Bundled CommonJS dependencies (nodemailer) call require() for Node built-ins, which an ESM
    // module does not have until it is made.
    banner: "import{createRequire as __createRequire}from'node:module';const require=__createRequire(import.meta.url);",
    commandHooks: {
      beforeBundling: () => [],
      beforeInstall: () => [],
      afterBundling: (_inputDir, outputDir) => {
        const folder = `${outputDir}/${bundledCountyConfigFolder}`;
        return [
          `mkdir -p ${shellQuoted(folder)}`,
          ...countyConfigFiles.map((file) => `cp ${shellQuoted(validatedCopy(file))} ${shellQuoted(`${folder}/${basename(file)}`)}`),
          ...besideBundle.flatMap(({ source, folder: name }) => [
            `mkdir -p ${shellQuoted(`${outputDir}/${name}`)}`,
            `cp ${shellQuoted(source)}/* ${shellQuoted(`${outputDir}/${name}`)}/`,
          ]),
        ];
      },
    },
  };
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
  readonly function: NodejsFunction;
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

    this.function = new NodejsFunction(this, 'Function', {
      entry: props.entry,
      handler: 'handler',
      description: props.description,
      runtime: meetingRuntime,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      role: this.role,
      logGroup: this.logGroup,
      bundling: meetingBundling(props.countyConfigFiles, props.besideBundle),
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
        'nodejs22.x is the runtime the project builds and tests for (DESIGN.md); moving to a newer Node is a deliberate upgrade with its own test run, not a side effect of a CDK release.',
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

/** The define constants for bundles serving these counties (see meetingBundling). */
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

/** A path as one shell word: the bundling commands run in a shell, and a project may sit in "My Projects". */
function shellQuoted(path: string): string {
  return `'${path.replace(/'/g, `'\\''`)}'`;
}
