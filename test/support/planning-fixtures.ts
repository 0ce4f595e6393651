// Pure planning inputs built from the real default configuration and the real office calendar.
import { loadCountyConfigFile } from '../../functions/adapters/config/county-config-file.ts';
import { OfficeCalendar } from '../../functions/core/calendar/office-calendar.ts';
import { bundledCalendarYears } from '../../functions/core/calendar/bundled-calendar.ts';
import { Temporal } from '../../functions/core/calendar/local-date.ts';
import type { SeriesDefinition } from '../../functions/core/series/county-config.ts';
import type { Occurrence } from '../../functions/core/planning/occurrence.ts';
import type { ChangeSet } from '../../functions/core/planning/plan-series.ts';

export const config = loadCountyConfigFile();
export const officeCalendar = OfficeCalendar.from(bundledCalendarYears());

export function seriesById(id: string): SeriesDefinition {
  const series = config.series.find((s) => s.id === id);
  if (!series) throw new Error(`no series ${id} in the default configuration`);
  return series;
}

export const caseConference = seriesById('child-protection-case-conference');

/** 09:00 in Taipei on the given date. */
export function taipeiMorning(date: string): Temporal.Instant {
  return Temporal.Instant.from(`${date}T09:00+08:00`);
}

let uidCounter = 0;
export const testUid = () => `uid-${++uidCounter}@test`;

/** What DynamoDB would hold after applying a change set: the in-memory twin of the adapter. */
export function applyChanges(stored: readonly Occurrence[], changeSet: ChangeSet): Occurrence[] {
  const bySlot = new Map(stored.map((o) => [o.slotKey, o]));
  for (const change of changeSet.changes) {
    if (change.kind === 'create') bySlot.set(change.occurrence.slotKey, change.occurrence);
    else bySlot.set(change.after.slotKey, change.after);
  }
  return [...bySlot.values()];
}
