// The HTTP API's functions as one table: which handler serves which gateway routes, whether the
// Cognito JWT authorizer guards them (or why they are open), and what each function needs. The stack
// (safetynet-stack.ts) makes one MeetingFunction per row and gives it exactly what the row names;
// MeetingHttpApi (meeting-http-api.ts) adds the row's routes; bench/bundles.ts and the infra tests
// read the handler list from here, so a function added to the table is built, routed, measured and
// held to its size without a second list to forget.
//
// API Gateway's HTTP API picks the most specific route: literal segments before {param}, {param}
// before {proxy+}, $default last. So a part of an audience split off into its own function (the
// console's minutes section, say) gets routes more specific than the audience's greedy one, and
// every other path keeps reaching the audience's function.
import { Duration } from 'aws-cdk-lib';
import { consoleParts, consolePartPaths } from '../../functions/http/console/console-parts.ts';
// Each part of the secretariat's API exports the gateway paths it serves, so routes and code cannot drift.
import { secretariatCalendarApiPaths } from '../../functions/http/secretariat-calendar-api-audience.ts';
import { secretariatMinutesApiPaths } from '../../functions/http/secretariat-minutes-api-audience.ts';
import { secretariatRecordsApiPaths } from '../../functions/http/secretariat-records-api-audience.ts';
import type { TableAccessMode } from './bind-table.ts';

export type HttpMethodName = 'ANY' | 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';

export type HttpRoute = { path: string; methods: readonly HttpMethodName[] };

/**
 * Settings a function may be given, each only to the functions that read it:
 * - SECRETARIAT_JWT_ISSUER, SECRETARIAT_JWT_AUDIENCE: the Cognito pool and app client whose tokens the
 *   function verifies (the console's ID token at sign-in), or whose verified claims it checks (the API's,
 *   which the gateway's authorizer verified).
 * - SECRETARIAT_LOGIN_URL: Cognito managed login, where the sign-in sends people (and a page's CSP
 *   form-action names for its sign-out form).
 * - PUBLIC_BASE_URL: where people reach the app, for links the function writes and the sign-in's return.
 */
export type HttpSetting = 'SECRETARIAT_JWT_ISSUER' | 'SECRETARIAT_JWT_AUDIENCE' | 'SECRETARIAT_LOGIN_URL' | 'PUBLIC_BASE_URL';

export type HttpFunctionSpec = {
  /** The entry functions/handlers/<handler>.ts; also the function's name in alarms and reports. */
  handler: string;
  /** The construct id (the stack's logical ids start with it). */
  id: string;
  description: string;
  /** Its gateway routes, or 'default': the $default route, every path no other route matches. */
  routes: readonly HttpRoute[] | 'default';
  /**
   * 'jwt': the gateway's Cognito JWT authorizer guards every route. Otherwise the routes are open at
   * the gateway and this says why that is safe (the cdk-nag AwsSolutions-APIG4 acknowledgment).
   */
  access: 'jwt' | { open: string };
  table: TableAccessMode;
  /** Signs or checks the links in mail (Secrets Manager's link-signing key). */
  linkSigningKey: boolean;
  /** Serves a document (PDF, spreadsheet) the document function renders. */
  documentRenderer: boolean;
  settings: readonly HttpSetting[];
  memorySize: number;
  timeout: Duration;
};

const any = ['ANY'] as const;
/** A path and everything below it, for any method: ".../{proxy+}" does not match the path itself. */
export const withBelow = (path: string): HttpRoute[] => [
  { path, methods: any },
  { path: `${path}/{proxy+}`, methods: any },
];

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

// Documents are rendered by the document function, which may be starting cold (its fonts are
// 17.7 MB): a function that waits for one gets 28 s, under the HTTP API's 30 s integration limit.
// More memory is more CPU: a faster cold start for the person who clicked.
const servesPeople = { memorySize: 512, timeout: Duration.seconds(28) } as const;

/**
 * The API functions read the claims the gateway's authorizer verified (functions/http/secretariat-gateway-claims.ts)
 * and refuse a request without them, so a route added without the authorizer is still not open; they check
 * the issuer, the app client and the expiry of those claims against these, and the path's county group.
 * The links they issue point at PUBLIC_BASE_URL.
 */
