// One production deployment, serving one county or many: the table, the handlers, their schedules,
// the HTTP API, mail sending and receiving, and the alarms. The counties come in through props
// (read from the settings and the county files by safetynet-app.ts); nothing here names a county,
// and no resource but a schedule, a Cognito group, a mail identity or a reply recipient is made per
// county, so 22 counties fit in one CloudFormation stack.
import { fileURLToPath } from 'node:url';
import { Annotations, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { DocumentFunction } from './constructs/document-function.ts';
import { MailSending } from './constructs/mail-sending.ts';
import { httpFunctionTable, type HttpSetting } from './constructs/http-functions.ts';
import { MeetingFunction } from './constructs/meeting-function.ts';
import { MeetingHttpApi } from './constructs/meeting-http-api.ts';
import { MeetingSchedules } from './constructs/meeting-schedules.ts';
import { MeetingTable } from './constructs/meeting-table.ts';
import { OperationsAlarms } from './constructs/operations-alarms.ts';
import { ReplyInbox } from './constructs/reply-inbox.ts';
import { secretariatMailboxes, type DeployedCounty } from './deployed-counties.ts';
import type { DeploymentSettings } from './deployment-config.ts';
import { describePlaceholders, type PlaceholderFinding } from './placeholder-gate.ts';

export const handlerEntry = (name: string) => fileURLToPath(new URL(`../functions/handlers/${name}.ts`, import.meta.url));

/** Logs carry ids and counts only (no personal data), so half a year is for investigating, not archiving. */
const logRetention = logs.RetentionDays.SIX_MONTHS;

export type SafetynetStackProps = StackProps & {
  deployment: DeploymentSettings;
  /** The counties served, each with its file (copied beside every bundle). At least one. */
  counties: readonly DeployedCounty[];
  /** Placeholders the settings allowed (safetynet:allowPlaceholders): shown as a synth warning. */
  allowedPlaceholders?: readonly PlaceholderFinding[];
  /**
   * The handler module for RSVP replies received by mail (S3 ObjectCreated events). Given: SES
   * receives mail for every county's secretariat mailbox into an encrypted bucket whose new objects
   * invoke it. Omitted: no receiving is set up.
   */
  rsvpReplyHandlerEntry?: string;
};

export class SafetynetStack extends Stack {
  readonly meetingTable: MeetingTable;
  readonly planMeetings: MeetingFunction;
  readonly dispatchOutbox: MeetingFunction;
  /** Every HTTP function, by handler name (lib/constructs/http-functions.ts lists them). */
  readonly httpFunctions: Record<string, MeetingFunction>;
  /** What people open from mail without an account (API Gateway's $default): RSVP, 開會通知單, minutes pages. */
  readonly httpLinks: MeetingFunction;
  /** Calendar feeds (/c/<county>/feeds/…): reads the table, nothing else. */
  readonly httpFeeds: MeetingFunction;
  /** The secretariat's JSON API (/c/<county>/secretariat/…, behind the JWT authorizer). */
  readonly httpSecretariatApi: MeetingFunction;
  /** The secretariat console (/c/<county>/console…, but for the sections with functions of their own). */
  readonly httpConsole: MeetingFunction;
  /** Renders documents for the HTTP functions; the only bundle with pdf-lib, fontkit, exceljs and the fonts. */
  readonly renderDocuments: MeetingFunction;
  readonly schedules: MeetingSchedules;
  readonly api: MeetingHttpApi;
  readonly mail: MailSending;
  readonly alarms: OperationsAlarms;
  readonly linkSigningKey: secretsmanager.Secret;
  readonly replyInbox: ReplyInbox | undefined;

  constructor(scope: Construct, id: string, props: SafetynetStackProps) {
    super(scope, id, props);
    const { deployment, counties } = props;
    if (counties.length === 0) throw new Error('SafetynetStack: a deployment serves at least one county');
    const countyConfigFiles = counties.map((county) => county.file);
    const mailboxes = secretariatMailboxes(counties);
    if (props.allowedPlaceholders && props.allowedPlaceholders.length > 0) {
      Annotations.of(this).addWarningV2('safetynet:placeholders', describePlaceholders(props.allowedPlaceholders, 'allowed'));
    }

    this.meetingTable = new MeetingTable(this, 'Meetings');
    const table = this.meetingTable.table;

    // Topics for alarms and SES events; CloudWatch and SES are let use it (see their constructs).
    const notificationKey = new kms.Key(this, 'NotificationKey', {
      description: 'Encrypts the alarm and mail-delivery topics',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // The key that signs chairs' and RSVP links; never leaves Secrets Manager except into the functions.
    this.linkSigningKey = new secretsmanager.Secret(this, 'LinkSigningKey', {
      description: 'HMAC key for the signed tokens in RSVP, calendar-feed and minutes links',
      encryptionKey: this.meetingTable.encryptionKey,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.linkSigningKey).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        "Rotating the link-signing key invalidates every RSVP and minutes link already in people's mailboxes (the verifier knows only the current key), so it is rotated by hand and only when it must be, such as after a leak.",
    });

    this.mail = new MailSending(this, 'Mail', { secretariatMailboxes: mailboxes, notificationKey });

    // Lambda keeps an asynchronous event (from Scheduler or SES) here once its retries are spent.
    const failedInvocations = new sqs.Queue(this, 'FailedInvocations', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(failedInvocations).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the on-failure destination of the asynchronously invoked functions; its depth is alarmed.',
    });

    this.planMeetings = new MeetingFunction(this, 'PlanMeetings', {
      entry: handlerEntry('plan-meetings'),
      description: "Plans meeting occurrences for one county's series (or all) and queues the notices due",
      countyConfigFiles,
      // A year's horizon for every series of a county, with RRULE expansion, is a few seconds of CPU;
      // the schedules name a county in every event, so this does not grow with the counties.
      timeout: Duration.minutes(2),
      memorySize: 512,
      logRetention,
      asyncInvocation: { retryAttempts: 2, maxEventAge: Duration.hours(2), onFailure: failedInvocations },
    });
    this.planMeetings.bindTable({ table, accessMode: 'readWrite' });

    this.dispatchOutbox = new MeetingFunction(this, 'DispatchOutbox', {
      entry: handlerEntry('dispatch-outbox'),
      description: 'Sends queued invitations, updates and reminders through SES',
      countyConfigFiles,
      // Under the five minutes between runs, so two runs never overlap; the handler stops itself
      // 15 s before the end and leaves the rest to the next run.
      timeout: Duration.minutes(4),
      memorySize: 256,
      logRetention,
      environment: {
        SES_CONFIGURATION_SET: this.mail.configurationSet.configurationSetName,
        SES_MAX_SEND_RATE: String(deployment.sesMaxSendRate),
      },
      // The next run, five minutes on, retries anything this one could not do.
      asyncInvocation: { retryAttempts: 0, maxEventAge: Duration.minutes(4), onFailure: failedInvocations },
    });
    this.dispatchOutbox.bindTable({ table, accessMode: 'readWrite' });
    this.mail.grantSendAsSecretariats(this.dispatchOutbox.function);

    // One function per row of the HTTP function table (lib/constructs/http-functions.ts): each bundles
    // only its own routes, so a click on a link in mail does not load the console, and each gets only
    // what its row names.
    const documents = new DocumentFunction(this, 'Documents', {
      entry: handlerEntry('render-documents'),
      countyConfigFiles,
      table,
      logRetention,
    });
    this.renderDocuments = documents.renderer;
    this.httpFunctions = {};
    for (const spec of httpFunctionTable) {
      const fn = new MeetingFunction(this, spec.id, {
        entry: handlerEntry(spec.handler),
        description: spec.description,
        countyConfigFiles,
        timeout: spec.timeout,
        memorySize: spec.memorySize,
        logRetention,
      });
      fn.bindTable({ table, accessMode: spec.table });
      // The planner and the dispatcher never render a document; the feeds function neither.
      if (spec.documentRenderer) documents.grantRender(fn);
      if (spec.linkSigningKey) this.grantLinkSigningKey(fn);
      this.httpFunctions[spec.handler] = fn;
    }
    const httpFunction = (handler: string) => {
      const fn = this.httpFunctions[handler];
      if (!fn) throw new Error(`the HTTP function table has no ${handler}`);
      return fn;
    };
    this.httpLinks = httpFunction('http-links');
    this.httpFeeds = httpFunction('http-feeds');
    this.httpSecretariatApi = httpFunction('http-secretariat-api');
    this.httpConsole = httpFunction('http-console');
    // The dispatcher signs the links in invitations.
    this.grantLinkSigningKey(this.dispatchOutbox);

    this.schedules = new MeetingSchedules(this, 'Schedules', {
      counties: counties.map((county) => county.config),
      planMeetings: this.planMeetings.function,
      dispatchOutbox: this.dispatchOutbox.function,
    });

    this.api = new MeetingHttpApi(this, 'Http', {
      functions: httpFunctionTable.map((spec) => ({ spec, fn: httpFunction(spec.handler).function })),
      counties: counties.map(({ config }) => ({ id: config.county.id, name: config.county.name.zh })),
      logRetention,
      throttle: { rateLimit: 25, burstLimit: 50 },
      ...(deployment.loginDomainPrefix ? { loginDomainPrefix: deployment.loginDomainPrefix } : {}),
      ...(deployment.publicBaseUrl ? { publicBaseUrl: deployment.publicBaseUrl } : {}),
    });
    // Each HTTP function gets the settings its row names and no other (http-functions.ts says who reads which).
    const settings: Record<HttpSetting, string> = {
      SECRETARIAT_JWT_ISSUER: this.api.userPool.userPoolProviderUrl,
      SECRETARIAT_JWT_AUDIENCE: this.api.userPoolClient.userPoolClientId,
      SECRETARIAT_LOGIN_URL: this.api.loginDomain.baseUrl(),
      PUBLIC_BASE_URL: this.api.publicBaseUrl,
    };
    for (const spec of httpFunctionTable) for (const name of spec.settings) httpFunction(spec.handler).addEnvironment(name, settings[name]);
    // Where the links in invitations and minutes notices point.
    this.dispatchOutbox.addEnvironment('PUBLIC_BASE_URL', this.api.publicBaseUrl);

    const functions: Record<string, MeetingFunction> = {
      'plan-meetings': this.planMeetings,
      'dispatch-outbox': this.dispatchOutbox,
      ...this.httpFunctions,
      'render-documents': this.renderDocuments,
    };
    if (props.rsvpReplyHandlerEntry) {
      const handleReplies = new MeetingFunction(this, 'HandleRsvpReplies', {
        entry: props.rsvpReplyHandlerEntry,
        description: 'Records RSVP replies received by mail and forwards plain mail to the secretariat',
        countyConfigFiles,
        timeout: Duration.seconds(30),
        memorySize: 256,
        logRetention,
        asyncInvocation: { retryAttempts: 2, maxEventAge: Duration.hours(6), onFailure: failedInvocations },
      });
      handleReplies.bindTable({ table, accessMode: 'readWrite' });
      // A plain e-mail to a secretariat mailbox is forwarded to the county's real one, sent as the
      // county's mailbox only, through the configuration set that records bounces.
      this.mail.grantSendAsSecretariats(handleReplies.function);
      handleReplies.addEnvironment('SES_CONFIGURATION_SET', this.mail.configurationSet.configurationSetName);
      this.replyInbox = new ReplyInbox(this, 'Replies', {
        recipients: mailboxes,
        ruleSet: { name: deployment.receiptRuleSetName, existing: deployment.receiptRuleSetImport },
        replyHandler: handleReplies.function,
        keepRawReplies: Duration.days(30),
      });
      functions['handle-rsvp-replies'] = handleReplies;
    }

    this.alarms = new OperationsAlarms(this, 'Alarms', {
      alarmEmail: deployment.alarmEmail,
      notificationKey,
      functions: Object.fromEntries(Object.entries(functions).map(([name, fn]) => [name, fn.function])),
      deadLetterQueues: { 'schedule-dead-letters': this.schedules.deadLetterQueue, 'failed-invocations': failedInvocations },
      dispatchLogGroup: this.dispatchOutbox.logGroup,
    });
  }

  /** The key that signs and checks the links in mail: its ARN in the environment and the right to read it, together. */
  private grantLinkSigningKey(fn: MeetingFunction): void {
    fn.addEnvironment('LINK_SIGNING_SECRET_ARN', this.linkSigningKey.secretArn);
    this.linkSigningKey.grantRead(fn.function);
  }
}
