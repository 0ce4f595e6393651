// After a meeting the chair's unit is told the minutes are due, and once more when they are late.
// Each is one notice per (meeting, chair unit), so repeating the daily run sends nothing new.
import type { CountyConfig } from '../series/county-config.ts';
import { noticeTime, type Notice } from './notice.ts';
import { unitRecipients } from './recipients.ts';
import { Temporal, todayInTaipei } from '../calendar/local-date.ts';

export type MinutesStatus = { seriesId: string; slotKey: string; date: string; chairUnitId: string; state: string; dueDate: string };

/** Reminders older than this are history, not news: a first deployment does not mail every past meeting. */
const lookBackDays = 45;

export function minutesReminders(config: CountyConfig, rows: readonly MinutesStatus[], now: Temporal.Instant): Notice[] {
  const today = todayInTaipei(now);
  const horizon = today.subtract({ days: lookBackDays }).toString();
  const notices: Notice[] = [];
  for (const row of rows) {
    // Written and submitted minutes need nothing from the chair.
    if (row.state !== 'none' && row.state !== 'draft') continue;
    if (row.date >= today.toString() || row.date < horizon) continue;
    const kind = Temporal.PlainDate.compare(today, Temporal.PlainDate.from(row.dueDate)) > 0 ? 'minutes-overdue' : 'minutes-due';
    for (const recipient of unitRecipients(config, row.chairUnitId)) {
      notices.push({
        seriesId: row.seriesId,
        slotKey: row.slotKey,
        kind,
        variant: row.chairUnitId,
        sequence: 0,
        recipient,
        dueAt: noticeTime(now),
      });
    }
  }
  return notices;
}