const secretariatApiSettings: readonly HttpSetting[] = ['SECRETARIAT_JWT_ISSUER', 'SECRETARIAT_JWT_AUDIENCE', 'PUBLIC_BASE_URL'];

/** The chair's minutes form and its JSON API, and the form's script: the signed link is the credential. */
export const chairMinutesPaths = {
  pages: ['/c/{county}/minutes/{proxy+}', '/c/{county}/api/minutes/{proxy+}'],
  assets: ['/c/{county}/assets/{proxy+}'],
} as const;

/**
 * A part of the secretariat's JSON API: its paths are more specific than the API's greedy route, so
 * the gateway sends them here, behind the same authorizer. Each mounts only with the link key (chair
 * links, county keys), as the whole API did.
 */
function secretariatApiPart(
  handler: string,
  id: string,
  what: string,
  { paths, documentRenderer }: { paths: readonly string[]; documentRenderer: boolean },
): HttpFunctionSpec[] {
  return [
    {
      handler,
      id,
      description: `The secretariat's JSON API: ${what} (Cognito JWT)`,
      routes: paths.map((path) => ({ path, methods: any })),
      access: 'jwt',
      table: 'readWrite',
      linkSigningKey: true,
      documentRenderer,
      settings: secretariatApiSettings,
      ...servesPeople,
    },
  ];
}

const consoleSessionReason =
  "The secretariat console is reached by a browser with a session cookie, which the gateway's JWT authorizer would refuse. The console function serves every page only within its own server-side session, made after Cognito managed login (MFA required) and a check of the ID token's county group, and refuses any change without the session's CSRF token.";

/** What the console's pages need beside the table: managed login's logout in their CSP, and the app's address. */
const consolePageSettings: readonly HttpSetting[] = ['SECRETARIAT_LOGIN_URL', 'PUBLIC_BASE_URL'];

/**
 * The console's parts with functions of their own, by handler: their paths come from
 * functions/http/console/console-parts.ts (the console's own list, which its audiences mount), what
 * they need from here. A part listed there without a row here stops the synth.
 */
const consolePartRows: Record<string, Omit<HttpFunctionSpec, 'handler' | 'routes'>> = {
  'http-console-sign-in': {
    id: 'HttpConsoleSignIn',
    description: "The secretariat console's sign-in through Cognito managed login, and sign-out",
    access: {
      open: "Sign-in, its callback, sign-out and the signed-out page are where a browser without a session goes, so no token can be asked for; nothing there shows or changes the county's data. The callback accepts only an authorization code for this browser's own sign-in attempt (state and PKCE verifier stored server-side) and an ID token of the pool with the path county's group.",
    },
    // Sign-in attempts, sessions and their audit records.
    table: 'readWrite',
    linkSigningKey: false,
    documentRenderer: false,
    // The only console function that checks a token: the ID token, against the pool and app client.
    settings: ['SECRETARIAT_JWT_ISSUER', 'SECRETARIAT_JWT_AUDIENCE', 'SECRETARIAT_LOGIN_URL', 'PUBLIC_BASE_URL'],
    // Discovery, the token endpoint and the keys are fetched from Cognito, cold or not.
    ...servesPeople,
  },
  'http-console-meeting-actions': {
    id: 'HttpConsoleMeetingActions',
    description: "The secretariat console's meeting actions: 改期, 停開, 恢復召開, 變更地點, 主持互換, 代理主持, 新增臨時會議",
    access: { open: consoleSessionReason },
    // Overrides, re-planning, the notices it queues and their audit records.
    table: 'readWrite',
    linkSigningKey: false,
    documentRenderer: false,
    settings: consolePageSettings,
    ...servesPeople,
  },
  'http-console-minutes': {
    id: 'HttpConsoleMinutes',
    description: "The secretariat console's minutes, follow-up, held replies, failed notices and audit pages",
    access: { open: consoleSessionReason },
    table: 'readWrite',
    // Chair links issued from 會議紀錄.
    linkSigningKey: true,
    documentRenderer: false,
    settings: consolePageSettings,
    ...servesPeople,
  },
  'http-console-contacts': {
    id: 'HttpConsoleContacts',
    description: "The secretariat console's contacts (聯絡人)",
    access: { open: consoleSessionReason },
    // The roster, re-planning, the notices it queues and their audit records.
    table: 'readWrite',
    linkSigningKey: false,
    documentRenderer: false,
    settings: consolePageSettings,
    ...servesPeople,
  },
  'http-console-records': {
    id: 'HttpConsoleRecords',
    description: "The secretariat console's office calendar (辦公日曆) and closures",
    access: { open: consoleSessionReason },
    // The office calendar, closures and the re-planning they cause.
    table: 'readWrite',
    linkSigningKey: false,
    documentRenderer: false,
    settings: consolePageSettings,
    ...servesPeople,
  },
};

