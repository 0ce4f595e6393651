// The production stack, as `cdk synth` builds it from cdk.json's context, serving the default
// county: each test names one property the IT office relies on. (Many counties in one stack:
// national-deployment.test.ts.)
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import type * as s3assets from 'aws-cdk-lib/aws-s3-assets';
import { describe, expect, it } from 'vitest';
import { loadCountyConfigFile } from '../../functions/adapters/config/county-config-file.ts';
import { readValidatedCountyFile } from '../../functions/adapters/config/validated-county-file.ts';
import { createTableInput, tableDefinition } from '../../functions/adapters/dynamodb/table-definition.ts';
import { chiayiCountyFile } from './generated-counties.ts';
import { httpFunctionTable, routeKeysOf } from '../../lib/constructs/http-functions.ts';
import type { SafetynetStack } from '../../lib/safetynet-stack.ts';
import { cdkJsonContext, onlyResource, resourceById, resourcesOfType, synthesizeCounty } from './synthesize-county.ts';

const { app, stack, template } = synthesizeCounty();
const county = loadCountyConfigFile(chiayiCountyFile);
const countyId = county.county.id;
const json = (value: unknown) => JSON.stringify(value);
const logicalIdOf = (construct: { node: { defaultChild?: unknown } }) => stack.getLogicalId(construct.node.defaultChild as never);

type Statement = { Action: string | string[]; Resource: unknown; Condition?: Record<string, unknown> };
const actionsOf = (s: Statement): string[] => (typeof s.Action === 'string' ? [s.Action] : s.Action);
const resourcesOf = (s: Statement): unknown[] => (Array.isArray(s.Resource) ? (s.Resource as unknown[]) : [s.Resource]);
/** Every statement of the policies attached to the role, by the role's logical id. */
function statementsOfRole(roleLogicalId: string): Statement[] {
  // Roles: [{ Ref: <role id> }] on each policy attached to it.
  return Object.values(resourcesOfType(template, 'AWS::IAM::Policy'))
    .filter((policy) => json(policy.Properties?.Roles).includes(`"${roleLogicalId}"`))
    .flatMap((policy) => (policy.Properties?.PolicyDocument as { Statement: Statement[] }).Statement);
}

// Every HTTP function of the table (lib/constructs/http-functions.ts), whatever its number.
const functions = {
  'plan-meetings': stack.planMeetings,
  'dispatch-outbox': stack.dispatchOutbox,
  ...stack.httpFunctions,
  'render-documents': stack.renderDocuments,
};
/** The HTTP functions that sign or check links, and write the table. */
const httpFunctions = httpFunctionTable.filter((spec) => spec.linkSigningKey).map((spec) => stack.httpFunctions[spec.handler]!);
type MeetingFunction = SafetynetStack['httpLinks'];
const variablesOf = (meetingFunction: MeetingFunction) =>
  (resourceById(template, logicalIdOf(meetingFunction.function)).Properties as { Environment: { Variables: Record<string, unknown> } })
    .Environment.Variables;

describe('the meeting table', () => {
  const [, table] = onlyResource(template, 'AWS::DynamoDB::GlobalTable');
  const local = createTableInput('local');

  it('has the keys, index and TTL of the shared table definition', () => {
    expect(table.Properties?.KeySchema).toEqual(local.KeySchema);
    expect(table.Properties?.AttributeDefinitions).toEqual(local.AttributeDefinitions);
    expect(table.Properties?.GlobalSecondaryIndexes).toEqual(local.GlobalSecondaryIndexes);
    expect(table.Properties?.TimeToLiveSpecification).toEqual({ AttributeName: tableDefinition.timeToLiveAttribute, Enabled: true });
  });

  it('is encrypted with a customer-managed key that rotates', () => {
    const keyId = logicalIdOf(stack.meetingTable.encryptionKey);
    expect(table.Properties?.SSESpecification).toEqual({ SSEEnabled: true, SSEType: 'KMS' });
    expect(table.Properties?.Replicas).toEqual([
      expect.objectContaining({ SSESpecification: { KMSMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } } }),
    ]);
    template.hasResource('AWS::KMS::Key', { Properties: Match.objectLike({ EnableKeyRotation: true }), DeletionPolicy: 'Retain' });
    expect(resourceById(template, keyId).Properties?.EnableKeyRotation).toBe(true);
  });

  it('has point-in-time recovery and deletion protection, and outlives the stack', () => {
    expect(table.Properties?.Replicas).toEqual([
      expect.objectContaining({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }, DeletionProtectionEnabled: true }),
    ]);
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.UpdateReplacePolicy).toBe('Retain');
  });
});

