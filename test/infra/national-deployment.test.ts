// A national platform: all 22 counties and cities, six series each, in one stack. CloudFormation
// takes at most 500 resources, 200 outputs and a 1 MB template; the stack is to stay at or below
// 450 resources, with only schedules, Cognito groups and mail identities growing with the counties,
// and its schedules must follow each county's file. (The budget was 400 with four HTTP functions;
// with thirteen, each a function, role, policy, log group, alarm and invoke permission, and some
// seventy routes, the 22 counties take 428. Taiwan has 22 counties and cities, so the counties
// cannot add more; 450 keeps 50 under CloudFormation's limit for what comes next.)
import { afterAll, describe, expect, it } from 'vitest';
import { AwsSolutionsChecks } from 'cdk-nag';
import { httpFunctionTable } from '../../lib/constructs/http-functions.ts';
import { deployedAppOptions } from '../../lib/safetynet-app.ts';
import { mailDomainOf, sixthSeriesId, taiwanCounties, writeGeneratedCounties } from './generated-counties.ts';
import { onlyResource, resourcesOfType, synthesizeCounty } from './synthesize-county.ts';

const generated = writeGeneratedCounties();
afterAll(() => generated.remove());
const counties = generated.counties;

const settings = {
  'safetynet:counties': 'all',
  'safetynet:countyConfigDir': generated.dir,
  'safetynet:alarmEmail': 'it-oncall@safetynet.mohw.gov.tw',
  // Every placeholder was filled in: the gate must let the platform through.
  'safetynet:allowPlaceholders': false,
};
const national = synthesizeCounty({ skipBundling: true, ...deployedAppOptions, context: settings });
// The first county alone, from the same folder: what does not grow with the counties is the same.
const single = synthesizeCounty({
  skipBundling: true,
  ...deployedAppOptions,
  context: { ...settings, 'safetynet:counties': [counties[0]!.county.id] },
});

type Template = { Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>; Outputs?: Record<string, unknown> };
const templateOf = (synthesized: typeof national) => synthesized.template.toJSON() as Template;
const countByType = (template: Template) =>
  Object.values(template.Resources).reduce<Record<string, number>>((counts, r) => ({ ...counts, [r.Type]: (counts[r.Type] ?? 0) + 1 }), {});