const consolePartSpecs: HttpFunctionSpec[] = consoleParts.map((part) => {
  const row = consolePartRows[part.handler];
  if (!row) throw new Error(`console-parts.ts names ${part.handler}, which lib/constructs/http-functions.ts gives nothing to`);
  return { handler: part.handler, routes: consolePartPaths(part).map((path) => ({ path, methods: any })), ...row };
});

/** Every HTTP function of the stack. Exactly one row has the $default route. */
export const httpFunctionTable: readonly HttpFunctionSpec[] = [
  {
    handler: 'http-links',
    id: 'HttpLinks',
    description: "The links in units' mail: RSVP and the 開會通知單; the front door",
    // Everything no other route matches: RSVP, the 開會通知單 link, the front door (a redirect to the console).
    routes: 'default',
    access: {
      open: "The $default route serves RSVP links and the 開會通知單 link to network units, who have no accounts; every such link carries an HMAC-signed token that the links function verifies before it reads or writes anything, and the front door only redirects to the console's sign-in. It serves nothing of the console or the secretariat's API, which have routes of their own.",
    },
    // RSVP answers and their audit records (chairs' minutes are the chair-minutes function's).
    table: 'readWrite',
    linkSigningKey: true,
    documentRenderer: true,
    // It knows nothing of the Cognito pool, nor writes links of its own.
    settings: [],
    ...servesPeople,
  },
  {
    handler: 'http-chair-minutes',
    id: 'HttpChairMinutes',
    description: "Chairs' minutes form, its JSON API and script, and the distributed minutes",
    routes: [
      ...chairMinutesPaths.pages.map((path) => ({ path, methods: any })),
      ...chairMinutesPaths.assets.map((path) => ({ path, methods: ['GET', 'HEAD'] as const })),
    ],
    access: {
      open: "A meeting's chair and its invitees reach the minutes form, its JSON API and the distributed minutes from a link in mail, without an account: every such URL carries an HMAC-signed token of the link-signing key that the function verifies (purpose, meeting, expiry) before it reads or writes anything; the only asset is the form's own script.",
    },
    // The minutes and their versions, and the audit records of each change.
    table: 'readWrite',
    linkSigningKey: true,
    documentRenderer: false,
    settings: [],
    // It waits for no document: a slow answer here is a fault, not a cold renderer.
    memorySize: 512,
    timeout: Duration.seconds(10),
  },
  {
    handler: 'http-feeds',
    id: 'HttpFeeds',
    description: "Units' calendar feeds (.ics), for calendar clients",
    routes: feedPaths.map((path) => ({ path, methods: ['GET', 'HEAD'] })),
    access: {
      open: "Calendar clients (Outlook, Google Calendar, a phone's calendar) subscribe to a unit's feed by URL and cannot sign in; the URL holds a secret of the unit's that the feeds function checks against the table, answering 404 to a wrong or revoked one as to an address that does not exist.",
    },
    // Calendar clients poll every few hours per subscribed unit: reading the table is all it takes.
    table: 'read',
    linkSigningKey: false,
    documentRenderer: false,
    settings: [],
    memorySize: 256,
    timeout: Duration.seconds(10),
  },
  {
    handler: 'http-secretariat-api',
    id: 'HttpSecretariatApi',
    description: "The secretariat's JSON API: meetings and series (Cognito JWT)",
    // Two routes per pair, whatever the number of counties: {county} is a path parameter, and the app
    // matches it to the token's group. ".../{proxy+}" does not match ".../secretariat" itself, which
    // would otherwise fall through to the open $default route.
    routes: [...secretariatApiPaths, ...unscopedSecretariatPaths].map((path) => ({ path, methods: any })),
    access: 'jwt',
    // The catch-all of the API: meetings and series; its parts below have more specific routes.
    // The secretariat's changes, the chair links it issues and their audit records.
    table: 'readWrite',
    linkSigningKey: true,
    // Documents are the minutes part's.
    documentRenderer: false,
    settings: secretariatApiSettings,
    ...servesPeople,
  },
  ...secretariatApiPart('http-secretariat-calendar-api', 'HttpSecretariatCalendarApi', 'closures, the office calendar and contacts', {
    paths: secretariatCalendarApiPaths,
    documentRenderer: false,
  }),
  ...secretariatApiPart('http-secretariat-records-api', 'HttpSecretariatRecordsApi', 'notices, audit, follow-up, held replies and feeds', {
    paths: secretariatRecordsApiPaths,
    documentRenderer: false,
  }),
  // Downloads (開會通知單, sign-in sheet, minutes), chair links and minutes decisions.
  ...secretariatApiPart('http-secretariat-minutes-api', 'HttpSecretariatMinutesApi', 'minutes, action items, documents and chair links', {
    paths: secretariatMinutesApiPaths,
    documentRenderer: true,
  }),
  {
    handler: 'http-console',
    id: 'HttpConsole',
    description: "The secretariat console's home, meetings, plan and rotation, and its 404 page",
    // Whether ".../{proxy+}" matches the home's empty remainder (".../console/", where the sign-in
    // returns) is not something to rely on: the console function serves its home at
    // "/c/{county}/console" too, and the links function sends ".../console/" there should the gateway
    // give it to $default. Every console path no part below names reaches it, so its 404 page answers.
    routes: consolePaths.map((path) => ({ path, methods: any })),
    access: { open: consoleSessionReason },
    // The secretariat's changes and their audit records; the session it reads.
    table: 'readWrite',
    linkSigningKey: false,
    // A meeting's 開會通知單 and sign-in sheet, the annual plan.
    documentRenderer: true,
    // No token is checked here (the session is server-side); every page's 登出 form ends at managed
    // login's logout, which the CSP's form-action must name.
    settings: consolePageSettings,
    ...servesPeople,
  },
  // Its parts, each with routes more specific than its greedy pair.
  ...consolePartSpecs,
];

