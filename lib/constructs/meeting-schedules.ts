// The cron of the product, in Taiwan time, for every county the deployment serves: one planning
// schedule per county and series, a daily run per county that plans its series and queues
// reminders, and one outbox dispatcher every five minutes for all counties. Every event carries
// its scheduled time, which the handlers use as "now", so a retried or doubled delivery computes
// the same plan and sends nothing twice.
//
// Sized for a national platform (22 counties of about 6 series): the schedules are the only
// resources that grow with the counties (one per series, one per county), all in one group, sharing
// one role and one dead-letter queue, and invoking the same two functions.
import { Duration, Stack, TimeZone, Validations, type CfnElement } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { CountyConfig } from '../../functions/core/series/county-config.ts';
import { cronMonthField, planningMonths } from '../series-planning-months.ts';

export const meetingTimeZone = TimeZone.ASIA_TAIPEI;
/** Early morning, before office hours, so the day's invitations are queued when people arrive. */
const planningHour = 6;
/** After the series' own runs on the 1st, so the reminders read the freshest plan. */
const dailyHour = 7;
const clock = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

export type MeetingSchedulesProps = {
  counties: readonly CountyConfig[];
  planMeetings: lambda.IFunction;
  dispatchOutbox: lambda.IFunction;
};

export class MeetingSchedules extends Construct {
  readonly group: scheduler.ScheduleGroup;
  /** Events Scheduler could not hand to Lambda after its retries. */
  readonly deadLetterQueue: sqs.Queue;
  /** Keyed by county id, then series id. */
  readonly seriesSchedules = new Map<string, Map<string, scheduler.Schedule>>();
  /** Keyed by county id. */
  readonly dailySchedules = new Map<string, scheduler.Schedule>();

  constructor(scope: Construct, id: string, props: MeetingSchedulesProps) {
    super(scope, id);
    this.group = new scheduler.ScheduleGroup(this, 'Group', {});
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetters', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter queue of the schedules; its depth is alarmed.',
    });

    // One role for every schedule in this group; the SourceArn/SourceAccount conditions keep other
    // accounts' or groups' schedules from using it.
    const role = new iam.Role(this, 'InvokeRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account, 'aws:SourceArn': this.group.scheduleGroupArn } },
      }),
      description: 'Lets the meeting schedules invoke the planning and dispatch functions',
    });
    for (const fn of [props.planMeetings, props.dispatchOutbox]) {
      const logicalId = Stack.of(this).getLogicalId(fn.node.defaultChild as CfnElement);
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>:*]`,
        reason: `LambdaInvoke grants the target function and its versions (${fn.node.id}:*); no other function can be invoked.`,
      });
    }

    // Scheduler invokes Lambda asynchronously: these retries cover handing the event over
    // (throttling); a failing function is retried by Lambda and ends in its on-failure queue.
    const target = (fn: lambda.IFunction, input: Record<string, unknown>, retry: { retryAttempts: number; maxEventAge: Duration }) =>
      new LambdaInvoke(fn, {
        role,
        deadLetterQueue: this.deadLetterQueue,
        input: scheduler.ScheduleTargetInput.fromObject(input),
        ...retry,
      });
    const planningRetry = { retryAttempts: 3, maxEventAge: Duration.hours(2) };

    for (const county of props.counties) {
      const countyId = county.county.id;
      // A scope per county: "Plan-<series>" inside it cannot collide with another county's ids.
      const scope = new Construct(this, countyId);
      const bySeries = new Map<string, scheduler.Schedule>();
      for (const series of county.series) {
        const months = cronMonthField(planningMonths(series));
        const schedule = new scheduler.Schedule(scope, `Plan-${series.id}`, {
          scheduleGroup: this.group,
          description: `Plans ${countyId} ${series.id} on the 1st of ${months === '*' ? 'every month' : `months ${months}`} at ${clock(planningHour)} Asia/Taipei`,
          schedule: scheduler.ScheduleExpression.cron({
            minute: '0',
            hour: String(planningHour),
            day: '1',
            month: months,
            timeZone: meetingTimeZone,
          }),
          target: target(
            props.planMeetings,
            { countyId, seriesId: series.id, scheduledTime: scheduler.ContextAttribute.scheduledTime },
            planningRetry,
          ),
        });
        bySeries.set(series.id, schedule);
      }
      this.seriesSchedules.set(countyId, bySeries);

      // One daily run per county rather than one for all: a county whose plan fails is retried and
      // dead-lettered alone (the event names it), the others' reminders still go out, and the
      // function's timeout stays sized for one county's series however many counties there are.
      const daily = new scheduler.Schedule(scope, 'Daily', {
        scheduleGroup: this.group,
        description: `Plans every ${countyId} series and queues its reminders, daily at ${clock(dailyHour)} Asia/Taipei`,
        schedule: scheduler.ScheduleExpression.cron({ minute: '0', hour: String(dailyHour), timeZone: meetingTimeZone }),
        target: target(props.planMeetings, { countyId, scheduledTime: scheduler.ContextAttribute.scheduledTime }, planningRetry),
      });
      this.dailySchedules.set(countyId, daily);
    }

    new scheduler.Schedule(this, 'DispatchOutbox', {
      scheduleGroup: this.group,
      // One for all counties: the dispatcher goes through every county's outbox in turn, sharing the
      // account's SES sending rate between them.
      description: "Sends what every county's outbox holds, every 5 minutes",
      schedule: scheduler.ScheduleExpression.cron({ minute: '0/5', timeZone: meetingTimeZone }),
      // A late dispatch is worth little: the next tick, five minutes on, sends the same items.
      target: target(
        props.dispatchOutbox,
        { scheduledTime: scheduler.ContextAttribute.scheduledTime },
        { retryAttempts: 1, maxEventAge: Duration.minutes(4) },
      ),
    });
  }
}
