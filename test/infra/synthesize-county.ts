// Builds the stack the way bin/app.ts does (same context from cdk.json, same validation), for the
// infrastructure tests. Each test file synthesizes once and asserts on the result. Unless the test
// says otherwise, the stack serves the default county alone (Chiayi), whatever other county files
// functions/config/counties holds, so the assertions about its series stay true.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, onTestFinished } from 'vitest';
import { addSafetynetStack, projectRoot, type SafetynetAppOptions } from '../../lib/safetynet-app.ts';
import type { SafetynetStack } from '../../lib/safetynet-stack.ts';

export const cdkJsonContext = (JSON.parse(readFileSync(join(projectRoot, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> })
  .context;

export const defaultCountyId = 'chiayi-county';

export type SynthesizedCounty = { app: App; stack: SafetynetStack; template: Template };

export type SynthesizeOptions = SafetynetAppOptions & {
  /** Context on top of cdk.json's, as `-c key=value` would give. */
  context?: Record<string, unknown>;
  /** Skip esbuild (for tests about the template only); the assets are then not real bundles. */
  skipBundling?: boolean;
};

/** Each synthesis writes its bundles to its own directory, removed after the file's (or the test's) run. */
function removeAfterwards(dir: string): void {
  const remove = () => rmSync(dir, { recursive: true, force: true });
  // Inside a test suite hooks cannot be added; the test's own hook does the same. Asked of vitest
  // itself rather than of expect's state, which outlives a file when workers are not isolated.
  try {
    onTestFinished(remove);
  } catch {
    afterAll(remove);
  }
}

export function synthesizeCounty(options: SynthesizeOptions = {}): SynthesizedCounty {
  const { context = {}, skipBundling = false, ...appOptions } = options;
  const outdir = mkdtempSync(join(tmpdir(), 'safetynet-cdk-'));
  removeAfterwards(outdir);
  const app = new App({
    outdir,
    // aws-cdk-lib's own template check (the CloudFormation schemas and rules, in WebAssembly) is
    // about 6 s of CPU per synthesis, and it only ever warns: no test here reads it. The real
    // `cdk synth` of cdk-cli.test.ts runs it as a deployer's synth does.
    builtinCloudFormationValidation: false,
    context: {
      ...cdkJsonContext,
      'safetynet:counties': [defaultCountyId],
      ...context,
      ...(skipBundling ? { 'aws:cdk:bundling-stacks': [] } : {}),
    },
  });
  const stack = addSafetynetStack(app, appOptions);
  return { app, stack, template: Template.fromStack(stack) };
}

type Resource = { Type: string; Properties?: Record<string, unknown>; DeletionPolicy?: string; UpdateReplacePolicy?: string };

/** The template's resources of one type, keyed by logical id. */
export function resourcesOfType(template: Template, type: string): Record<string, Resource> {
  return template.findResources(type) as Record<string, Resource>;
}

/** One resource by its logical id; fails the test when there is none. */
export function resourceById(template: Template, logicalId: string): Resource {
  const resource = (template.toJSON() as { Resources: Record<string, Resource | undefined> }).Resources[logicalId];
  if (!resource) throw new Error(`no resource ${logicalId}`);
  return resource;
}

/** The single resource of a type (that passes `which`); fails the test when there are none or several. */
export function onlyResource(template: Template, type: string, which: (resource: Resource) => boolean = () => true): [string, Resource] {
  const entries = Object.entries(resourcesOfType(template, type)).filter(([, resource]) => which(resource));
  if (entries.length !== 1) throw new Error(`expected one ${type}, found ${entries.length}`);
  return entries[0] as [string, Resource];
}