describe('the functions', () => {
  it.each(Object.entries(functions))(
    '%s runs nodejs22.x on arm64 with its own log group, kept for a set time',
    (_name, meetingFunction) => {
      const fn = resourceById(template, logicalIdOf(meetingFunction.function)).Properties ?? {};
      expect(fn).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], Handler: 'index.handler' });
      expect(fn.LoggingConfig).toEqual({ LogGroup: { Ref: logicalIdOf(meetingFunction.logGroup) } });
      expect(resourceById(template, logicalIdOf(meetingFunction.logGroup)).Properties?.RetentionInDays).toBeGreaterThan(0);
      const variables = (fn.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(variables).toMatchObject({
        COUNTY_CONFIG_DIR: '/var/task/counties',
        TABLE_NAME: { Ref: logicalIdOf(stack.meetingTable.table) },
        NODE_OPTIONS: '--enable-source-maps',
      });
      // The single-county variable is gone: a handler still reading it would fail, not serve one county.
      expect(variables).not.toHaveProperty('COUNTY_CONFIG_FILE');
    },
  );

  it('every log group in the stack has a retention', () => {
    for (const [id, group] of Object.entries(resourcesOfType(template, 'AWS::Logs::LogGroup'))) {
      expect(group.Properties?.RetentionInDays, id).toBeGreaterThan(0);
    }
  });

  it.each(Object.entries(functions))("%s is bundled with the served counties' files in a folder beside it", (_name, meetingFunction) => {
    const asset = meetingFunction.function.node.findChild('Code') as s3assets.Asset;
    const dir = join(app.outdir, asset.assetPath);
    expect(existsSync(join(dir, 'index.mjs'))).toBe(true);
    expect(existsSync(join(dir, 'index.mjs.map'))).toBe(true);
    expect(readdirSync(join(dir, 'counties'))).toEqual([`${countyId}.json`]);
    // The synth's validated copy, defaults filled in: the handlers read it as it is, without zod.
    const copy = join(dir, 'counties', `${countyId}.json`);
    expect(JSON.parse(readFileSync(copy, 'utf8'))).toEqual(county);
    expect(readValidatedCountyFile(copy)).toEqual(county);
  });

  it('no function may use DynamoDB or SES on a "*" resource', () => {
    for (const meetingFunction of Object.values(functions)) {
      const statements = statementsOfRole(logicalIdOf(meetingFunction.role));
      const dataStatements = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('dynamodb:') || a.startsWith('ses:')));
      expect(dataStatements.length).toBeGreaterThan(0);
      for (const statement of dataStatements) {
        for (const resource of resourcesOf(statement)) expect(json(resource), json(statement)).not.toContain('*');
      }
    }
  });

  it('no function may Scan the table or reach an index the definition does not name', () => {
    for (const meetingFunction of Object.values(functions)) {
      const statements = statementsOfRole(logicalIdOf(meetingFunction.role)).filter((s) =>
        actionsOf(s).some((a) => a.startsWith('dynamodb:')),
      );
      expect(statements.flatMap(actionsOf)).not.toContain('dynamodb:Scan');
      const indexArns = statements
        .flatMap(resourcesOf)
        .map(json)
        .filter((r) => r.includes('/index/'));
      expect(indexArns).toEqual(tableDefinition.indexes.map((index) => expect.stringContaining(`/index/${index.name}"`) as unknown));
    }
  });

  it("only the dispatcher sends mail, only as the counties' secretariat mailboxes, only through the configuration set", () => {
    const sesStatements = (meetingFunction: MeetingFunction) =>
      statementsOfRole(logicalIdOf(meetingFunction.role)).filter((s) => actionsOf(s).some((a) => a.startsWith('ses:')));
    for (const other of [stack.planMeetings, ...Object.values(stack.httpFunctions), stack.renderDocuments])
      expect(sesStatements(other)).toEqual([]);
    const [send] = sesStatements(stack.dispatchOutbox);
    expect(actionsOf(send!)).toEqual(['ses:SendRawEmail']);
    expect(send!.Condition).toEqual({ StringEquals: { 'ses:FromAddress': [county.secretariat.mailbox] } });
    expect(json(send!.Resource)).toContain(':configuration-set/');
    expect(json(send!.Resource)).toContain(':identity/');
  });

  it('the functions Scheduler invokes keep failed events in an encrypted queue', () => {
    for (const meetingFunction of [stack.planMeetings, stack.dispatchOutbox]) {
      template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: logicalIdOf(meetingFunction.function) },
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [Match.stringLikeRegexp('^FailedInvocations'), 'Arn'] } } },
      });
    }
  });

  it('the functions that sign or check links know the link-signing secret and may read it; no other may', () => {
    const secretId = logicalIdOf(stack.linkSigningKey);
    const reads = (meetingFunction: MeetingFunction) =>
      statementsOfRole(logicalIdOf(meetingFunction.role)).filter((s) => actionsOf(s).includes('secretsmanager:GetSecretValue'));
    // The dispatcher signs invitations' links, the API signs chair links, the links and chair-minutes functions check them.
    expect(httpFunctions).toEqual(expect.arrayContaining([stack.httpLinks, stack.httpSecretariatApi]));
    for (const meetingFunction of [stack.dispatchOutbox, ...httpFunctions]) {
      expect(variablesOf(meetingFunction).LINK_SIGNING_SECRET_ARN).toEqual({ Ref: secretId });
      expect(reads(meetingFunction).map((s) => s.Resource)).toEqual([{ Ref: secretId }]);
    }
    const others = [
      stack.planMeetings,
      stack.renderDocuments,
      ...Object.values(stack.httpFunctions).filter((f) => !httpFunctions.includes(f)),
    ];
    expect(others).toEqual(expect.arrayContaining([stack.httpFeeds]));
    for (const meetingFunction of others) {
      expect(variablesOf(meetingFunction)).not.toHaveProperty('LINK_SIGNING_SECRET_ARN');
      expect(reads(meetingFunction)).toEqual([]);
    }
  });
});

