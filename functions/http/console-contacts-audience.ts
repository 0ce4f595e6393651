// The console's contacts part: 聯絡人, each unit's contacts (the roster): added, removed and re-added,
// each change re-planning who is invited. A part of its own because checking a new contact brings
// zod (core/series/contact-schema.ts, about 19 KB), which no other console page needs. In AWS the
// function http-console-contacts.ts serves it at /c/{county}/console/contacts and
// …/contacts/{proxy+} (console/console-parts.ts).
import type { Audience } from './audience-app.ts';
import { consolePagesAudience, type ConsolePagesDependencies } from './console/pages-audience.ts';
import type { ConsoleSection } from './console/section-routes.ts';
import { contactsRoutes } from './console/contacts-page.ts';

export const contactsSections: readonly ConsoleSection[] = [contactsRoutes];

export function consoleContactsAudience(deps: ConsolePagesDependencies): Audience {
  return consolePagesAudience('console-contacts', deps, contactsSections);
}
