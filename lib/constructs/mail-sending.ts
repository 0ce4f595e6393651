// Sending as each county's secretariat: a domain identity (DKIM) for every distinct domain of the
// counties' mailboxes, a configuration set that refuses to deliver over plain text, and a record of
// every delivery problem, so a secretariat can find a unit whose address bounces before the unit
// misses a meeting.
//
// The identities follow the mailboxes rather than one configured sending domain: a county hosted on
// a shared platform may send from the platform's domain (all counties on it: one identity, one set
// of DKIM records) or from its own (its own identity), and the county file alone says which, so no
// setting can disagree with it.
import { CfnOutput, Duration, Fn, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import { SqsSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export type MailSendingProps = {
  /** Every county's secretariat mailbox: From, ORGANIZER and where calendar replies arrive. */
  secretariatMailboxes: readonly string[];
  /** Encrypts the delivery-event topic; SES must be allowed to use it (see grantPublishEncrypted). */
  notificationKey: kms.IKey;
};

export class MailSending extends Construct {
  /** Keyed by domain (lower case). */
  readonly identities = new Map<string, ses.EmailIdentity>();
  readonly configurationSet: ses.ConfigurationSet;
  /** Bounces, complaints, rejections and delays, as SES reports them. */
  readonly deliveryEvents: sns.Topic;
  /** Keeps those reports for two weeks, for the secretariat or a later bounce handler to read. */
  readonly deliveryProblems: sqs.Queue;
  private readonly secretariatMailboxes: readonly string[];

  constructor(scope: Construct, id: string, props: MailSendingProps) {
    super(scope, id);
    this.secretariatMailboxes = [...new Set(props.secretariatMailboxes)];

    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      // Invitations name meetings about children at risk: never hand them to a server without TLS.
      tlsPolicy: ses.ConfigurationSetTlsPolicy.REQUIRE,
      reputationMetrics: true,
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    for (const domain of mailDomains(this.secretariatMailboxes)) {
      const identity = new ses.EmailIdentity(this, `Domain-${domain}`, {
        identity: ses.Identity.domain(domain),
        configurationSet: this.configurationSet,
        // Easy DKIM: CloudFormation outputs the three CNAME records to publish in the domain's DNS.
        dkimSigning: true,
      });
      // What the domain's DNS administrator publishes before SES will send (see the README).
      identity.dkimRecords.forEach((record, index) => {
        new CfnOutput(this, `DkimRecord-${domain}-${index + 1}`, {
          value: Fn.join(' ', [record.name, 'CNAME', record.value]),
          description: `DKIM record ${index + 1} of 3 for ${domain}`,
        });
      });
      this.identities.set(domain, identity);
    }

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
   * SendRawEmail as the counties' secretariat mailboxes only, through this configuration set only:
   * SES checks both the identity and the configuration set, so both kinds of ARN are named and
   * nothing else.
   */
  grantSendAsSecretariats(grantee: iam.IGrantable): void {
    const configurationSetArn = Stack.of(this).formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: this.configurationSet.configurationSetName,
    });
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['ses:SendRawEmail'],
        resources: [...[...this.identities.values()].map((identity) => identity.emailIdentityArn), configurationSetArn],
        conditions: { StringEquals: { 'ses:FromAddress': [...this.secretariatMailboxes] } },
      }),
    );
  }
}

/** The distinct domains of the mailboxes, lower-cased (DNS names are case-insensitive) and sorted. */
export function mailDomains(mailboxes: readonly string[]): string[] {
  return [...new Set(mailboxes.map((mailbox) => (mailbox.split('@')[1] ?? '').toLowerCase()))].sort();
}
