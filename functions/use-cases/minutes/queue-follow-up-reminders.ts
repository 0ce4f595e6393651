// The daily run's reminders to units that owe outcome follow-up forms (成效追蹤表): read what is
// owed (one index query), decide what is due today (core/notices/follow-up-reminders), and queue
// each notice under its identity. The outbox put is conditional on that identity and a sent item
// is kept, so a repeated run, or two at once, queues each reminder once.
import type { CountyConfig } from '../../core/series/county-config.ts';
import type { WorkingDayCalendar } from '../../core/planning/holiday-policy.ts';
import type { Temporal } from '../../core/calendar/local-date.ts';
import type { Notice } from '../../core/notices/notice.ts';
import { followUpReminders } from '../../core/notices/follow-up-reminders.ts';
import { withRoster } from '../../core/series/roster.ts';
import type { MeetingTable } from '../../adapters/dynamodb/meeting-table.ts';
import { listRosterChanges } from '../../adapters/dynamodb/roster-store.ts';
import { queueNotice } from '../../adapters/dynamodb/outbox-store.ts';
import { owedFollowUpForms } from './owed-follow-ups.ts';

/** Returns the notices this run queued (none when all were queued before). */
export async function queueFollowUpReminders(
  table: MeetingTable,
  config: CountyConfig,
  /** The office calendar, or its read still under way (the planner reads it beside its own reads). */
  calendar: Pick<WorkingDayCalendar, 'isWorkingDay'> | Promise<Pick<WorkingDayCalendar, 'isWorkingDay'>>,
  now: Temporal.Instant,
): Promise<Notice[]> {
  const [owed, roster] = await Promise.all([owedFollowUpForms(table), listRosterChanges(table)]);
  if (owed.length === 0) return [];
  // The unit's contacts as they are now, roster changes included.
  const notices = followUpReminders(withRoster(config, roster), owed, await calendar, now);
  const queued: Notice[] = [];
  for (const notice of notices) if (await queueNotice(table, notice)) queued.push(notice);
  return queued;
}
