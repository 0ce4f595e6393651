// Builds a county's stack from CDK context: the deployment settings, then the county file they
// name, both validated before any construct exists. bin/app.ts and the infrastructure tests both
// build the app this way, so the tests check what `cdk synth` produces.
import { fileURLToPath } from 'node:url';
import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { loadCountyConfigFile } from '../functions/adapters/config/county-config-file.ts';
import { assertSameSecretariatMailbox, countyConfigPath, readDeploymentSettings } from './deployment-config.ts';
import { SafetynetStack, type SafetynetStackProps } from './safetynet-stack.ts';

export const projectRoot = fileURLToPath(new URL('..', import.meta.url));

export type SafetynetAppOptions = Pick<SafetynetStackProps, 'rsvpReplyHandlerEntry'>;

export function addSafetynetStack(app: App, options: SafetynetAppOptions = {}): SafetynetStack {
  const deployment = readDeploymentSettings(app.node, projectRoot);
  const countyConfigFile = countyConfigPath(deployment, projectRoot);
  const county = loadCountyConfigFile(countyConfigFile);
  assertSameSecretariatMailbox(deployment, county);
  // One stack per county, so two counties can share an account.
  return new SafetynetStack(app, `SafetynetMeetings-${county.county.id}`, {
    description: `Social Safety Net meetings for ${county.county.name.en ?? county.county.id}`,
    env: { account: deployment.account ?? process.env.CDK_DEFAULT_ACCOUNT, region: deployment.region },
    deployment,
    county,
    countyConfigFile,
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
