// Sending as the secretariat: the domain identity (DKIM), a configuration set that refuses to
// deliver over plain text, and a record of every delivery problem, so the secretariat can find a
// unit whose address bounces before the unit misses a meeting.
import { CfnOutput, Duration, Fn, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import { SqsSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export type MailSendingProps = {
  sendingDomain: string;
  secretariatMailbox: string;
  /** Encrypts the delivery-event topic; SES must be allowed to use it (see grantPublishEncrypted). */
  notificationKey: kms.IKey;
};

export class MailSending extends Construct {
  readonly identity: ses.EmailIdentity;
  readonly configurationSet: ses.ConfigurationSet;
  /** Bounces, complaints, rejections and delays, as SES reports them. */
  readonly deliveryEvents: sns.Topic;
  /** Keeps those reports for two weeks, for the secretariat or a later bounce handler to read. */
  readonly deliveryProblems: sqs.Queue;
  private readonly secretariatMailbox: string;

  constructor(scope: Construct, id: string, props: MailSendingProps) {
    super(scope, id);
    this.secretariatMailbox = props.secretariatMailbox;

    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      // Invitations name meetings about children at risk: never hand them to a server without TLS.
      tlsPolicy: ses.ConfigurationSetTlsPolicy.REQUIRE,
      reputationMetrics: true,
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.identity = new ses.EmailIdentity(this, 'Domain', {
      identity: ses.Identity.domain(props.sendingDomain),
      configurationSet: this.configurationSet,
      // Easy DKIM: CloudFormation outputs the three CNAME records to publish in the domain's DNS.
      dkimSigning: true,
    });
    // What the county's DNS administrator publishes before SES will send (see the README).
    this.identity.dkimRecords.forEach((record, index) => {
      new CfnOutput(this, `DkimRecord${index + 1}`, {
        value: Fn.join(' ', [record.name, 'CNAME', record.value]),
        description: `DKIM record ${index + 1} of 3 for ${props.sendingDomain}`,
      });
    });

    this.deliveryEvents = new sns.Topic(this, 'DeliveryEvents', { masterKey: props.notificationKey, enforceSSL: true });
    props.notificationKey.grant(new iam.ServicePrincipal('ses.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.configurationSet.addEventDestination('DeliveryProblems', {
      destination: ses.EventDestination.snsTopic(this.deliveryEvents),
      events: [
        ses.EmailSendingEvent.BOUNCE,
        ses.EmailSendingEvent.COMPLAINT,
        ses.EmailSendingEvent.REJECT,
        ses.EmailSendingEvent.DELIVERY_DELAY,
      ],
    });

    this.deliveryProblems = new sqs.Queue(this, 'DeliveryProblemsRecord', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.deliveryEvents.addSubscription(new SqsSubscription(this.deliveryProblems, { rawMessageDelivery: true }));
    Validations.of(this.deliveryProblems).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'The queue is the record of SES delivery problems, read by people; a message read and not deleted stays here, so a redrive queue would only hold the same records.',
    });
  }

  /**
   * SendRawEmail as the secretariat mailbox only, through this configuration set only: SES checks
   * both the identity and the configuration set, so both ARNs are named and nothing else.
   */
  grantSendAsSecretariat(grantee: iam.IGrantable): void {
    const configurationSetArn = Stack.of(this).formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: this.configurationSet.configurationSetName,
    });
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['ses:SendRawEmail'],
        resources: [this.identity.emailIdentityArn, configurationSetArn],
        conditions: { StringEquals: { 'ses:FromAddress': this.secretariatMailbox } },
      }),
    );
  }
}
