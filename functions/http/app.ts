// One HTTP application for both homes: API Gateway + Lambda (hono/aws-lambda) and the local server
// of `npm start` (@hono/node-server), so routing, validation and auth are the same code.
//
// Counties are tenants: each county's routes are mounted under /c/<county> with a table scoped to
// that county, links checked with that county's own signing key, and the secretariat group
// `secretariat-<county>` required for its JSON API. Nothing below one county's mount can name
// another county's data.
import { Hono } from 'hono';
import { html } from 'hono/html';
import { secureHeaders } from 'hono/secure-headers';
import type { CountyConfig } from '../core/series/county-config.ts';
import { forCounty, type TableConnection } from '../adapters/dynamodb/meeting-table.ts';
import type { Counties } from '../adapters/config/county-registry.ts';
import { countyBaseUrl, countySigningKey } from '../core/access/signed-token.ts';
import { minutesRoutes } from './minutes-routes.ts';
import { minutesLinkRoutes } from './minutes-link-routes.ts';
import { rsvpRoutes } from './rsvp-routes.ts';
import { secretariatReplyRoutes } from './secretariat-reply-routes.ts';
import { feedRoutes } from './feed-routes.ts';
import { secretariatRoutes } from './secretariat-routes.ts';
import { documentRoutes } from './document-routes.ts';
import { noticeDocumentRoutes } from './notice-document-routes.ts';
import type { DocumentRenderer } from '../use-cases/documents/document-request.ts';
import { logger } from '../handlers/runtime.ts';
import type { SecretariatAuthOptions } from './secretariat-auth.ts';
import { signInClient, signInOrigins, type ConsoleSignInOptions, type SignInClient } from './console/sign-in-client.ts';
import { consoleRoutes } from './console/console-routes.ts';

/** Minutes and secretariat routes are mounted only with a link signing key and a sign-in to verify: never open. */
export type AppDependencies = {
  connection: TableConnection;
  counties: Counties;
  now: () => Date;
  /** The deployment's link secret; each county signs with a key derived from it. */
  signingKey?: Uint8Array;
  /** Issuer, audience and keys; the group is set per county (`secretariat-<county>`). */
  secretariatAuth?: SecretariatAuthOptions;
  /** Where links the API hands out point; the request's own origin when unset. */
  publicBaseUrl?: string;
  /**
   * The secretariat console's sign-in (Cognito managed login, or the local OpenID provider).
   * Without it there is no console: its pages are never served without a sign-in.
   */
  consoleSignIn?: ConsoleSignInOptions;
  /**
   * Renders documents: the document Lambda in AWS, the same code in-process locally. Without it the
   * document routes are not mounted (the HTTP function never renders documents itself).
   */
  renderDocument?: DocumentRenderer;
};

/** The Cognito group whose members are a county's secretariat. */
export const secretariatGroup = (countyId: string) => `secretariat-${countyId}`;

export function createApp(deps: AppDependencies): Hono {
  const app = new Hono();
  // Chromium checks form-action on every redirect after a form is posted: signing out posts to us
  // and is redirected to the sign-in service, which must therefore be allowed here.
  const formAction = ["'self'", ...(deps.consoleSignIn ? signInOrigins(deps.consoleSignIn) : [])];
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        // One same-origin script: the minutes form's row adder (minutes-form-script.ts). No inline script.
        scriptSrc: ["'self'"],
        styleSrc: ["'unsafe-inline'"],
        imgSrc: ["'self'"],
        formAction,
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
      },
      referrerPolicy: 'no-referrer',
    }),
  );

  // Nothing about meetings is served here: dates, venues and chairs are for those signed in or
  // holding a signed link. With one county, the front door is its console's (and so its sign-in);
  // with several, the officer picks theirs.
  const counties = deps.counties.all();
  app.get('/', (c) => {
    if (deps.consoleSignIn && counties.length === 1) return c.redirect(`/c/${counties[0]!.county.id}/console/`, 302);
    return c.html(landingPage(counties, !!deps.consoleSignIn));
  });
  const client = deps.consoleSignIn ? signInClient(deps.consoleSignIn) : undefined;
  for (const config of counties) {
    const id = config.county.id;
    if (client)
      for (const path of [`/c/${id}`, `/c/${id}/`, `/c/${id}/console`]) app.get(path, (c) => c.redirect(`/c/${id}/console/`, 302));
    app.route(`/c/${id}`, countyApp(config, deps, client));
  }
  return app;
}

