// One view of a county as it is now: the deployed configuration with the secretariat's roster
// changes laid over it. Every question about who is in a unit, who is invited to a series, or what
// a unit, venue or series is called is answered here, so that a contact added with `contact add` is
// invited everywhere at once and a removed one nowhere: a look-up written by hand against the
// deployed configuration alone is how an added contact's answer came to be refused as "not invited"
// while a removed one could still answer.
//
// Build it once per request or run (use-cases/load-county-view.ts reads the roster changes) and
// pass it down; it is pure and never changes after it is built.
import type { Contact, CountyConfig, NetworkUnit, SeriesDefinition, Venue } from './county-config.ts';
import { removedContacts, withRoster, type RosterChange } from './roster.ts';
import { recipientName } from '../notices/recipient-name.ts';

/**
 * A person invited to a series, as a notice addresses them: one message per contact. The same
 * shape as a notice's Recipient (core/notices/notice.ts), so it can be queued as it is.
 */
export type Invitee = {
  contactId: string;
  unitId: string;
  /** `<unit> <contact>`, as the To line and the ATTENDEE's CN show it. */
  name: string;
  email: string;
};

/** A series, by its definition or its id. */
export type SeriesRef = string | Pick<SeriesDefinition, 'id'>;

export type CountyView = {
  /** The configuration with the roster applied, for code that still takes a CountyConfig. */
  readonly config: CountyConfig;
  readonly units: readonly NetworkUnit[];
  readonly series: readonly SeriesDefinition[];
  readonly venues: readonly Venue[];
  unit(unitId: string): NetworkUnit | undefined;
  /** The unit's zh-TW name, or its id when the unit is no longer configured. */
  unitName(unitId: string): string;
  findSeries(seriesId: string): SeriesDefinition | undefined;
  venue(venueId: string): Venue | undefined;
  /** The unit a contact belongs to now, if any. */
  unitOf(contactId: string): NetworkUnit | undefined;
  contact(contactId: string): Contact | undefined;
  /** Everyone a series invites now: every contact of every invited unit, in configuration order. */
  recipients(series: SeriesRef): Invitee[];
  /** Every contact of one unit now (the chair unit's, for chair notices). */
  unitRecipients(unitId: string): Invitee[];
  /** The contact, if the series invites them now. */
  invitee(series: SeriesRef, contactId: string): Invitee | undefined;
  isInvited(series: SeriesRef, contactId: string): boolean;
  /** The invitees of a series with this address, compared case-insensitively (one mailbox may serve two contacts). */
  inviteesByAddress(series: SeriesRef, address: string): Invitee[];
  /** Whether two contacts are in the same unit now (a secretary answering for their chief). */
  sameUnit(contactId: string, otherContactId: string): boolean;
  /** Contacts removed from a unit: still owed the uninvitation (CANCEL) for meetings they hold. */
  readonly removed: readonly RosterChange[];
};

export function countyView(deployed: CountyConfig, changes: readonly RosterChange[] = []): CountyView {
  const config = withRoster(deployed, changes);
  const units = new Map(config.units.map((u) => [u.id, u]));
  const series = new Map(config.series.map((s) => [s.id, s]));
  const venues = new Map(config.venues.map((v) => [v.id, v]));
  const unitOfContact = new Map<string, NetworkUnit>();
  const contacts = new Map<string, Contact>();
  for (const unit of config.units)
    for (const contact of unit.contacts) {
      unitOfContact.set(contact.id, unit);
      contacts.set(contact.id, contact);
    }

  const unitRecipients = (unitId: string): Invitee[] => {
    const unit = units.get(unitId);
    return (unit?.contacts ?? []).map((contact) => ({
      contactId: contact.id,
      unitId,
      name: recipientName(unit!.name.zh, contact.name),
      email: contact.email,
    }));
  };
  const seriesOf = (ref: SeriesRef) => series.get(typeof ref === 'string' ? ref : ref.id);
  const recipients = (ref: SeriesRef): Invitee[] => (seriesOf(ref)?.invitedUnitIds ?? []).flatMap(unitRecipients);
  const invitee = (ref: SeriesRef, contactId: string): Invitee | undefined => {
    const unit = unitOfContact.get(contactId);
    if (!unit || !seriesOf(ref)?.invitedUnitIds.includes(unit.id)) return undefined;
    return unitRecipients(unit.id).find((r) => r.contactId === contactId);
  };

  return {
    config,
    units: config.units,
    series: config.series,
    venues: config.venues,
    unit: (unitId) => units.get(unitId),
    unitName: (unitId) => units.get(unitId)?.name.zh ?? unitId,
    findSeries: (seriesId) => series.get(seriesId),
    venue: (venueId) => venues.get(venueId),
    unitOf: (contactId) => unitOfContact.get(contactId),
    contact: (contactId) => contacts.get(contactId),
    recipients,
    unitRecipients,
    invitee,
    isInvited: (ref, contactId) => invitee(ref, contactId) !== undefined,
    inviteesByAddress: (ref, address) => {
      const wanted = comparableAddress(address);
      return recipients(ref).filter((r) => comparableAddress(r.email) === wanted);
    },
    sameUnit: (contactId, otherContactId) => {
      const unit = unitOfContact.get(contactId);
      return unit !== undefined && unit === unitOfContact.get(otherContactId);
    },
    removed: removedContacts(changes),
  };
}

/** `MAILTO:Someone@Example.org ` and `someone@example.org` are one mailbox. */
function comparableAddress(address: string): string {
  return address
    .trim()
    .replace(/^mailto:/i, '')
    .trim()
    .toLowerCase();
}
