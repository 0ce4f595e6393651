// The HTTP front door for every county: one Lambda per audience, each bundling only its own routes
// (functions/handlers/http-*.ts), routed here by path. Each county's paths start with /c/<county id>/.
// - The secretariat's JSON API (/c/<county>/secretariat/…) → the API function, behind a Cognito
//   user pool: the gateway's JWT authorizer checks issuer and audience, and the app checks the
//   token's group, secretariat-<county id>, against the path's county, so a secretariat of one
//   county never reaches another's.
// - The console (/c/<county>/console…) → the console function. People sign in through Cognito's
//   managed login, outside the authorizer (the gateway would refuse a browser's cookie there): the
//   pool has a managed-login domain, its page is branded for the app client (without a style
//   Cognito shows an error page), and the client allows the authorization-code flow only, with
//   PKCE from the app, returning to each county's console under the public base URL.
// - Calendar feeds (/c/<county>/feeds/…) → the feeds function, which may only read the table: the
//   URL's secret is the credential.
// - Everything else ($default) → the links function: chairs' and RSVP links and the 開會通知單 link
//   carry signed tokens that the function verifies, so they are open at the gateway. The tokens travel in the URL (/c/<county>/rsvp/<token>, …), which is why the access
//   log records the route and never the path or query string.
import { Aws, CfnOutput, Duration, Fn, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/** The paths of the secretariat's JSON API, per county; the gateway lets only signed-in users through. */
export const secretariatApiPaths = ['/c/{county}/secretariat', '/c/{county}/secretariat/{proxy+}'] as const;
/**
 * The unscoped paths of the single-county version. The app no longer serves them, but nothing named
 * /secretariat should ever be open at the gateway, whatever a later route in the app adds there.
 */
export const unscopedSecretariatPaths = ['/secretariat', '/secretariat/{proxy+}'] as const;

/** The calendar feeds' paths, per county: the URL's secret is the credential, which the feeds function checks. */
export const feedPaths = ['/c/{county}/feeds/{proxy+}'] as const;

/** The console's paths, per county: no authorizer (a browser sends a cookie), the function requires its session. */
export const consolePaths = ['/c/{county}/console', '/c/{county}/console/{proxy+}'] as const;

/** The Cognito group whose members are one county's secretariat; the app checks it against the path's county. */
export const secretariatGroupName = (countyId: string) => `secretariat-${countyId}`;

/** The function serving each audience (functions/handlers/http-links.ts, http-secretariat-api.ts, http-console.ts). */
export type HttpAudienceHandlers = {
  links: lambda.IFunction;
  feeds: lambda.IFunction;
  secretariatApi: lambda.IFunction;
  console: lambda.IFunction;
};

export type MeetingHttpApiProps = {
  handlers: HttpAudienceHandlers;
  /** One Cognito group per county: its id names the group, its name describes it. */
  counties: readonly { id: string; name: string }[];
  logRetention: logs.RetentionDays;
  /** Requests per second across the API; a county has a few hundred users at most. */
  throttle: { rateLimit: number; burstLimit: number };
  /** The sign-in page's prefix (<prefix>.auth.<region>.amazoncognito.com); default: the stack's name and the account id. */
  loginDomainPrefix?: string;
  /** Where people reach the app, ending in "/"; default: the API's own URL. */
  publicBaseUrl?: string;
};

/** The console's callback and sign-out return paths of one county, below the public base URL. */
export const consoleCallbackPath = (countyId: string) => `c/${countyId}/console/callback`;
export const consoleSignedOutPath = (countyId: string) => `c/${countyId}/console/signed-out`;

export class MeetingHttpApi extends Construct {
  readonly api: apigw.HttpApi;
  readonly userPool: cognito.UserPool;
  readonly userPoolClient: cognito.UserPoolClient;
  /** Cognito managed login: where the console sends people to sign in and out. */
  readonly loginDomain: cognito.UserPoolDomain;
  /** Where people reach the app, ending in "/": the setting, or the API's own URL. */
  readonly publicBaseUrl: string;
  /** Keyed by county id. */
  readonly secretariatGroups: Map<string, cognito.CfnUserPoolGroup>;
  readonly accessLogs: logs.LogGroup;
  /** Base URL of the API (the default stage), ending in "/". */
  readonly url: string;

  constructor(scope: Construct, id: string, props: MeetingHttpApiProps) {
    super(scope, id);

    this.userPool = new cognito.UserPool(this, 'SecretariatUsers', {
      // Accounts are made by an administrator for named staff; nobody signs themselves up.
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      // Compromised-credential and risky sign-in checks: the pages reach minutes about children.
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Signing in is not enough: the app also requires membership of the path's county group, so an
    // account made for another purpose (or another county) in the same pool never reaches minutes.
    this.secretariatGroups = new Map(
      props.counties.map(({ id: countyId, name }) => [
        countyId,
        new cognito.CfnUserPoolGroup(this, `SecretariatGroup-${countyId}`, {
          userPoolId: this.userPool.userPoolId,
          groupName: secretariatGroupName(countyId),
          description: `${name}社會安全網幕僚：可排定${name}的會議、閱讀及分送其會議紀錄`,
        }),
      ]),
    );
    this.loginDomain = this.userPool.addDomain('ManagedLogin', {
      cognitoDomain: { domainPrefix: props.loginDomainPrefix ?? defaultLoginDomainPrefix(Stack.of(this).stackName) },
      managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });

    this.api = new apigw.HttpApi(this, 'Api', {
      description:
        "Safety-net meetings of every county served: RSVP links, calendar feeds, minutes upload, the secretariat's console and API",
      createDefaultStage: false,
      // Everything not matched below (RSVP, feeds, chairs' pages, the front door) reaches the links
      // function, which checks the token or secret.
      defaultIntegration: new HttpLambdaIntegration('Links', props.handlers.links),
    });
    Validations.of(this.api.node.findChild('DefaultRoute')).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        "The $default route serves RSVP links, calendar feeds and chairs' pages to network units, who have no accounts; every such link carries an HMAC-signed token (a feed, a secret) that the links function verifies. It serves nothing of the console or the secretariat's API, which have routes of their own.",
    });

    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', { retention: props.logRetention, removalPolicy: RemovalPolicy.RETAIN });
    const stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle,
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(this.accessLogs),
        format: accessLogFormat(),
      },
    });

    this.url = stage.url;

    // The console's app client: the authorization-code flow only (no implicit flow, no
    // client-credentials), returning to each county's console; the app adds PKCE. Scripts keep
    // signing in with SRP for the bearer API.
    this.publicBaseUrl = props.publicBaseUrl ?? this.url;
    this.userPoolClient = this.userPool.addClient('SecretariatPages', {
      authFlows: { userSrp: true },
      generateSecret: false,
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: props.counties.map(({ id: countyId }) => `${this.publicBaseUrl}${consoleCallbackPath(countyId)}`),
        logoutUrls: props.counties.map(({ id: countyId }) => `${this.publicBaseUrl}${consoleSignedOutPath(countyId)}`),
      },
    });
    // Managed login shows an error page to a client without a style: Cognito's own style, in the
    // language the browser asks for (zh-TW among them).
    new cognito.CfnManagedLoginBranding(this, 'LoginBranding', {
      userPoolId: this.userPool.userPoolId,
      clientId: this.userPoolClient.userPoolClientId,
      useCognitoProvidedValues: true,
    });

    const authorizer = new HttpUserPoolAuthorizer('Secretariat', this.userPool, { userPoolClients: [this.userPoolClient] });
    // Two routes for the whole API, whatever the number of counties: {county} is a path parameter,
    // and the app matches it to the token's group. Each pair has both forms: ".../{proxy+}" does
    // not match ".../secretariat" itself, which would otherwise fall through to the open $default
    // route.
    const secretariatApi = new HttpLambdaIntegration('SecretariatApi', props.handlers.secretariatApi);
    for (const path of [...secretariatApiPaths, ...unscopedSecretariatPaths]) {
      this.api.addRoutes({ path, methods: [apigw.HttpMethod.ANY], integration: secretariatApi, authorizer });
    }
    // Calendar clients poll their feeds: a function of their own, which may only read the table.
    const feeds = new HttpLambdaIntegration('Feeds', props.handlers.feeds);
    for (const path of feedPaths) {
      for (const route of this.api.addRoutes({ path, methods: [apigw.HttpMethod.GET, apigw.HttpMethod.HEAD], integration: feeds })) {
        Validations.of(route).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason:
            "Calendar clients (Outlook, Google Calendar, a phone's calendar) subscribe to a unit's feed by URL and cannot sign in; the URL holds a secret of the unit's that the feeds function checks against the table, answering 404 to a wrong or revoked one as to an address that does not exist.",
        });
      }
    }
    // The console's pair likewise. Whether ".../{proxy+}" matches the home's empty remainder
    // (".../console/", where the sign-in returns) is not something to rely on: the console function
    // serves its home at "/c/{county}/console" too, and the links function sends ".../console/" there
    // should the gateway give it to $default.
    const consolePages = new HttpLambdaIntegration('Console', props.handlers.console);
    for (const path of consolePaths) {
      for (const route of this.api.addRoutes({ path, methods: [apigw.HttpMethod.ANY], integration: consolePages })) {
        Validations.of(route).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason:
            "The secretariat console is reached by a browser with a session cookie, which the gateway's JWT authorizer would refuse. The console function serves every page only within its own server-side session, made after Cognito managed login (MFA required) and a check of the ID token's county group, and refuses any change without the session's CSRF token.",
        });
      }
    }

    new CfnOutput(this, 'Url', { value: stage.url, description: 'Base URL of the HTTP API' });
    new CfnOutput(this, 'SecretariatConsole', {
      value: `${this.publicBaseUrl}c/<county id>/console/`,
      description: "The secretariat console of each county (replace <county id>); sign-in through Cognito's managed login",
    });
    new CfnOutput(this, 'LoginDomain', {
      value: this.loginDomain.baseUrl(),
      description: "Cognito managed login (the console's sign-in page)",
    });
    new CfnOutput(this, 'UserPoolId', {
      value: this.userPool.userPoolId,
      description: 'Cognito user pool of the secretariat (create users here)',
    });
    new CfnOutput(this, 'UserPoolClientId', {
      value: this.userPoolClient.userPoolClientId,
      description: 'App client of the secretariat pages',
    });
  }
}

/**
 * JSON, one line per request. No $context.path: link tokens are path segments. The route key is
 * the matched route's template ("ANY /secretariat/{proxy+}", "$default"), never a value from it.
 */
function accessLogFormat(): AccessLogFormat {
  return AccessLogFormat.custom(
    JSON.stringify({
      requestId: '$context.requestId',
      requestTime: '$context.requestTime',
      sourceIp: '$context.identity.sourceIp',
      method: '$context.httpMethod',
      routeKey: '$context.routeKey',
      status: '$context.status',
      responseLength: '$context.responseLength',
      latencyMs: '$context.responseLatency',
      integrationError: '$context.integrationErrorMessage',
      authorizerError: '$context.authorizer.error',
    }),
  );
}

/**
 * The stack's name in lower case with the account id: unique in the region, as a Cognito prefix
 * must be across all accounts, and without the words Cognito refuses in one.
 */
function defaultLoginDomainPrefix(stackName: string): string {
  const name =
    stackName
      .toLowerCase()
      .replace(/aws|amazon|cognito/g, '')
      .replace(/[^a-z0-9-]/g, '')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'safetynet';
  return Fn.join('-', [name, Aws.ACCOUNT_ID]);
}
