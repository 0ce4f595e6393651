// The secretariat's single-step changes to one meeting: move, cancel (a typhoon day), change the
// venue, swap chairs, add an ad-hoc session. Each one is validated completely before anything is
// written, stored as an override, and then the series is re-planned at once so every invitee is
// told in the same run.
import type { CountyConfig, SeriesDefinition } from '../../core/series/county-config.ts';
import type { Occurrence } from '../../core/planning/occurrence.ts';
import { adHocSlotPrefix, type OccurrenceOverride } from '../../core/planning/override.ts';
import type { WorkingDayCalendar } from '../../core/planning/holiday-policy.ts';
import { Temporal, todayInTaipei } from '../../core/calendar/local-date.ts';
import type { MeetingTable } from '../../adapters/dynamodb/meeting-table.ts';
import { listOccurrences } from '../../adapters/dynamodb/occurrence-store.ts';
import { listOverrides, saveOverride } from '../../adapters/dynamodb/override-store.ts';
import { planSeriesOccurrences, type SeriesRunSummary } from '../plan-series-occurrences.ts';
import { SecretariatInputError } from './secretariat-input-error.ts';

export type Actor = { id: string };

type Common = { seriesId: string; reason: string; actor: Actor; now: Temporal.Instant };

export type OccurrenceChange =
  | (Common & { kind: 'move'; occurrence: string; date: string; start?: string; force?: boolean })
  | (Common & { kind: 'cancel'; occurrence: string })
  | (Common & { kind: 'venue'; occurrence: string; venueId: string })
  | (Common & { kind: 'swap-chairs'; occurrence: string; other: string })
  | (Common & { kind: 'add-ad-hoc'; date: string; start?: string; durationMinutes?: number; force?: boolean });

export type ChangeResult = { overrides: OccurrenceOverride[]; run: SeriesRunSummary };

export async function changeOccurrence(
  table: MeetingTable,
  config: CountyConfig,
  calendar: WorkingDayCalendar,
  change: OccurrenceChange,
): Promise<ChangeResult> {
  const series = findSeries(config, change.seriesId);
  const reason = requireReason(change.reason);
  const [stored, overrides] = await Promise.all([listOccurrences(table, series.id), listOverrides(table, series.id)]);
  const today = todayInTaipei(change.now);
  const base = (slotKey: string): OccurrenceOverride => ({
    ...(overrides.find((o) => o.slotKey === slotKey) ?? { seriesId: series.id, slotKey }),
    reason,
    updatedBy: change.actor.id,
    updatedAt: change.now.toString(),
  });

  let written: OccurrenceOverride[];
  switch (change.kind) {
    case 'move': {
      const occurrence = findUpcoming(series, stored, change.occurrence, today);
      const date = parseDate(change.date, 'date');
      if (Temporal.PlainDate.compare(date, today) < 0)
        throw new SecretariatInputError(`${change.date} is in the past: a meeting can only be moved to today or later`);
      requireWorkingDay(calendar, date, change.force);
      written = [
        {
          ...base(occurrence.slotKey),
          date: date.toString(),
          ...(change.start ? { start: parseTime(change.start) } : {}),
          forced: change.force === true,
        },
      ];
      break;
    }
    case 'cancel': {
      const occurrence = findUpcoming(series, stored, change.occurrence, today);
      if (occurrence.status === 'cancelled') throw new SecretariatInputError(`${series.id} ${occurrence.date} is already cancelled`, 409);
      written = [{ ...base(occurrence.slotKey), cancelled: true }];
      break;
    }
    case 'venue': {
      const occurrence = findUpcoming(series, stored, change.occurrence, today);
      if (!config.venues.some((v) => v.id === change.venueId)) {
        throw new SecretariatInputError(
          `unknown venue "${change.venueId}"; known venues: ${config.venues.map((v) => v.id).join(', ')}`,
          404,
        );
      }
      written = [{ ...base(occurrence.slotKey), venueId: change.venueId }];
      break;
    }
    case 'swap-chairs': {
      if (series.chair.kind !== 'rotating') throw new SecretariatInputError(`${series.id} has a fixed chair; there is nothing to swap`);
      const a = findUpcoming(series, stored, change.occurrence, today);
      const b = findUpcoming(series, stored, change.other, today);
      if (a.slotKey === b.slotKey) throw new SecretariatInputError('a meeting cannot swap chairs with itself');
      if (a.status === 'cancelled' || b.status === 'cancelled')
        throw new SecretariatInputError('a cancelled meeting has no chair to swap', 409);
      written = [
        { ...base(a.slotKey), chairUnitId: b.chairUnitId },
        { ...base(b.slotKey), chairUnitId: a.chairUnitId },
      ];
      break;
    }
    case 'add-ad-hoc': {
      if (!series.allowAdHocSessions)
        throw new SecretariatInputError(`${series.id} does not allow ad-hoc sessions (allowAdHocSessions is false in its configuration)`);
      const date = parseDate(change.date, 'date');
      if (Temporal.PlainDate.compare(date, today) < 0) throw new SecretariatInputError(`${change.date} is in the past`);
      requireWorkingDay(calendar, date, change.force);
      const start = change.start ? parseTime(change.start) : series.start;
      const slotKey = `${adHocSlotPrefix}${date.toString()}-${start.replace(':', '')}`;
      if (stored.some((o) => o.slotKey === slotKey) || overrides.some((o) => o.slotKey === slotKey)) {
        throw new SecretariatInputError(`${series.id} already has an ad-hoc session on ${date.toString()} at ${start}`, 409);
      }
      written = [
        {
          ...base(slotKey),
          adHoc: { date: date.toString(), start, ...(change.durationMinutes ? { durationMinutes: change.durationMinutes } : {}) },
          forced: change.force === true,
        },
      ];
      break;
    }
  }
  for (const override of written) await saveOverride(table, override);
  const run = await planSeriesOccurrences(table, config, series, calendar, change.now);
  return { overrides: written, run };
}

