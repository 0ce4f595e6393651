// The daily run's minutes follow-up: which held meetings still lack minutes, and who must be told.
import type { CountyConfig } from '../core/series/county-config.ts';
import type { Temporal } from '../core/calendar/local-date.ts';
import { minutesReminders } from '../core/notices/minutes-reminders.ts';
import type { Notice } from '../core/notices/notice.ts';
import { withRoster } from '../core/series/roster.ts';
import type { MeetingTable } from '../adapters/dynamodb/meeting-table.ts';
import { queueNotice } from '../adapters/dynamodb/outbox-store.ts';
import { listRosterChanges } from '../adapters/dynamodb/roster-store.ts';
import { minutesStatus } from './minutes/minutes-views.ts';

export async function queueMinutesReminders(table: MeetingTable, config: CountyConfig, now: Temporal.Instant): Promise<Notice[]> {
  const [rows, roster] = await Promise.all([
    minutesStatus({ table, config, now: () => new Date(now.epochMilliseconds) }),
    listRosterChanges(table),
  ]);
  const queued: Notice[] = [];
  for (const notice of minutesReminders(withRoster(config, roster), rows, now)) {
    if (await queueNotice(table, notice)) queued.push(notice);
  }
  return queued;
}
