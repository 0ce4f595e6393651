// cdk-nag's AWS Solutions rules, applied the way bin/app.ts applies them: no finding is left
// unacknowledged, and every acknowledgment says why in words specific to this stack.
import { Validations } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { httpFunctionTable, routeKeysOf } from '../../lib/constructs/http-functions.ts';
import { applyComplianceChecks, deployedAppOptions } from '../../lib/safetynet-app.ts';
import { synthesizeCounty } from './synthesize-county.ts';

// The stack bin/app.ts builds, reply inbox included. The template alone is checked here: esbuild's
// bundles do not change what cdk-nag sees.
const { app, stack } = synthesizeCounty({ skipBundling: true, ...deployedAppOptions });

type Acknowledgment = { construct: string; ruleId: string; reason: string };
function acknowledgments(root: IConstruct): Acknowledgment[] {
  return root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        // Stored as "Annotation::<rule id>", the form cdk-nag also strips before comparing.
        Object.entries(entry.data as Record<string, string>).map(([key, reason]) => ({
          construct: construct.node.path,
          ruleId: key.replace(/^annotation::/i, ''),
          reason,
        })),
      ),
  );
}

describe('AwsSolutionsChecks', () => {
  const report = new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(stack);
  const describeViolations = (severity: string) =>
    report.violations
      .filter((v) => v.severity === severity)
      .map((v) => `${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`);

  it('finds no unacknowledged error', () => {
    expect(describeViolations('error')).toEqual([]);
  });

  it('finds no unacknowledged warning either', () => {
    expect(describeViolations('warning')).toEqual([]);
  });

  it('lets the app synthesize with the checks registered as bin/app.ts registers them', () => {
    applyComplianceChecks(app);
    expect(() => app.synth({ force: true })).not.toThrow();
  });
});

describe('acknowledgments', () => {
  const all = acknowledgments(stack).filter((a) => a.ruleId.startsWith('AwsSolutions-'));

  it('each carry a specific reason', () => {
    expect(all.length).toBeGreaterThan(0);
    for (const { construct, ruleId, reason } of all) {
      expect(reason.length, `${ruleId} on ${construct}`).toBeGreaterThanOrEqual(60);
      expect(reason, `${ruleId} on ${construct}`).not.toMatch(/^(n\/a|none|not needed|not required|ok)\b/i);
    }
  });

  it('name single findings, never a whole wildcard rule', () => {
    // IAM5 is acknowledged per finding ("AwsSolutions-IAM5[Resource::…]"), so a new wildcard is caught.
    for (const { ruleId } of all.filter((a) => a.ruleId.startsWith('AwsSolutions-IAM5')))
      expect(ruleId).toMatch(/^AwsSolutions-IAM5\[.+\]$/);
  });

  // The construct id CDK gives a route: "ANY /c/{county}/console" → "ANY--c--{county}--console".
  const routeConstructOf = (key: string) => (key === '$default' ? 'DefaultRoute' : key.replace(' ', '').replaceAll('/', '--'));
  const openRows = httpFunctionTable.flatMap((spec) => (spec.access === 'jwt' ? [] : [{ spec, reason: spec.access.open }]));

  it('are the reviewed list: open routes exactly as the HTTP table opens them, and each function on its pinned runtime', () => {
    const summary = [
      ...new Set(all.map((a) => `${a.ruleId.replace(/\[.*\]$/, '[…]')} @ ${a.construct.replace(`${stack.node.path}/`, '')}`)),
    ].sort();
    const isRoute = (line: string) => line.startsWith('AwsSolutions-APIG4 @ Http/Api/');
    expect(summary.filter(isRoute)).toEqual(
      openRows
        .flatMap(({ spec }) => routeKeysOf(spec))
        .map((key) => `AwsSolutions-APIG4 @ Http/Api/${routeConstructOf(key)}`)
        .sort(),
    );
    expect(summary.filter((line) => !isRoute(line))).toEqual(
      [
        'AwsSolutions-IAM5[…] @ Replies/ReadReplies',
        'AwsSolutions-IAM5[…] @ Schedules/InvokeRole',
        'AwsSolutions-L1 @ DispatchOutbox/Function',
        'AwsSolutions-L1 @ Documents/Renderer/Function',
        'AwsSolutions-L1 @ HandleRsvpReplies/Function',
        ...httpFunctionTable.map((spec) => `AwsSolutions-L1 @ ${spec.id}/Function`),
        'AwsSolutions-L1 @ PlanMeetings/Function',
        'AwsSolutions-S1 @ Replies/RawReplies',
        'AwsSolutions-SMG4 @ LinkSigningKey',
        'AwsSolutions-SQS3 @ FailedInvocations',
        'AwsSolutions-SQS3 @ Mail/DeliveryProblemsRecord',
        'AwsSolutions-SQS3 @ Schedules/DeadLetters',
      ].sort(),
    );
    // Today's open routes, whatever else the table opens: the links', the console's, the feeds'.
    expect(summary).toEqual(
      expect.arrayContaining([
        'AwsSolutions-APIG4 @ Http/Api/DefaultRoute',
        'AwsSolutions-APIG4 @ Http/Api/ANY--c--{county}--console',
        'AwsSolutions-APIG4 @ Http/Api/ANY--c--{county}--console--{proxy+}',
        'AwsSolutions-APIG4 @ Http/Api/GET--c--{county}--feeds--{proxy+}',
      ]),
    );
  });

  it("give each open route its own function's reason", () => {
    const routeAcks = all.filter((a) => a.ruleId === 'AwsSolutions-APIG4');
    expect(routeAcks.length).toBeGreaterThan(0);
    for (const { construct, reason } of routeAcks) {
      const id = construct.split('/').pop()!;
      const row = openRows.find(({ spec }) => routeKeysOf(spec).some((key) => routeConstructOf(key) === id));
      expect(row, construct).toBeDefined();
      expect(reason, construct).toBe(row!.reason);
    }
  });
});

it('an unacknowledged finding fails synthesis', () => {
  const { app: strayApp, stack: strayStack } = synthesizeCounty({ skipBundling: true, ...deployedAppOptions });
  // A queue with no dead-letter queue and no TLS-only policy: two AWS Solutions errors.
  new sqs.Queue(strayStack, 'Stray', { enforceSSL: false });
  applyComplianceChecks(strayApp);
  expect(() => strayApp.synth({ force: true })).toThrow(/AwsSolutions-SQS[34]/);
});