export function findSeries(config: CountyConfig, seriesId: string): SeriesDefinition {
  const series = config.series.find((s) => s.id === seriesId);
  if (!series)
    throw new SecretariatInputError(`unknown series "${seriesId}"; configured series: ${config.series.map((s) => s.id).join(', ')}`, 404);
  return series;
}

/** An occurrence named by its current date (2026-03-25) or its slot key (2026-03). */
function findUpcoming(series: SeriesDefinition, stored: readonly Occurrence[], name: string, today: Temporal.PlainDate): Occurrence {
  const matches = stored.filter((o) => o.date === name || o.slotKey === name);
  if (matches.length === 0) {
    throw new SecretariatInputError(
      `${series.id} has no meeting on or in "${name}"; list them with: npm run cli -- schedule --series ${series.id} --year <year>`,
      404,
    );
  }
  if (matches.length > 1)
    throw new SecretariatInputError(
      `"${name}" matches ${matches.length} meetings of ${series.id}; name it by its slot (${matches.map((m) => m.slotKey).join(', ')})`,
    );
  const occurrence = matches[0]!;
  if (Temporal.PlainDate.compare(Temporal.PlainDate.from(occurrence.date), today) < 0) {
    throw new SecretariatInputError(`${series.id} ${occurrence.date} has already taken place and cannot be changed`, 409);
  }
  return occurrence;
}

function requireWorkingDay(calendar: WorkingDayCalendar, date: Temporal.PlainDate, force: boolean | undefined): void {
  if (force || calendar.isWorkingDay(date)) return;
  const label = calendar.dayStatus(date).label;
  throw new SecretariatInputError(
    `${date.toString()} is a day off${label ? ` (${label})` : ''}; add --force to hold the meeting there anyway`,
  );
}

function requireReason(reason: string): string {
  const text = reason.trim();
  if (!text) throw new SecretariatInputError('a reason is required (--reason), so invitees and the record say why');
  if (text.length > 200 || /\p{Cc}/u.test(text)) throw new SecretariatInputError('the reason must be one line of at most 200 characters');
  return text;
}

function parseDate(text: string, field: string): Temporal.PlainDate {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) throw new SecretariatInputError(`${field}: "${text}" is not a date in the form YYYY-MM-DD`);
  try {
    return Temporal.PlainDate.from(text, { overflow: 'reject' });
  } catch {
    throw new SecretariatInputError(`${field}: "${text}" is not a real date`);
  }
}

function parseTime(text: string): string {
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(text)) throw new SecretariatInputError(`start: "${text}" is not a 24-hour time HH:MM`);
  return text;
}
