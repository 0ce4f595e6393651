// Builds the deployment's stack from CDK context: the settings, then the county files they select,
// then the placeholder gate, all before any construct exists. bin/app.ts and the infrastructure
// tests both build the app this way, so the tests check what `cdk synth` produces.
import { fileURLToPath } from 'node:url';
import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { loadDeployedCounties } from './deployed-counties.ts';
import { readDeploymentSettings } from './deployment-config.ts';
import { assertNoPlaceholders } from './placeholder-gate.ts';
import { handlerEntry, SafetynetStack, type SafetynetStackProps } from './safetynet-stack.ts';

export const projectRoot = fileURLToPath(new URL('..', import.meta.url));

export type SafetynetAppOptions = Pick<SafetynetStackProps, 'rsvpReplyHandlerEntry'>;

/** What `cdk synth` and `cdk deploy` build (bin/app.ts): every handler wired, calendar replies included. */
export const deployedAppOptions: SafetynetAppOptions = { rsvpReplyHandlerEntry: handlerEntry('ses-reply') };

export function addSafetynetStack(app: App, options: SafetynetAppOptions = {}): SafetynetStack {
  const deployment = readDeploymentSettings(app.node, projectRoot);
  const counties = loadDeployedCounties(deployment, projectRoot);
  const allowedPlaceholders = assertNoPlaceholders(counties, deployment, projectRoot);
  const names = counties.map(({ config }) => config.county.name.en ?? config.county.id);
  // One stack for all the counties served, under a name that stays when a county is added.
  return new SafetynetStack(app, deployment.stackName, {
    description: `Social Safety Net meetings for ${names.length <= 3 ? names.join(', ') : `${names.length} counties and cities`}`,
    env: { account: deployment.account ?? process.env.CDK_DEFAULT_ACCOUNT, region: deployment.region },
    deployment,
    counties,
    allowedPlaceholders,
    ...options,
  });
}

/**
 * cdk-nag's AWS Solutions rules on everything in the app. cdk-nag 3 runs as a CDK policy-validation
 * plugin rather than an Aspect: an error that is not acknowledged (Validations.acknowledge, beside
 * the resource, with its reason) fails `cdk synth`.
 */
export function applyComplianceChecks(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
}
