// The console's pages behind the session, for one county at /c/<county>/console/: the session
// middleware, then the sections given, then the console's own 404 page. Which sections are given is
// the caller's choice, so that a Lambda entry bundles only its own pages (console-audience.ts gives
// them all; http-console.ts, http-console-minutes.ts and http-console-records.ts each give theirs).
// A browser without a session is sent to …/console/sign-in, which sign-in-routes.ts serves, in the
// same app locally and in a function of its own in AWS.
//
// One session middleware for all the sections given: mounted once per section it would look the
// session up (and touch it) once per section on every request.
import { Hono } from 'hono';
import { html } from 'hono/html';
import { consolePage } from './console-layout.ts';
import { consolePlace, requireConsoleSession, type ConsoleEnv, type ConsoleSectionDependencies } from './console-session.ts';

/** One section module's routes (home-page.ts, minutes-list-page.ts, …), below the console's base. */
export type ConsoleSection = (deps: ConsoleSectionDependencies) => Hono<ConsoleEnv>;

export type SectionRoutesDependencies = ConsoleSectionDependencies & { publicBaseUrl?: string };

export function sectionRoutes(deps: SectionRoutesDependencies, sections: readonly ConsoleSection[]): Hono<ConsoleEnv> {
  const { table, config, now } = deps;
  const place = consolePlace(config.county.id, deps.publicBaseUrl);
  const app = new Hono<ConsoleEnv>();
  app.use('*', requireConsoleSession({ table, config, now, place }));
  const sectionDeps: ConsoleSectionDependencies = {
    table,
    config,
    now,
    ...(deps.signingKey ? { signingKey: deps.signingKey } : {}),
    ...(deps.countyBaseUrl ? { countyBaseUrl: deps.countyBaseUrl } : {}),
    ...(deps.renderDocument ? { renderDocument: deps.renderDocument } : {}),
  };
  for (const section of sections) app.route('/', section(sectionDeps));
  // Any other path below the console, for someone signed in: said in words, with the way back,
  // instead of the framework's English "404 Not Found".
  app.all('*', (c) => {
    const frame = c.get('console');
    return c.html(
      consolePage(frame, {
        title: '找不到這個頁面',
        body: html`<p>幕僚工作台沒有這個網址的頁面，可能是網址輸入有誤，或連結已經過時。</p>
          <p><a href="${frame.base}/">回到總覽</a></p>`,
      }),
      404,
    );
  });
  return app;
}
