// What the county's IT office is woken for: work that stopped (dead letters, function errors),
// invitations that could not be sent (outbox items FAILED), and a bounce or complaint rate that
// would get the account's sending paused by SES. All alarms go to one encrypted topic.
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export const metricNamespace = 'SafetynetMeetings';

export type OperationsAlarmsProps = {
  alarmEmail: string;
  notificationKey: kms.IKey;
  /** Keyed by a name people recognise in the alarm, e.g. "plan-meetings". */
  functions: Record<string, lambda.IFunction>;
  deadLetterQueues: Record<string, sqs.IQueue>;
  /** The dispatcher's log group: its "dispatched outbox" line counts the items that FAILED. */
  dispatchLogGroup: logs.ILogGroup;
};

export class OperationsAlarms extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: OperationsAlarmsProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Topic', { masterKey: props.notificationKey, enforceSSL: true });
    // CloudWatch publishes to the topic with the topic's key, so the key must let it.
    props.notificationKey.grant(new iam.ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.topic.addSubscription(new EmailSubscription(props.alarmEmail));

    for (const [name, queue] of Object.entries(props.deadLetterQueues)) {
      this.add(`${name}Depth`, `${name}: events that failed for good are waiting in the dead-letter queue`, {
        metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: cloudwatch.Stats.MAXIMUM }),
        threshold: 1,
      });
    }
    for (const [name, fn] of Object.entries(props.functions)) {
      this.add(`${name}Errors`, `${name}: the function failed`, {
        metric: fn.metricErrors({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM }),
        threshold: 1,
      });
    }

    // The dispatcher logs {"message":"dispatched outbox", "failed": n, …} once per run.
    const outboxFailed = new logs.MetricFilter(this, 'OutboxFailedFilter', {
      logGroup: props.dispatchLogGroup,
      filterPattern: logs.FilterPattern.all(
        logs.FilterPattern.stringValue('$.message', '=', 'dispatched outbox'),
        logs.FilterPattern.numberValue('$.failed', '>', 0),
      ),
      metricNamespace,
      metricName: 'OutboxFailed',
      metricValue: '$.failed',
    });
    this.add('OutboxFailed', 'Outbox items FAILED: an invitation, update or reminder was given up on; see the secretariat outbox', {
      metric: outboxFailed.metric({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM }),
      threshold: 1,
    });

    // SES reviews an account at a 5 % bounce rate and may pause it at 10 %; complaints at 0.1 %.
    const reputation = (metricName: string) =>
      new cloudwatch.Metric({ namespace: 'AWS/SES', metricName, period: Duration.hours(1), statistic: cloudwatch.Stats.MAXIMUM });
    this.add('SesBounceRate', "SES bounce rate is at 5 %: check the units' addresses before SES pauses sending", {
      metric: reputation('Reputation.BounceRate'),
      threshold: 0.05,
    });
    this.add('SesComplaintRate', 'SES complaint rate is at 0.1 %: recipients are marking invitations as spam', {
      metric: reputation('Reputation.ComplaintRate'),
      threshold: 0.001,
    });
  }

  private add(id: string, description: string, props: { metric: cloudwatch.IMetric; threshold: number }): void {
    const alarm = new cloudwatch.Alarm(this, id, {
      alarmDescription: description,
      metric: props.metric,
      threshold: props.threshold,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      // No data means nothing failed (no errors, no dispatch line with failures, no mail sent yet).
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
    this.alarms.push(alarm);
  }
}
