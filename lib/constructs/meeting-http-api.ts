// The HTTP front door for every county: one Lambda per audience or part of one, each bundling only its
// own routes (functions/handlers/http-*.ts), routed here by path as the table in http-functions.ts
// says (its rows name the routes and why an open one is safe). Each county's paths start with /c/<county id>/.
// - The secretariat's JSON API (/c/<county>/secretariat/…) → the API function, behind a Cognito
//   user pool: the gateway's JWT authorizer checks issuer and audience, and the app checks the
//   token's group, secretariat-<county id>, against the path's county, so a secretariat of one
//   county never reaches another's.
// - The console (/c/<county>/console…) → the console's functions. People sign in through Cognito's
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
import { checkHttpFunctionTable, type HttpFunctionSpec, type HttpMethodName } from './http-functions.ts';

// The route tables' paths, where the tests have always found them.
export { consolePaths, feedPaths, secretariatApiPaths, unscopedSecretariatPaths } from './http-functions.ts';

/** The Cognito group whose members are one county's secretariat; the app checks it against the path's county. */
export const secretariatGroupName = (countyId: string) => `secretariat-${countyId}`;

/** One HTTP function of the table (http-functions.ts) and the Lambda function made for it. */
export type HttpFunctionTarget = { spec: HttpFunctionSpec; fn: lambda.IFunction };

export type MeetingHttpApiProps = {
  /** Every row of the HTTP function table with its function: the API routes to each as its row says. */
  functions: readonly HttpFunctionTarget[];
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

    checkHttpFunctionTable(props.functions.map(({ spec }) => spec));
    // One invoke permission per function for this API, not one per route: with the console's and the
    // API's parts there are some seventy routes, and a permission each would take the national stack
    // (22 counties) past CloudFormation's resource budget. Only this API's integrations name the
    // function, so the API-wide source is no wider in practice.
    const integrationOf = ({ spec, fn }: HttpFunctionTarget) =>
      new HttpLambdaIntegration(spec.id.replace(/^Http/, ''), fn, { scopePermissionToRoute: false });
    const fallback = props.functions.find(({ spec }) => spec.routes === 'default')!;
    this.api = new apigw.HttpApi(this, 'Api', {
      description:
        "Safety-net meetings of every county served: RSVP links, calendar feeds, minutes upload, the secretariat's console and API",
      createDefaultStage: false,
      // Everything not matched by a route of its own (RSVP, chairs' pages, the front door) reaches
      // the $default row's function, which checks the token or secret.
      defaultIntegration: integrationOf(fallback),
    });
    Validations.of(this.api.node.findChild('DefaultRoute')).acknowledge({ id: 'AwsSolutions-APIG4', reason: openReason(fallback.spec) });

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
    // Each row's routes to its function, in the table's order; the gateway picks the most specific.
    for (const target of props.functions) {
      const { spec } = target;
      if (spec.routes === 'default') continue;
      const integration = integrationOf(target);
      for (const { path, methods } of spec.routes) {
        const routes = this.api.addRoutes({
          path,
          methods: methods.map(httpMethod),
          integration,
          ...(spec.access === 'jwt' ? { authorizer } : {}),
        });
        if (spec.access !== 'jwt')
          for (const route of routes) Validations.of(route).acknowledge({ id: 'AwsSolutions-APIG4', reason: openReason(spec) });
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

const httpMethod = (method: HttpMethodName) => apigw.HttpMethod[method];

/** Why a row's routes may be open at the gateway: its own words (never reached for a JWT row). */
function openReason(spec: HttpFunctionSpec): string {
  if (spec.access === 'jwt') throw new Error(`${spec.handler} is behind the JWT authorizer`);
  return spec.access.open;
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
