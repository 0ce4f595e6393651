// Who is in each unit now. The configuration holds each unit's contacts as deployed; the
// secretariat's later edits (a new squad leader, someone who left) are roster changes stored in
// DynamoDB and laid over it, so a change of person needs no deploy.
import type { Contact, CountyConfig } from './county-config.ts';

export type RosterChange = { unitId: string; contact: Contact; removed: boolean; updatedBy: string; updatedAt: string };

/** The configuration with every unit's contacts as they stand after the roster changes. */
export function withRoster(config: CountyConfig, changes: readonly RosterChange[]): CountyConfig {
  return {
    ...config,
    units: config.units.map((unit) => {
      const contacts = new Map(unit.contacts.map((c) => [c.id, c]));
      for (const change of changes.filter((c) => c.unitId === unit.id)) {
        if (change.removed) contacts.delete(change.contact.id);
        else contacts.set(change.contact.id, change.contact);
      }
      return { ...unit, contacts: [...contacts.values()] };
    }),
  };
}

/** Contacts removed from a unit, kept so they can still be sent the cancellation they are owed. */
export function removedContacts(changes: readonly RosterChange[]): RosterChange[] {
  return changes.filter((c) => c.removed);
}
