// `npx cdk synth` / `npx cdk deploy`: the stack for every county the settings select, checked by
// cdk-nag. The counties and settings come from cdk.json's context, `-c safetynet:<field>=…`, or
// `-c safetynet:deploymentFile=…`; county files holding placeholders are refused unless
// `safetynet:allowPlaceholders` is true.
import { App } from 'aws-cdk-lib';
import { CountyConfigError } from '../functions/core/series/county-config.ts';
import { DeploymentConfigError } from '../lib/deployment-config.ts';
import { PlaceholderGateError } from '../lib/placeholder-gate.ts';
import { addSafetynetStack, applyComplianceChecks, deployedAppOptions } from '../lib/safetynet-app.ts';

const app = new App();
try {
  addSafetynetStack(app, deployedAppOptions);
} catch (error) {
  // A configuration mistake is the deployer's to fix: show what and where, not a stack trace.
  if (error instanceof DeploymentConfigError || error instanceof CountyConfigError || error instanceof PlaceholderGateError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
applyComplianceChecks(app);
app.synth();
