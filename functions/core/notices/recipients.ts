import type { CountyConfig, SeriesDefinition } from '../series/county-config.ts';
import type { Recipient } from './notice.ts';
import { recipientName } from './recipient-name.ts';

/** Everyone invited to a series: every contact of every invited unit, one message each. */
export function seriesRecipients(config: CountyConfig, series: SeriesDefinition): Recipient[] {
  return series.invitedUnitIds.flatMap((unitId) => unitRecipients(config, unitId));
}

export function unitRecipients(config: CountyConfig, unitId: string): Recipient[] {
  const unit = config.units.find((u) => u.id === unitId);
  return (unit?.contacts ?? []).map((contact) => ({
    contactId: contact.id,
    unitId,
    name: recipientName(unit?.name.zh ?? unitId, contact.name),
    email: contact.email,
  }));
}