describe('the schedules', () => {
  const schedules = Object.values(resourcesOfType(template, 'AWS::Scheduler::Schedule')).map((s) => s.Properties ?? {});
  const input = (schedule: Record<string, unknown>) =>
    JSON.parse((schedule.Target as { Input: string }).Input) as { countyId?: string; seriesId?: string; scheduledTime: string };

  it('are all in Asia/Taipei, with a retry policy and a dead-letter queue', () => {
    for (const schedule of schedules) {
      expect(schedule.ScheduleExpressionTimezone).toBe('Asia/Taipei');
      const target = schedule.Target as {
        RetryPolicy?: { MaximumRetryAttempts: number; MaximumEventAgeInSeconds: number };
        DeadLetterConfig?: unknown;
      };
      expect(target.RetryPolicy?.MaximumRetryAttempts).toBeGreaterThan(0);
      expect(target.RetryPolicy?.MaximumEventAgeInSeconds).toBeGreaterThan(0);
      expect(target.DeadLetterConfig).toBeDefined();
    }
  });

  it('plan each configured series with its own schedule, naming its county and carrying the scheduled time', () => {
    const planned = schedules.map(input).filter((i) => i.seriesId !== undefined);
    expect(planned.map((i) => i.seriesId).sort()).toEqual(county.series.map((s) => s.id).sort());
    for (const event of planned) expect(event.countyId).toBe(countyId);
    for (const schedule of schedules) expect(input(schedule).scheduledTime).toBe('<aws.scheduler.scheduled-time>');
  });

  it('follow each series cadence: months before its meetings, on the 1st at 06:00', () => {
    const expressionFor = (seriesId: string) => schedules.find((s) => input(s).seriesId === seriesId)?.ScheduleExpression;
    // 4th Wednesday, February to December: plan January to November.
    expect(expressionFor('child-protection-case-conference')).toBe('cron(0 6 1 1,2,3,4,5,6,7,8,9,10,11 ? *)');
    // Every four months from March (Mar, Jul, Nov): plan in Feb, Jun, Oct.
    expect(expressionFor('placement-review-panel')).toBe('cron(0 6 1 2,6,10 ? *)');
    // Semiannual in June and December: plan in May and November.
    expect(expressionFor('social-labour-employment-coordination')).toBe('cron(0 6 1 5,11 ? *)');
    expect(expressionFor('community-mental-health-case-conference')).toBe('cron(0 6 1 * ? *)');
  });

  it("run the county's daily plan with no series, and dispatch every county's outbox every five minutes", () => {
    const withoutSeries = schedules.filter((s) => input(s).seriesId === undefined);
    expect(withoutSeries.map((s) => [s.ScheduleExpression, input(s)]).sort()).toEqual([
      ['cron(0 7 * * ? *)', { countyId, scheduledTime: '<aws.scheduler.scheduled-time>' }],
      ['cron(0/5 * * * ? *)', { scheduledTime: '<aws.scheduler.scheduled-time>' }],
    ]);
  });

  it('share one group, one role and one dead-letter queue', () => {
    const [, group] = onlyResource(template, 'AWS::Scheduler::ScheduleGroup');
    expect(new Set(schedules.map((s) => json(s.GroupName)))).toEqual(new Set([json(group.Properties?.Name)]));
    const targets = schedules.map((s) => s.Target as { RoleArn: unknown; DeadLetterConfig: { Arn: unknown } });
    expect(new Set(targets.map((t) => json(t.RoleArn))).size).toBe(1);
    expect(new Set(targets.map((t) => json(t.DeadLetterConfig.Arn)))).toEqual(
      new Set([json({ 'Fn::GetAtt': [logicalIdOf(stack.schedules.deadLetterQueue), 'Arn'] })]),
    );
  });
});

