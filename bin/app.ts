// `npx cdk synth` / `npx cdk deploy`: one county's stack, checked by cdk-nag. The county and its
// settings come from cdk.json's context, `-c safetynet:<field>=…`, or `-c safetynet:deploymentFile=…`.
import { App } from 'aws-cdk-lib';
import { CountyConfigError } from '../functions/core/series/county-config.ts';
import { DeploymentConfigError } from '../lib/deployment-config.ts';
import { addSafetynetStack, applyComplianceChecks } from '../lib/safetynet-app.ts';

const app = new App();
try {
  addSafetynetStack(app);
} catch (error) {
  // A configuration mistake is the deployer's to fix: show what and where, not a stack trace.
  if (error instanceof DeploymentConfigError || error instanceof CountyConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
applyComplianceChecks(app);
app.synth();
