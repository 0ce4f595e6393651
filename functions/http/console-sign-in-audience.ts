// The console's sign-in part: …/console/sign-in, callback, sign-out and signed-out, the only console
// routes with the OpenID client and the ID token check. In AWS the function http-console-sign-in.ts
// serves them; every other console function sends a browser without a session here.
import { logger } from '../handlers/runtime.ts';
import { secretariatGroup, type AppDependencies, type Audience } from './audience-app.ts';
import { signInClient, signInOrigins, type ConsoleSignInOptions } from './console/sign-in-client.ts';
import { signInRoutes } from './console/sign-in-routes.ts';

export type ConsoleSignInAudienceDependencies = Pick<AppDependencies, 'now' | 'publicBaseUrl'> & { consoleSignIn: ConsoleSignInOptions };

export function consoleSignInAudience(deps: ConsoleSignInAudienceDependencies): Audience {
  const client = signInClient(deps.consoleSignIn);
  return {
    name: 'console-sign-in',
    formActions: signInOrigins(deps.consoleSignIn),
    county({ app, config, table }) {
      app.route(
        '/console/',
        signInRoutes({
          table,
          config,
          now: deps.now,
          signIn: deps.consoleSignIn,
          signInClient: client,
          requiredGroup: secretariatGroup(config.county.id),
          ...(deps.publicBaseUrl ? { publicBaseUrl: deps.publicBaseUrl } : {}),
          logger,
        }),
      );
    },
  };
}
