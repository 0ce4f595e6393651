// The secretariat console: /c/<county>/console/…, pages for people signed in through Cognito's
// managed login (or the local OpenID provider) with a server-side session. The console function
// serves only this; it alone bundles the pages and the OpenID client.
import { countyBaseUrl, countySigningKey } from '../core/access/signed-token.ts';
import { logger } from '../handlers/runtime.ts';
import { signInClient, signInOrigins, type ConsoleSignInOptions } from './console/sign-in-client.ts';
import { consoleRoutes } from './console/console-routes.ts';
import { secretariatGroup, type AppDependencies, type Audience } from './audience-app.ts';

export type ConsoleDependencies = Pick<AppDependencies, 'now' | 'signingKey' | 'publicBaseUrl' | 'renderDocument'> & {
  consoleSignIn: ConsoleSignInOptions;
  /**
   * Serve the home at /c/<county>/console as it is served at /c/<county>/console/, instead of
   * redirecting there. In AWS (http-console.ts) API Gateway may send …/console/ to the links
   * function (a greedy {proxy+} need not match an empty remainder), which sends it back to
   * …/console, the route without the greedy part: a redirect here would loop.
   */
  homeWithoutSlash?: boolean;
};

export function consoleAudience(deps: ConsoleDependencies): Audience {
  const client = signInClient(deps.consoleSignIn);
  return {
    name: 'console',
    formActions: signInOrigins(deps.consoleSignIn),
    root(app, counties) {
      for (const { county } of counties)
        app.get(`/c/${county.id}/console`, (c) => {
          if (!deps.homeWithoutSlash) return c.redirect(`/c/${county.id}/console/`, 302);
          // The same request at …/console/, through the whole app: session, headers, the home itself.
          const home = new URL(c.req.url);
          home.pathname += '/';
          return app.fetch(new Request(home, { method: c.req.method, headers: c.req.raw.headers }), c.env);
        });
    },
    county({ app, config, table }) {
      const countyId = config.county.id;
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
    },
  };
}