describe('the HTTP API', () => {
  const routes = Object.values(resourcesOfType(template, 'AWS::ApiGatewayV2::Route')).map((r) => r.Properties as Record<string, unknown>);
  const [authorizerId, authorizer] = onlyResource(template, 'AWS::ApiGatewayV2::Authorizer');

  it("puts every county's secretariat API, and any unscoped /secretariat path, behind the Cognito JWT authorizer", () => {
    const secretariat = routes.filter((r) => String(r.RouteKey).includes('/secretariat'));
    expect(secretariat.map((r) => r.RouteKey)).toEqual(
      expect.arrayContaining([
        'ANY /c/{county}/secretariat',
        'ANY /c/{county}/secretariat/{proxy+}',
        'ANY /secretariat',
        'ANY /secretariat/{proxy+}',
      ]),
    );
    for (const route of secretariat) expect(route).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: { Ref: authorizerId } });
    expect(authorizer.Properties).toMatchObject({
      AuthorizerType: 'JWT',
      JwtConfiguration: {
        Audience: [{ Ref: logicalIdOf(stack.api.userPoolClient) }],
        Issuer: { 'Fn::Join': ['', [expect.stringContaining('cognito-idp'), { Ref: logicalIdOf(stack.api.userPool) }]] },
      },
    });
  });

  it('leaves open only the routes of functions that check a token, a secret or their own session, none under /secretariat', () => {
    const open = routes
      .filter((r) => r.AuthorizationType === 'NONE')
      .map((r) => String(r.RouteKey))
      .sort();
    expect(open).toEqual(
      httpFunctionTable
        .filter((spec) => spec.access !== 'jwt')
        .flatMap(routeKeysOf)
        .sort(),
    );
    expect(open).toEqual(
      expect.arrayContaining([
        '$default',
        'ANY /c/{county}/console',
        'ANY /c/{county}/console/{proxy+}',
        'GET /c/{county}/feeds/{proxy+}',
        'HEAD /c/{county}/feeds/{proxy+}',
      ]),
    );
    // Open paths are the console's (its session), the feeds' (their secret), the chair's minutes
    // pages and the links (their signed tokens), and $default.
    for (const key of open) expect(key).toMatch(/^(\$default|[A-Z]+ \/c\/\{county\}\/(console|feeds|minutes|api\/minutes|assets)(\/|$))/);
    for (const key of open) expect(key).not.toContain('secretariat');
  });

  it('sends each route to the function its row of the table names, and no other', () => {
    const integrations = resourcesOfType(template, 'AWS::ApiGatewayV2::Integration');
    const functionOf = (route: Record<string, unknown>) => {
      const target = json(route.Target);
      const [integrationId] = Object.keys(integrations).filter((id) => target.includes(`"${id}"`));
      return json(integrations[integrationId!]?.Properties?.IntegrationUri);
    };
    const byRoute = Object.fromEntries(routes.map((r) => [String(r.RouteKey), functionOf(r)]));
    const idOf = (meetingFunction: MeetingFunction) => `"${logicalIdOf(meetingFunction.function)}"`;
    // Handler names, not the constructs: a deep comparison of CDK constructs takes minutes.
    const expected = Object.fromEntries(httpFunctionTable.flatMap((spec) => routeKeysOf(spec).map((key) => [key, spec.handler] as const)));
    expect(Object.keys(byRoute).sort()).toEqual(Object.keys(expected).sort());
    // Today's audiences keep their routes whatever else is split off.
    expect(expected).toMatchObject({
      $default: 'http-links',
      'ANY /c/{county}/console': 'http-console',
      'ANY /c/{county}/console/{proxy+}': 'http-console',
      'ANY /c/{county}/secretariat/{proxy+}': 'http-secretariat-api',
      'ANY /secretariat/{proxy+}': 'http-secretariat-api',
      'GET /c/{county}/feeds/{proxy+}': 'http-feeds',
    });
    for (const [route, target] of Object.entries(byRoute)) {
      const own = stack.httpFunctions[expected[route]!]!;
      expect(target, route).toContain(idOf(own));
      for (const other of Object.values(stack.httpFunctions).filter((f) => f !== own)) expect(target, route).not.toContain(idOf(other));
    }
  });

  it('lets the feeds function only read the table: no write, no link secret, no document function, nothing of the pool', () => {
    const actions = statementsOfRole(logicalIdOf(stack.httpFeeds.role)).flatMap(actionsOf);
    expect(actions.filter((a) => a.startsWith('dynamodb:')).sort()).toEqual([
      'dynamodb:BatchGetItem',
      'dynamodb:ConditionCheckItem',
      'dynamodb:GetItem',
      'dynamodb:Query',
    ]);
    expect(actions.filter((a) => !/^(dynamodb|kms|logs):/.test(a))).toEqual([]);
    expect(
      Object.keys(variablesOf(stack.httpFeeds)).filter(
        (name) => !['COUNTY_CONFIG_DIR', 'TABLE_NAME', 'POWERTOOLS_LOG_LEVEL', 'NODE_OPTIONS'].includes(name),
      ),
    ).toEqual([]);
  });

  it('throttles, and logs requests without their query strings', () => {
    const [, stage] = onlyResource(template, 'AWS::ApiGatewayV2::Stage');
    const throttle = stage.Properties?.DefaultRouteSettings as { ThrottlingRateLimit?: number; ThrottlingBurstLimit?: number };
    expect(throttle.ThrottlingRateLimit).toBeGreaterThan(0);
    expect(throttle.ThrottlingBurstLimit).toBeGreaterThan(0);
    const format = (stage.Properties?.AccessLogSettings as { Format: string }).Format;
    // Link tokens are path segments (/rsvp/<token>): neither the path nor the query may be logged.
    expect(format).toContain('$context.routeKey');
    expect(format).not.toMatch(/\$context\.path|querystring|requestOverride|\$request\.|\$input|header/i);
  });

  it('gives each HTTP function the Cognito and address settings its row names, and no other', () => {
    const settingNames = ['SECRETARIAT_JWT_ISSUER', 'SECRETARIAT_JWT_AUDIENCE', 'SECRETARIAT_LOGIN_URL', 'PUBLIC_BASE_URL'];
    for (const spec of httpFunctionTable) {
      const variables = variablesOf(stack.httpFunctions[spec.handler]!);
      expect(
        Object.keys(variables)
          .filter((name) => settingNames.includes(name) || name.startsWith('SECRETARIAT_'))
          .sort(),
        spec.handler,
      ).toEqual([...spec.settings].sort());
      if (spec.settings.includes('SECRETARIAT_JWT_ISSUER'))
        expect(json(variables.SECRETARIAT_JWT_ISSUER)).toContain(logicalIdOf(stack.api.userPool));
      if (spec.settings.includes('SECRETARIAT_JWT_AUDIENCE'))
        expect(variables.SECRETARIAT_JWT_AUDIENCE).toEqual({ Ref: logicalIdOf(stack.api.userPoolClient) });
      if (spec.settings.includes('SECRETARIAT_LOGIN_URL'))
        expect(json(variables.SECRETARIAT_LOGIN_URL)).toContain(logicalIdOf(stack.api.loginDomain));
      // The group is the path's county's, secretariat-<county>: the app derives it, nothing configures one.
      expect(variables, spec.handler).not.toHaveProperty('SECRETARIAT_GROUP');
    }
    // Only the console sends people to the managed login; the links function knows nothing of the pool.
    expect(variablesOf(stack.httpConsole)).toHaveProperty('SECRETARIAT_LOGIN_URL');
    expect(variablesOf(stack.httpSecretariatApi)).not.toHaveProperty('SECRETARIAT_LOGIN_URL');
    expect(
      Object.keys(variablesOf(stack.httpLinks)).filter((name) => name.startsWith('SECRETARIAT_') || name === 'PUBLIC_BASE_URL'),
    ).toEqual([]);
  });

  it("has the county's secretariat group, and no group for every county at once", () => {
    const groups = Object.values(resourcesOfType(template, 'AWS::Cognito::UserPoolGroup')).map((g) => g.Properties ?? {});
    expect(groups).toEqual([
      {
        UserPoolId: { Ref: logicalIdOf(stack.api.userPool) },
        GroupName: `secretariat-${countyId}`,
        Description: expect.stringContaining(county.county.name.zh) as unknown,
      },
    ]);
  });

  it('signs the secretariat in with MFA, and nobody signs up on their own', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'ON',
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      UserPoolTier: 'PLUS',
    });
  });
});

