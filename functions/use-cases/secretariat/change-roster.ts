// A person joins or leaves a unit's roster. Validated like the configuration (one-line names, a
// real address), stored as a roster change, then every series that invites the unit is re-planned
// so the newcomer gets the invitations already sent and the leaver gets cancellations.
import type { CountyConfig } from '../../core/series/county-config.ts';
import { contactSchema } from '../../core/series/county-config.ts';
import type { WorkingDayCalendar } from '../../core/planning/holiday-policy.ts';
import type { Temporal } from '../../core/calendar/local-date.ts';
import { withRoster } from '../../core/series/roster.ts';
import type { MeetingTable } from '../../adapters/dynamodb/meeting-table.ts';
import { listRosterChanges, saveRosterChange } from '../../adapters/dynamodb/roster-store.ts';
import { planSeriesOccurrences, type SeriesRunSummary } from '../plan-series-occurrences.ts';
import { SecretariatInputError } from './secretariat-input-error.ts';
import type { Actor } from './change-occurrence.ts';

export type RosterEdit =
  | { kind: 'add'; unitId: string; contact: { id: string; name: string; email: string; title?: string } }
  | { kind: 'remove'; unitId: string; contactId: string };

export async function changeRoster(
  table: MeetingTable,
  config: CountyConfig,
  calendar: WorkingDayCalendar,
  edit: RosterEdit,
  actor: Actor,
  now: Temporal.Instant,
): Promise<SeriesRunSummary[]> {
  const current = withRoster(config, await listRosterChanges(table));
  const unit = current.units.find((u) => u.id === edit.unitId);
  if (!unit) throw new SecretariatInputError(`unknown unit "${edit.unitId}"; units: ${config.units.map((u) => u.id).join(', ')}`, 404);
  const at = now.toString();

  if (edit.kind === 'add') {
    const parsed = contactSchema.safeParse({ ...edit.contact, placeholder: false });
    if (!parsed.success) {
      throw new SecretariatInputError(parsed.error.issues.map((i) => `${i.path.join('.') || 'contact'}: ${i.message}`).join('; '));
    }
    const elsewhere = current.units.find((u) => u.id !== unit.id && u.contacts.some((c) => c.id === parsed.data.id));
    if (elsewhere) throw new SecretariatInputError(`contact id "${parsed.data.id}" is already used in ${elsewhere.id}`, 409);
    await saveRosterChange(table, { unitId: unit.id, contact: parsed.data, removed: false, updatedBy: actor.id, updatedAt: at });
  } else {
    const contact = unit.contacts.find((c) => c.id === edit.contactId);
    if (!contact)
      throw new SecretariatInputError(
        `${unit.id} has no contact "${edit.contactId}"; contacts: ${unit.contacts.map((c) => c.id).join(', ')}`,
        404,
      );
    if (unit.contacts.length === 1)
      throw new SecretariatInputError(
        `${contact.id} is the last contact of ${unit.id}; add the successor first, so the unit is never left without invitations`,
        409,
      );
    await saveRosterChange(table, { unitId: unit.id, contact, removed: true, updatedBy: actor.id, updatedAt: at });
  }

  const affected = config.series.filter((s) => s.invitedUnitIds.includes(unit.id));
  const runs: SeriesRunSummary[] = [];
  for (const series of affected) runs.push(await planSeriesOccurrences(table, config, series, calendar, now));
  return runs;
}