describe('22 counties of six series in one stack', () => {
  const template = templateOf(national);
  const resources = Object.keys(template.Resources).length;

  it('are the 22 generated counties, six series each', () => {
    expect(counties.map((c) => c.county.id).sort()).toEqual(taiwanCounties.map(([id]) => id).sort());
    for (const county of counties) expect(county.series).toHaveLength(6);
  });

  it('stay within 450 resources, 200 outputs and a 1 MB template', () => {
    console.info(`national deployment: ${resources} resources for ${counties.length} counties`);
    expect(resources).toBeLessThanOrEqual(450);
    expect(Object.keys(template.Outputs ?? {}).length).toBeLessThanOrEqual(200);
    expect(Buffer.byteLength(JSON.stringify(template))).toBeLessThan(1024 * 1024);
  });

  it('grow only by schedules, Cognito groups and mail identities; no Lambda per county', () => {
    const many = countByType(template);
    const one = countByType(templateOf(single));
    const perCounty = ['AWS::Scheduler::Schedule', 'AWS::Cognito::UserPoolGroup', 'AWS::SES::EmailIdentity'];
    const others = (counts: Record<string, number>) =>
      Object.fromEntries(Object.entries(counts).filter(([type]) => !perCounty.includes(type)));
    expect(others(many)).toEqual(others(one));
    // Plan, dispatch, every HTTP function of the table (lib/constructs/http-functions.ts), calendar replies and documents.
    expect(many['AWS::Lambda::Function']).toBe(4 + httpFunctionTable.length);
    // One invoke permission per function for the API, whatever its number of routes.
    expect(many['AWS::Lambda::Permission']).toBeLessThanOrEqual(httpFunctionTable.length + 2);
    // Per county: a schedule per series and a daily run; then one dispatcher for all.
    expect(many['AWS::Scheduler::Schedule']).toBe(counties.length * 7 + 1);
    expect(many['AWS::Cognito::UserPoolGroup']).toBe(counties.length);
    // Each generated county sends from a domain of its own: the most identities a deployment can need.
    expect(many['AWS::SES::EmailIdentity']).toBe(counties.length);
  });

  it('leave no cdk-nag finding unacknowledged', () => {
    const report = new AwsSolutionsChecks(undefined, {}).validateScope(national.stack);
    expect(report.violations.map((v) => `${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
  });
});

describe('the schedules of 22 counties', () => {
  const schedules = Object.values(resourcesOfType(national.template, 'AWS::Scheduler::Schedule')).map((s) => s.Properties ?? {});
  type Event = { countyId?: string; seriesId?: string; scheduledTime: string };
  const eventOf = (schedule: Record<string, unknown>) => JSON.parse((schedule.Target as { Input: string }).Input) as Event;
  const scheduled = '<aws.scheduler.scheduled-time>';
  // The month before each meeting month, on the 1st at 06:00 (see safetynet-stack.test.ts).
  const planningCron: Record<string, string> = {
    'child-protection-case-conference': 'cron(0 6 1 1,2,3,4,5,6,7,8,9,10,11 ? *)',
    'placement-review-panel': 'cron(0 6 1 2,6,10 ? *)',
    'social-labour-employment-coordination': 'cron(0 6 1 5,11 ? *)',
    'community-mental-health-case-conference': 'cron(0 6 1 * ? *)',
    'juvenile-committee-external-supervision': 'cron(0 6 1 * ? *)',
    // Quarterly from January: planned in December, March, June and September.
    [sixthSeriesId]: 'cron(0 6 1 3,6,9,12 ? *)',
  };

  it('are all in Asia/Taipei', () => {
    for (const schedule of schedules) expect(schedule.ScheduleExpressionTimezone).toBe('Asia/Taipei');
  });

  it("plan each county's each series once, naming both, on that series' cadence", () => {
    const planning = schedules.filter((s) => eventOf(s).seriesId !== undefined);
    const expected = counties.flatMap((county) =>
      county.series.map((series) => [
        JSON.stringify({ countyId: county.county.id, seriesId: series.id, scheduledTime: scheduled }),
        planningCron[series.id],
      ]),
    );
    expect(planning.map((s) => [s.Target && (s.Target as { Input: string }).Input, s.ScheduleExpression]).sort()).toEqual(expected.sort());
  });

  it('run each county daily at 07:00, and dispatch every outbox from one schedule every five minutes', () => {
    const withoutSeries = schedules.filter((s) => eventOf(s).seriesId === undefined);
    const daily = withoutSeries.filter((s) => eventOf(s).countyId !== undefined);
    expect(daily.map((s) => eventOf(s).countyId).sort()).toEqual(counties.map((c) => c.county.id).sort());
    for (const schedule of daily) expect(schedule.ScheduleExpression).toBe('cron(0 7 * * ? *)');
    const forAll = withoutSeries.filter((s) => eventOf(s).countyId === undefined);
    expect(forAll.map((s) => [s.ScheduleExpression, eventOf(s)])).toEqual([['cron(0/5 * * * ? *)', { scheduledTime: scheduled }]]);
  });
});

describe('each county of 22', () => {
  const mailboxes = counties.map((c) => c.secretariat.mailbox).sort();

  it('has its secretariat group, secretariat-<county>', () => {
    const groups = Object.values(resourcesOfType(national.template, 'AWS::Cognito::UserPoolGroup')).map((g) => g.Properties?.GroupName);
    expect(groups.sort()).toEqual(counties.map((c) => `secretariat-${c.county.id}`).sort());
  });

  it('receives replies at its mailbox, through one rule in the one rule set', () => {
    const [, rule] = onlyResource(national.template, 'AWS::SES::ReceiptRule');
    expect((rule.Properties as { Rule: { Recipients: string[] } }).Rule.Recipients).toEqual(mailboxes);
  });

  it('sends from a DKIM identity of its domain, and only as its mailbox', () => {
    const identities = Object.values(resourcesOfType(national.template, 'AWS::SES::EmailIdentity')).map((i) => i.Properties?.EmailIdentity);
    expect(identities.sort()).toEqual(counties.map((c) => mailDomainOf(c.county.id)).sort());
    const sends = Object.values(resourcesOfType(national.template, 'AWS::IAM::Policy'))
      .flatMap((p) => (p.Properties?.PolicyDocument as { Statement: { Action: unknown; Condition?: unknown }[] }).Statement)
      .filter((s) => s.Action === 'ses:SendRawEmail');
    // The dispatcher's, and the reply handler's for forwarding plain mail: the same grant.
    expect(sends).toHaveLength(2);
    for (const send of sends) {
      expect(send.Condition).toEqual({ StringEquals: { 'ses:FromAddress': expect.arrayContaining(mailboxes) as unknown } });
      expect((send.Condition as { StringEquals: { 'ses:FromAddress': string[] } }).StringEquals['ses:FromAddress']).toHaveLength(22);
    }
  });
});
