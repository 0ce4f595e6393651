// The secretariat revokes every minutes link a contact holds (a forwarded e-mail, a lost phone,
// someone who left the unit). New links are signed with the raised version.
import type { MinutesActor } from '../../core/minutes/minutes-record.ts';
import { actorLabel } from '../../core/minutes/minutes-record.ts';
import { revokeLinks } from '../../adapters/dynamodb/link-version-store.ts';
import { countyNow, type MinutesContext } from './minutes-context.ts';
import { MinutesError } from './minutes-error.ts';

export async function revokeContactLinks(
  context: MinutesContext,
  actor: MinutesActor,
  contactId: string,
): Promise<{ contactId: string; linkVersion: number }> {
  // A contact removed from their unit may still hold links: they count as known too.
  const view = await countyNow(context);
  const known =
    view.contact(contactId) !== undefined ||
    view.removed.some((change) => change.contact.id === contactId) ||
    context.config.units.some((u) => u.contacts.some((c) => c.id === contactId));
  if (!known) throw new MinutesError('not-found', '找不到此聯絡人');
  const linkVersion = await revokeLinks(context.table, contactId, actorLabel(actor), context.now().toISOString());
  return { contactId, linkVersion };
}
