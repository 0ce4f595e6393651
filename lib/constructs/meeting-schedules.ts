// The cron of the product, in Taiwan time: one planning schedule per configured series, the outbox
// dispatcher every five minutes, and a daily run that plans every series and queues reminders.
// Every event carries its scheduled time, which the handlers use as "now", so a retried or doubled
// delivery computes the same plan and sends nothing twice.
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
  county: CountyConfig;
  planMeetings: lambda.IFunction;
  dispatchOutbox: lambda.IFunction;
};

export class MeetingSchedules extends Construct {
  readonly group: scheduler.ScheduleGroup;
  /** Events Scheduler could not hand to Lambda after its retries. */
  readonly deadLetterQueue: sqs.Queue;
  /** Keyed by series id. */
  readonly seriesSchedules = new Map<string, scheduler.Schedule>();

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

    for (const series of props.county.series) {
      const months = cronMonthField(planningMonths(series));
      const schedule = new scheduler.Schedule(this, `Plan-${series.id}`, {
        scheduleGroup: this.group,
        description: `Plans ${series.id} on the 1st of ${months === '*' ? 'every month' : `months ${months}`} at ${clock(planningHour)} Asia/Taipei`,
        schedule: scheduler.ScheduleExpression.cron({
          minute: '0',
          hour: String(planningHour),
          day: '1',
          month: months,
          timeZone: meetingTimeZone,
        }),
        target: target(props.planMeetings, { seriesId: series.id, scheduledTime: scheduler.ContextAttribute.scheduledTime }, planningRetry),
      });
      this.seriesSchedules.set(series.id, schedule);
    }

    new scheduler.Schedule(this, 'DailyReminders', {
      scheduleGroup: this.group,
      description: `Plans every series and queues the reminders due, daily at ${clock(dailyHour)} Asia/Taipei`,
      schedule: scheduler.ScheduleExpression.cron({ minute: '0', hour: String(dailyHour), timeZone: meetingTimeZone }),
      target: target(props.planMeetings, { scheduledTime: scheduler.ContextAttribute.scheduledTime }, planningRetry),
    });

    new scheduler.Schedule(this, 'DispatchOutbox', {
      scheduleGroup: this.group,
      description: 'Sends what the outbox holds, every 5 minutes',
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
