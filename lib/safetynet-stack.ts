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
  /** What people open from mail without an account (API Gateway's $default): RSVP, 開會通知單, minutes pages, feeds. */
  readonly httpLinks: MeetingFunction;
  /** Calendar feeds (/c/<county>/feeds/…): reads the table, nothing else. */
  readonly httpFeeds: MeetingFunction;
  /** The secretariat's JSON API (/c/<county>/secretariat/…, behind the JWT authorizer). */
  readonly httpSecretariatApi: MeetingFunction;
  /** The secretariat console (/c/<county>/console…), with its sign-in and session. */
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

    // One function per audience of the HTTP API (lib/constructs/meeting-http-api.ts routes them),
    // each bundling only its own routes: a click on a link in mail does not load the console.
    const httpFunction = (id: string, entry: string, description: string) =>
      new MeetingFunction(this, id, {
        entry: handlerEntry(entry),
        description,
        countyConfigFiles,
        // Each may wait for the document function, which may be starting cold (its fonts are
        // 17.7 MB); under the HTTP API's 30 s integration limit.
        timeout: Duration.seconds(28),
        // More memory is more CPU: a faster cold start for the person who clicked.
        memorySize: 512,
        logRetention,
      });
    this.httpLinks = httpFunction('HttpLinks', 'http-links', "The links in units' mail: RSVP, 開會通知單, chairs' minutes pages");
    this.httpSecretariatApi = httpFunction('HttpSecretariatApi', 'http-secretariat-api', "The secretariat's JSON API (Cognito JWT)");
    this.httpConsole = httpFunction(
      'HttpConsole',
      'http-console',
      'The secretariat console: sign-in, meetings, contacts, minutes, documents',
    );
    const httpFunctions = [this.httpLinks, this.httpSecretariatApi, this.httpConsole];
    // Calendar clients poll every few hours per subscribed unit: reading the table is all it takes.
    this.httpFeeds = new MeetingFunction(this, 'HttpFeeds', {
      entry: handlerEntry('http-feeds'),
      description: "Units' calendar feeds (.ics), for calendar clients",
      countyConfigFiles,
      timeout: Duration.seconds(10),
      memorySize: 256,
      logRetention,
    });
    this.httpFeeds.bindTable({ table, accessMode: 'read' });
    // Each writes: RSVP answers, chairs' minutes and their audit records (links); the secretariat's
    // changes, issued links and theirs (API and console); the console's sessions too.
    for (const fn of httpFunctions) fn.bindTable({ table, accessMode: 'readWrite' });

    const documents = new DocumentFunction(this, 'Documents', {
      entry: handlerEntry('render-documents'),
      countyConfigFiles,
      table,
      logRetention,
    });
    this.renderDocuments = documents.renderer;
    // Each HTTP function serves documents: the 開會通知單 link (links), downloads (API), the annual
    // plan and notices (console). The planner and the dispatcher never render one.
    for (const fn of httpFunctions) documents.grantRender(fn);

    // Links are signed by the dispatcher (invitations), the API and the console (chair links), and
    // checked by the links function.
    for (const fn of [this.dispatchOutbox, ...httpFunctions]) {
      fn.addEnvironment('LINK_SIGNING_SECRET_ARN', this.linkSigningKey.secretArn);
      this.linkSigningKey.grantRead(fn.function);
    }

    this.schedules = new MeetingSchedules(this, 'Schedules', {
      counties: counties.map((county) => county.config),
      planMeetings: this.planMeetings.function,
      dispatchOutbox: this.dispatchOutbox.function,
    });

    this.api = new MeetingHttpApi(this, 'Http', {
      handlers: {
        links: this.httpLinks.function,
        feeds: this.httpFeeds.function,
        secretariatApi: this.httpSecretariatApi.function,
        console: this.httpConsole.function,
      },
      counties: counties.map(({ config }) => ({ id: config.county.id, name: config.county.name.zh })),
      logRetention,
      throttle: { rateLimit: 25, burstLimit: 50 },
      ...(deployment.loginDomainPrefix ? { loginDomainPrefix: deployment.loginDomainPrefix } : {}),
      ...(deployment.publicBaseUrl ? { publicBaseUrl: deployment.publicBaseUrl } : {}),
    });
    // The API verifies the secretariat's JWT itself too (functions/http/secretariat-auth.ts), so a
    // route added without the gateway authorizer is still not open; it requires the group
    // secretariat-<county> of the path's county, so no group name is configured here. The console
    // checks the same pool's ID tokens at sign-in. The links function knows nothing of the pool.
    for (const fn of [this.httpSecretariatApi, this.httpConsole]) {
      fn.addEnvironment('SECRETARIAT_JWT_ISSUER', this.api.userPool.userPoolProviderUrl);
      fn.addEnvironment('SECRETARIAT_JWT_AUDIENCE', this.api.userPoolClient.userPoolClientId);
    }
    // The console signs in through Cognito's managed login and signs out at its /logout.
    this.httpConsole.addEnvironment('SECRETARIAT_LOGIN_URL', this.api.loginDomain.baseUrl());
    // Where the links in invitations, minutes notices and issued chair links point, and where the
    // console's sign-in returns.
    for (const fn of [this.dispatchOutbox, this.httpSecretariatApi, this.httpConsole])
      fn.addEnvironment('PUBLIC_BASE_URL', this.api.publicBaseUrl);

    const functions: Record<string, MeetingFunction> = {
      'plan-meetings': this.planMeetings,
      'dispatch-outbox': this.dispatchOutbox,
      'http-links': this.httpLinks,
      'http-feeds': this.httpFeeds,
      'http-secretariat-api': this.httpSecretariatApi,
      'http-console': this.httpConsole,
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
}
