// The secretariat console, whole: /c/<county>/console/…, pages for people signed in through Cognito's
// managed login (or the local OpenID provider) with a server-side session. app.ts serves it this way
// (npm start, the tests). In AWS it is six functions, each importing only its part:
// console-sign-in-audience.ts (http-console-sign-in.ts), console-meetings-audience.ts
// (http-console.ts), console-meeting-actions-audience.ts (http-console-meeting-actions.ts),
// console-minutes-audience.ts (http-console-minutes.ts), console-contacts-audience.ts
// (http-console-contacts.ts) and console-records-audience.ts (http-console-records.ts); console/console-parts.ts says which paths each serves.
//
// The parts' sections are mounted here behind ONE session middleware and one 404 page: each part's
// own audience would bring its own, and the first part's 404 page would answer for the others.
import { sectionRoutes } from './console/section-routes.ts';
import { sectionDependencies } from './console/pages-audience.ts';
import { signInOrigins } from './console/sign-in-settings.ts';
import { consoleSignInAudience, type ConsoleSignInAudienceDependencies } from './console-sign-in-audience.ts';
import { consoleHomeRoot, meetingSections } from './console-meetings-audience.ts';
import { meetingActionSections } from './console-meeting-actions-audience.ts';
import { minutesSections } from './console-minutes-audience.ts';
import { recordsSections } from './console-records-audience.ts';
import { contactsSections } from './console-contacts-audience.ts';
import type { AppDependencies, Audience } from './audience-app.ts';

export type ConsoleDependencies = Pick<AppDependencies, 'now' | 'signingKey' | 'publicBaseUrl' | 'renderDocument'> &
  ConsoleSignInAudienceDependencies & {
    /** Serve the home at /c/<county>/console as at …/console/ instead of redirecting (see consoleHomeRoot). */
    homeWithoutSlash?: boolean;
  };

export const allConsoleSections = [
  ...meetingSections,
  ...meetingActionSections,
  ...minutesSections,
  ...contactsSections,
  ...recordsSections,
];

export function consoleAudience(deps: ConsoleDependencies): Audience {
  const signIn = consoleSignInAudience(deps);
  return {
    name: 'console',
    formActions: signInOrigins(deps.consoleSignIn),
    root: consoleHomeRoot(deps.homeWithoutSlash ?? false),
    county(mount) {
      // Signing in first: its paths must not meet the session middleware of the pages behind it.
      signIn.county(mount);
      mount.app.route('/console/', sectionRoutes(sectionDependencies(deps, mount), allConsoleSections));
    },
  };
}
