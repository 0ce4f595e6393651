// A console function that serves some of the console's sections (http-console.ts,
// http-console-minutes.ts, http-console-records.ts): one county's sections behind the session at
// /c/<county>/console/…, nothing of the sign-in. Each such function's audience module names its
// sections and passes them here, so it bundles only those pages.
import { countyBaseUrl, countySigningKey } from '../../core/access/token-signing.ts';
import type { AppDependencies, Audience } from '../audience-app.ts';
import { sectionRoutes, type ConsoleSection } from './section-routes.ts';

export type ConsolePagesDependencies = Pick<AppDependencies, 'now' | 'signingKey' | 'publicBaseUrl' | 'renderDocument'> & {
  /** Where the pages' forms may lead besides our own origin: the 登出 form ends at the sign-in service (sign-in-settings.ts). */
  formActions: readonly string[];
};

export function consolePagesAudience(
  name: string,
  deps: ConsolePagesDependencies,
  sections: readonly ConsoleSection[],
  root?: Audience['root'],
): Audience {
  return {
    name,
    formActions: deps.formActions,
    ...(root ? { root } : {}),
    county({ app, config, table }) {
      app.route('/console/', sectionRoutes(sectionDependencies(deps, { config, table }), sections));
    },
  };
}

/** What every section gets for one county: its table, its link key and where its links point. */
export function sectionDependencies(
  deps: Pick<AppDependencies, 'now' | 'signingKey' | 'publicBaseUrl' | 'renderDocument'>,
  { config, table }: Pick<Parameters<Audience['county']>[0], 'config' | 'table'>,
) {
  const countyId = config.county.id;
  return {
    table,
    config,
    now: deps.now,
    ...(deps.publicBaseUrl ? { publicBaseUrl: deps.publicBaseUrl, countyBaseUrl: countyBaseUrl(deps.publicBaseUrl, countyId) } : {}),
    ...(deps.signingKey ? { signingKey: countySigningKey(deps.signingKey, countyId) } : {}),
    ...(deps.renderDocument ? { renderDocument: deps.renderDocument } : {}),
  };
}