describe('mail', () => {
  it("sends from a DKIM-signed identity of the secretariat mailbox's domain, through a configuration set that requires TLS", () => {
    const [, identity] = onlyResource(template, 'AWS::SES::EmailIdentity');
    expect(identity.Properties).toMatchObject({
      EmailIdentity: county.secretariat.mailbox.split('@')[1],
      DkimAttributes: { SigningEnabled: true },
      ConfigurationSetAttributes: { ConfigurationSetName: { Ref: logicalIdOf(stack.mail.configurationSet) } },
    });
    template.hasResourceProperties('AWS::SES::ConfigurationSet', { DeliveryOptions: { TlsPolicy: 'REQUIRE' } });
  });

  it('records bounces and complaints on an encrypted topic kept in an encrypted queue', () => {
    template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: { MatchingEventTypes: Match.arrayWith(['bounce', 'complaint']), SnsDestination: Match.anyValue() },
    });
    for (const [id, topic] of Object.entries(resourcesOfType(template, 'AWS::SNS::Topic')))
      expect(topic.Properties?.KmsMasterKeyId, id).toBeDefined();
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'sqs', RawMessageDelivery: true });
  });
});

describe('alarms', () => {
  const alarms = Object.values(resourcesOfType(template, 'AWS::CloudWatch::Alarm')).map((a) => a.Properties as Record<string, unknown>);
  const alarmTopic = logicalIdOf(stack.alarms.topic);

  it('go to the topic the alarm e-mail subscribes to', () => {
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: cdkJsonContext['safetynet:alarmEmail'],
      TopicArn: { Ref: alarmTopic },
    });
    for (const alarm of alarms) expect(alarm.AlarmActions).toEqual([{ Ref: alarmTopic }]);
  });

  it('watch dead-letter depth, function errors, outbox failures and the SES bounce rate', () => {
    const metrics = alarms.map((a) => `${String(a.Namespace)}/${String(a.MetricName)}`);
    expect(metrics.filter((m) => m === 'AWS/SQS/ApproximateNumberOfMessagesVisible')).toHaveLength(2);
    expect(metrics.filter((m) => m === 'AWS/Lambda/Errors')).toHaveLength(Object.keys(functions).length);
    expect(metrics).toContain('SafetynetMeetings/OutboxFailed');
    expect(metrics).toContain('AWS/SES/Reputation.BounceRate');
  });

  it('count FAILED outbox items from the dispatcher\'s "dispatched outbox" log line', () => {
    template.hasResourceProperties('AWS::Logs::MetricFilter', {
      LogGroupName: { Ref: logicalIdOf(stack.dispatchOutbox.logGroup) },
      FilterPattern: Match.stringLikeRegexp('dispatched outbox.*\\$\\.failed > 0'),
      MetricTransformations: [{ MetricName: 'OutboxFailed', MetricNamespace: 'SafetynetMeetings', MetricValue: '$.failed' }],
    });
  });
});

it('receives no mail unless a reply handler is given', () => {
  template.resourceCountIs('AWS::S3::Bucket', 0);
  template.resourceCountIs('AWS::SES::ReceiptRuleSet', 0);
});
