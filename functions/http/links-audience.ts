// What people reach from a link in their mail, with no account (API Gateway's $default route, the
// links function): RSVP, the 開會通知單 link, and the front door (GET /). Every such link carries a
// token signed with the county's key. Nothing here imports the chairs' minutes pages
// (chair-minutes-audience.ts), the console, the secretariat's API or the calendar feeds
// (feeds-audience.ts): the links function's bundle holds none of them.
import { html } from 'hono/html';
import type { CountyConfig } from '../core/series/county-config.ts';
import { countySigningKey } from '../core/access/signed-token.ts';
import { logger } from '../handlers/runtime.ts';
import { rsvpRoutes } from './rsvp-routes.ts';
import { noticeDocumentRoutes } from './notice-document-routes.ts';
import type { AppDependencies, Audience } from './audience-app.ts';

export type LinksDependencies = Pick<AppDependencies, 'now' | 'signingKey' | 'renderDocument'> & {
  /**
   * The deployment has a console at /c/<county>/console/ (served by another function in AWS): the
   * front door and /c/<county> lead there. Without one, the front door only names the counties.
   */
  consoleHome: boolean;
  /**
   * The console is a function of its own (AWS, http-links.ts), which API Gateway reaches by
   * /c/{county}/console and /c/{county}/console/{proxy+}. A greedy {proxy+} need not match an empty
   * remainder, so the console's home …/console/ (where its sign-in returns, and where the front door
   * leads) may reach this function instead: it is sent to …/console, the route without the greedy
   * part, where the console function serves the same home.
   */
  consoleElsewhere?: boolean;
};

export function linksAudience(deps: LinksDependencies): Audience {
  return {
    name: 'links',
    // Nothing about meetings is served here: dates, venues and chairs are for those signed in or
    // holding a signed link. With one county, the front door is its console's (and so its sign-in);
    // with several, the officer picks theirs.
    root(app, counties) {
      app.get('/', (c) => {
        if (deps.consoleHome && counties.length === 1) return c.redirect(`/c/${counties[0]!.county.id}/console/`, 302);
        return c.html(landingPage(counties, deps.consoleHome));
      });
      if (!deps.consoleHome) return;
      for (const { county } of counties)
        for (const path of [`/c/${county.id}`, `/c/${county.id}/`]) app.get(path, (c) => c.redirect(`/c/${county.id}/console/`, 302));
      if (deps.consoleElsewhere)
        for (const { county } of counties) app.get(`/c/${county.id}/console/`, (c) => c.redirect(`/c/${county.id}/console`, 302));
    },
    county({ app, config, table }) {
      if (!deps.signingKey) return;
      const signingKey = countySigningKey(deps.signingKey, config.county.id);
      app.route('/', rsvpRoutes({ table, config, signingKey, now: deps.now, logger }));
      if (deps.renderDocument)
        app.route('/', noticeDocumentRoutes({ table, config, signingKey, now: deps.now, render: deps.renderDocument, logger }));
    },
  };
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
