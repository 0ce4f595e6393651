// Where mail to the secretariat mailboxes lands: SES receives mail for every county's secretariat
// mailbox, scans it (the spam and virus verdicts it writes on top of the stored message decide
// whether plain mail is forwarded) and stores each raw message in a private bucket; the object's
// creation invokes the reply handler (functions/handlers/ses-reply.ts reads S3 ObjectCreated
// events), which records calendar replies and forwards plain mail to the county's real mailbox. The
// handler's send grant is the dispatcher's (MailSending.grantSendAsSecretariats), given where the
// stack wires it. The stack builds this when it is given a reply handler
// (SafetynetStackProps.rsvpReplyHandlerEntry; bin/app.ts gives it).
//
// SES keeps one active receipt rule set per account and region, so the rules join a rule set named
// in the settings: created here, or imported when another stack (or a person) already made it. An
// imported rule set is never deleted with this stack; only this stack's rules are.
import { createHash } from 'node:crypto';
import { Duration, Fn, Names, RemovalPolicy, Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as actions from 'aws-cdk-lib/aws-ses-actions';
import { Construct } from 'constructs';

export const replyObjectPrefix = 'replies/';

/** SES takes at most 100 recipients in one receipt rule. */
export const recipientsPerRule = 100;

export type ReplyInboxProps = {
  /** The addresses calendar replies are sent to (each county's invitations' ORGANIZER). */
  recipients: readonly string[];
  /** The receipt rule set to add the rules to; `existing`: import it instead of creating it. */
  ruleSet: { name: string; existing: boolean };
  replyHandler: lambda.IFunction;
  /** Replies are parsed within minutes; the raw mail is kept only long enough to investigate. */
  keepRawReplies: Duration;
};

export class ReplyInbox extends Construct {
  readonly bucket: s3.Bucket;
  readonly ruleSet: ses.IReceiptRuleSet;
  readonly rules: ses.ReceiptRule[] = [];

  constructor(scope: Construct, id: string, props: ReplyInboxProps) {
    super(scope, id);
    const stack = Stack.of(this);
    // Named up front: S3 checks its permission to invoke the handler when the bucket is created, and
    // that permission must name the bucket, so the name cannot come from the bucket itself.
    const bucketName = Fn.join('-', [
      'safetynet-replies',
      stack.account,
      stack.region,
      createHash('sha256').update(Names.uniqueId(this)).digest('hex').slice(0, 8),
    ]);
    const invokedByS3 = new lambda.CfnPermission(this, 'InvokedByBucket', {
      action: 'lambda:InvokeFunction',
      functionName: props.replyHandler.functionArn,
      principal: 's3.amazonaws.com',
      sourceAccount: stack.account,
      sourceArn: stack.formatArn({ service: 's3', region: '', account: '', resource: bucketName }),
    });

    this.bucket = new s3.Bucket(this, 'RawReplies', {
      bucketName,
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      lifecycleRules: [{ expiration: props.keepRawReplies, abortIncompleteMultipartUploadAfter: Duration.days(1) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // The notification in the bucket's own CloudFormation: bucket.addEventNotification() would add
    // a custom-resource Lambda with a managed policy just to set it.
    (this.bucket.node.defaultChild as s3.CfnBucket).notificationConfiguration = {
      lambdaConfigurations: [
        {
          event: 's3:ObjectCreated:*',
          function: props.replyHandler.functionArn,
          filter: { s3Key: { rules: [{ name: 'prefix', value: replyObjectPrefix }] } },
        },
      ],
    };
    this.bucket.node.addDependency(invokedByS3);
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'Only SES writes and only the reply handler reads; objects expire within weeks. A second bucket of access logs would outlive the replies it describes.',
    });

    this.ruleSet = props.ruleSet.existing
      ? ses.ReceiptRuleSet.fromReceiptRuleSetName(this, 'Rules', props.ruleSet.name)
      : new ses.ReceiptRuleSet(this, 'Rules', { receiptRuleSetName: props.ruleSet.name });
    // Rule names are left to CloudFormation, so two stacks' rules in one rule set cannot clash.
    const recipients = [...new Set(props.recipients.map((recipient) => recipient.toLowerCase()))].sort();
    for (let start = 0; start < recipients.length; start += recipientsPerRule) {
      const rule = new ses.ReceiptRule(this, `Rule${start / recipientsPerRule + 1}`, {
        ruleSet: this.ruleSet,
        recipients: recipients.slice(start, start + recipientsPerRule),
        scanEnabled: true,
        tlsPolicy: ses.TlsPolicy.REQUIRE,
        actions: [new actions.S3({ bucket: this.bucket, objectKeyPrefix: replyObjectPrefix })],
      });
      this.rules.push(rule);
    }

    // GetObject under the prefix only (bucket.grantRead() would add List and GetBucket*), in a
    // policy of its own: the function must not depend on it, or bucket → permission → function →
    // policy → bucket would be a cycle.
    const readReplies = new iam.Policy(this, 'ReadReplies', {
      statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [this.bucket.arnForObjects(`${replyObjectPrefix}*`)] })],
    });
    if (!props.replyHandler.role) throw new Error('ReplyInbox: the reply handler needs a role to be granted the stored replies');
    readReplies.attachToRole(props.replyHandler.role);
    const bucketId = stack.getLogicalId(this.bucket.node.defaultChild as CfnElement);
    Validations.of(readReplies).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${replyObjectPrefix}*]`,
      reason:
        'Each reply is a new object named by its SES message id; the handler may read objects under replies/ in this one bucket and nothing else.',
    });
  }
}