/** The handler names of the table, in its order. */
export const httpHandlerNames = httpFunctionTable.map((spec) => spec.handler);

/** The gateway's route keys of a row: "ANY /c/{county}/console", "$default". */
export function routeKeysOf(spec: HttpFunctionSpec): string[] {
  return spec.routes === 'default'
    ? ['$default']
    : spec.routes.flatMap(({ path, methods }) => methods.map((method) => `${method} ${path}`));
}

/**
 * Refuses a table the gateway could not serve as meant: not exactly one $default row, or a route
 * key in two rows (the second would fail at deployment, or one function would shadow the other).
 */
export function checkHttpFunctionTable(table: readonly HttpFunctionSpec[]): void {
  const defaults = table.filter((spec) => spec.routes === 'default').map((spec) => spec.handler);
  if (defaults.length !== 1) throw new Error(`exactly one HTTP function serves $default, not ${defaults.length} (${defaults.join(', ')})`);
  const owner = new Map<string, string>();
  for (const spec of table) {
    for (const key of routeKeysOf(spec)) {
      const other = owner.get(key);
      if (other) throw new Error(`route ${key} is both ${other}'s and ${spec.handler}'s`);
      owner.set(key, spec.handler);
    }
    // Nothing named secretariat is ever open at the gateway, whatever a row's function checks.
    const open =
      spec.access !== 'jwt' && spec.routes !== 'default' ? spec.routes.filter(({ path }) => /\/secretariat(\/|$)/.test(path)) : [];
    if (open.length > 0)
      throw new Error(`${spec.handler}: ${open[0]!.path} would be open; the secretariat's paths are behind the JWT authorizer`);
  }
}
