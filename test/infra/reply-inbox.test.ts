// RSVP replies received by mail, as bin/app.ts wires them: the stack receives mail for every
// county's secretariat mailbox into a private, encrypted, expiring bucket whose new objects invoke
// the handler (functions/handlers/ses-reply.ts reads S3 ObjectCreated events). The receipt rules
// join the rule set the settings name, created by the stack or imported.
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { loadCountyConfigFile } from '../../functions/adapters/config/county-config-file.ts';
import { deployedAppOptions } from '../../lib/safetynet-app.ts';
import { chiayiCountyFile } from './generated-counties.ts';
import type { MeetingFunction } from '../../lib/constructs/meeting-function.ts';
import { cdkJsonContext, onlyResource, resourceById, resourcesOfType, synthesizeCounty } from './synthesize-county.ts';

type SesStatement = { Action: string | string[]; Resource: unknown; Condition?: unknown };

const { stack, template } = synthesizeCounty({ skipBundling: true, ...deployedAppOptions });
const county = loadCountyConfigFile(chiayiCountyFile);
const logicalIdOf = (construct: { node: { defaultChild?: unknown } }) => stack.getLogicalId(construct.node.defaultChild as never);

describe('with a reply handler', () => {
  const replies = stack.replyInbox!;
  const [bucketId, bucket] = onlyResource(template, 'AWS::S3::Bucket');
  const handlerId = logicalIdOf(stack.node.findChild('HandleRsvpReplies').node.findChild('Function'));

  it('keeps raw replies in a private, encrypted bucket that forgets them', () => {
    expect(bucket.Properties).toMatchObject({
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LifecycleConfiguration: { Rules: [expect.objectContaining({ ExpirationInDays: 30, Status: 'Enabled' }) as unknown] },
    });
    expect(bucket.DeletionPolicy).toBe('Retain');
    const [, policy] = onlyResource(template, 'AWS::S3::BucketPolicy');
    expect(JSON.stringify(policy.Properties)).toContain('"aws:SecureTransport":"false"');
  });

  it('receives mail for the secretariat mailbox over TLS into the bucket, in the rule set the settings name', () => {
    const [, rule] = onlyResource(template, 'AWS::SES::ReceiptRule');
    const ruleProps = (
      rule.Properties as {
        Rule: {
          Recipients: string[];
          TlsPolicy: string;
          ScanEnabled: boolean;
          Actions: { S3Action?: { BucketName: unknown; ObjectKeyPrefix: string } }[];
        };
      }
    ).Rule;
    expect(ruleProps.Recipients).toEqual([county.secretariat.mailbox]);
    const [ruleSetId, ruleSet] = onlyResource(template, 'AWS::SES::ReceiptRuleSet');
    expect(ruleSet.Properties).toEqual({ RuleSetName: cdkJsonContext['safetynet:receiptRuleSetName'] });
    expect(rule.Properties?.RuleSetName).toEqual({ Ref: ruleSetId });
    // CloudFormation names the rule, so another stack's rules in the same set cannot clash with it.
    expect((rule.Properties as { Rule: { Name?: string } }).Rule.Name).toBeUndefined();
    expect(ruleProps).toMatchObject({ TlsPolicy: 'Require', ScanEnabled: true });
    expect(ruleProps.Actions).toEqual([{ S3Action: { BucketName: { Ref: bucketId }, ObjectKeyPrefix: 'replies/' } }]);
  });

  it('invokes the handler for each stored reply, allowed for this bucket and account only', () => {
    expect(bucket.Properties?.NotificationConfiguration).toEqual({
      LambdaConfigurations: [
        {
          Event: 's3:ObjectCreated:*',
          Function: { 'Fn::GetAtt': [handlerId, 'Arn'] },
          Filter: { S3Key: { Rules: [{ Name: 'prefix', Value: 'replies/' }] } },
        },
      ],
    });
    const [permissionId, permission] = onlyResource(
      template,
      'AWS::Lambda::Permission',
      (p) => p.Properties?.Principal === 's3.amazonaws.com',
    );
    expect(permission.Properties).toMatchObject({
      FunctionName: { 'Fn::GetAtt': [handlerId, 'Arn'] },
      SourceAccount: { Ref: 'AWS::AccountId' },
    });
    // The bucket's own name, written out (not a reference to the bucket, which would be a cycle).
    expect(JSON.stringify(permission.Properties?.SourceArn)).toContain(JSON.stringify(bucket.Properties?.BucketName));
    expect(JSON.stringify(bucket.Properties?.BucketName)).toContain('safetynet-replies');
    expect(template.toJSON()).toMatchObject({
      Resources: { [bucketId]: { DependsOn: expect.arrayContaining([permissionId]) as unknown } },
    });
  });

  it('lets the handler read stored replies and nothing else in S3', () => {
    const statements = Object.values(resourcesOfType(template, 'AWS::IAM::Policy'))
      .flatMap((p) => (p.Properties?.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] }).Statement)
      .filter((s) => [s.Action].flat().some((a) => a.startsWith('s3:')));
    expect(statements).toEqual([
      {
        Action: 's3:GetObject',
        Effect: 'Allow',
        Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [logicalIdOf(replies.bucket), 'Arn'] }, '/replies/*']] },
      },
    ]);
  });

  it('lets the handler forward plain mail as the county’s mailbox only, through the configuration set, and send nothing else', () => {
    const replyHandler = stack.node.findChild('HandleRsvpReplies') as MeetingFunction;
    const roleId = logicalIdOf(replyHandler.role);
    const sesStatements = Object.values(resourcesOfType(template, 'AWS::IAM::Policy'))
      .filter((p) => JSON.stringify(p.Properties?.Roles).includes(`"${roleId}"`))
      .flatMap((p) => (p.Properties?.PolicyDocument as { Statement: SesStatement[] }).Statement)
      .filter((s) => [s.Action].flat().some((a) => a.startsWith('ses:')));
    expect(sesStatements).toHaveLength(1);
    const [send] = sesStatements;
    expect(send!.Action).toBe('ses:SendRawEmail');
    expect(send!.Condition).toEqual({ StringEquals: { 'ses:FromAddress': [county.secretariat.mailbox] } });
    // The sending domain's identity and the configuration set, named; no wildcard.
    const identityIds = Object.keys(resourcesOfType(template, 'AWS::SES::EmailIdentity'));
    const [configurationSetId] = Object.keys(resourcesOfType(template, 'AWS::SES::ConfigurationSet'));
    const resources = [send!.Resource].flat().map((r) => JSON.stringify(r));
    expect(resources).toHaveLength(identityIds.length + 1);
    for (const id of [...identityIds, configurationSetId!]) expect(resources.some((r) => r.includes(`"${id}"`))).toBe(true);
    expect(resources.filter((r) => r.includes(':identity/'))).toHaveLength(identityIds.length);
    expect(resources.filter((r) => r.includes(':configuration-set/'))).toHaveLength(1);
    for (const resource of resources) expect(resource).not.toContain('*');
    // The forward goes through the configuration set the grant names, so its bounces are recorded.
    const fn = resourceById(template, logicalIdOf(replyHandler.function)).Properties as {
      Environment: { Variables: Record<string, unknown> };
    };
    expect(fn.Environment.Variables.SES_CONFIGURATION_SET).toEqual({ Ref: configurationSetId });
  });

  it('stays free of unacknowledged cdk-nag findings', () => {
    const report = new AwsSolutionsChecks(undefined, {}).validateScope(stack);
    expect(report.violations.map((v) => `${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
  });
});

describe('with an existing receipt rule set', () => {
  // Only one rule set is active per account and region: a second deployment there joins the first's.
  const { template: joining } = synthesizeCounty({
    skipBundling: true,
    ...deployedAppOptions,
    context: { 'safetynet:receiptRuleSetName': 'county-mail-rules', 'safetynet:receiptRuleSetImport': 'true' },
  });

  it('adds its rule to it by name, and neither creates nor owns a rule set', () => {
    joining.resourceCountIs('AWS::SES::ReceiptRuleSet', 0);
    const [, rule] = onlyResource(joining, 'AWS::SES::ReceiptRule');
    expect(rule.Properties?.RuleSetName).toBe('county-mail-rules');
    expect((rule.Properties as { Rule: { Recipients: string[] } }).Rule.Recipients).toEqual([county.secretariat.mailbox]);
  });
});