function countyApp(config: CountyConfig, deps: AppDependencies, client: SignInClient | undefined): Hono {
  const app = new Hono();
  const countyId = config.county.id;
  const table = forCounty(deps.connection, countyId);
  if (deps.consoleSignIn && client) {
    // Mounted at "/console/" so that the console's home is /c/<county>/console/ (with the slash).
    app.route(
      '/console/',
      consoleRoutes({
        table,
        config,
        now: deps.now,
        signIn: deps.consoleSignIn,
        signInClient: client,
        requiredGroup: secretariatGroup(countyId),
        ...(deps.publicBaseUrl ? { publicBaseUrl: deps.publicBaseUrl, countyBaseUrl: countyBaseUrl(deps.publicBaseUrl, countyId) } : {}),
        ...(deps.signingKey ? { signingKey: countySigningKey(deps.signingKey, countyId) } : {}),
        ...(deps.renderDocument ? { renderDocument: deps.renderDocument } : {}),
        logger,
      }),
    );
  }
  if (!deps.signingKey) return app;
  const signingKey = countySigningKey(deps.signingKey, countyId);
  app.route('/', rsvpRoutes({ table, config, signingKey, now: deps.now, logger }));
  if (deps.renderDocument)
    app.route('/', noticeDocumentRoutes({ table, config, signingKey, now: deps.now, render: deps.renderDocument, logger }));
  if (deps.secretariatAuth) {
    app.route('/', minutesLinkRoutes({ table, config, now: deps.now, signingKey }));
    app.route(
      '/',
      minutesRoutes({
        table,
        config,
        now: deps.now,
        signingKey,
        secretariatAuth: { ...deps.secretariatAuth, requiredGroup: secretariatGroup(countyId) },
        ...(deps.publicBaseUrl ? { publicBaseUrl: countyBaseUrl(deps.publicBaseUrl, countyId) } : {}),
      }),
    );
    app.route(
      '/',
      secretariatRoutes({
        table,
        config,
        now: deps.now,
        signingKey,
        secretariatAuth: { ...deps.secretariatAuth, requiredGroup: secretariatGroup(countyId) },
        ...(deps.publicBaseUrl ? { publicBaseUrl: countyBaseUrl(deps.publicBaseUrl, countyId) } : {}),
        logger,
      }),
    );
    app.route(
      '/',
      secretariatReplyRoutes({
        table,
        config,
        secretariatAuth: { ...deps.secretariatAuth, requiredGroup: secretariatGroup(countyId) },
        logger,
      }),
    );
    app.route(
      '/',
      feedRoutes({
        table,
        config,
        now: deps.now,
        secretariatAuth: { ...deps.secretariatAuth, requiredGroup: secretariatGroup(countyId) },
        ...(deps.publicBaseUrl ? { publicBaseUrl: deps.publicBaseUrl } : {}),
        logger,
      }),
    );
    if (deps.renderDocument)
      app.route(
        '/',
        documentRoutes({
          table,
          config,
          now: deps.now,
          secretariatAuth: { ...deps.secretariatAuth, requiredGroup: secretariatGroup(countyId) },
          render: deps.renderDocument,
          logger,
        }),
      );
  }
  return app;
}

function landingPage(counties: readonly CountyConfig[], withConsole: boolean) {
  return html`<!doctype html>
    <html lang="zh-Hant-TW">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>社會安全網會議排程</title>
      </head>
      <body
        style="font-family: system-ui, 'Noto Sans TC', sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.6"
      >
        <h1>社會安全網會議排程</h1>
        <p>本服務為下列縣市安排社會安全網跨網絡會議。會議通知、出席回覆與會議紀錄連結皆以電子郵件個別寄送。</p>
        ${
          withConsole
            ? html`<h2>幕僚工作台</h2>
                <p>請選擇您的縣市，登入後使用：</p>`
            : ''
        }
        <ul>
          ${counties.map((c) =>
            withConsole ? html`<li><a href="/c/${c.county.id}/console/">${c.county.name.zh}</a></li>` : html`<li>${c.county.name.zh}</li>`,
          )}
        </ul>
      </body>
    </html>`;
}
